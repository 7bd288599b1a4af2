// One signed-in browser per role of PRODUCT.md, on a test app, for authorization walks.
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createUserDirect } from '../../src/modules/accounts/service.ts';
import { users, type PlatformRole } from '../../src/modules/accounts/schema.ts';
import { memberships, organizations, type OrganizationType } from '../../src/modules/organizations/schema.ts';
import { Browser, strongPassword } from './app.ts';

export const roles = ['visitor', 'member', 'orgAdmin', 'moderator', 'admin'] as const;
export type Role = (typeof roles)[number];

export interface RoleFixture {
  browsers: Record<Role, Browser>;
  userIds: Record<Exclude<Role, 'visitor'>, number>;
  /** slug of the organization the orgAdmin administers */
  organizationSlug: string;
}

export async function signIn(app: FastifyInstance, email: string, ip: string): Promise<Browser> {
  const browser = new Browser(app, ip);
  const response = await browser.post('/login', { email, password: strongPassword, next: '/' });
  if (response.statusCode !== 303) throw new Error(`sign-in of ${email} failed: ${response.statusCode}`);
  return browser;
}

export async function makeUser(app: FastifyInstance, email: string, platformRole: PlatformRole = 'member'): Promise<number> {
  const user = await createUserDirect(app.ctx.db, { email, password: strongPassword, displayName: email.split('@')[0] });
  if (platformRole !== 'member') await app.ctx.db.update(users).set({ platformRole }).where(eq(users.id, user.id));
  return user.id;
}

export async function makeOrganization(app: FastifyInstance, slug: string, adminId: number, type: OrganizationType = 'collectivite'): Promise<number> {
  const [org] = await app.ctx.db.insert(organizations).values({ slug, name: `Organisation ${slug}`, type }).returning({ id: organizations.id });
  await app.ctx.db.insert(memberships).values({ organizationId: org!.id, userId: adminId, role: 'admin' });
  return org!.id;
}

export async function roleFixture(app: FastifyInstance, prefix = 'role'): Promise<RoleFixture> {
  const userIds = {
    member: await makeUser(app, `${prefix}-member@example.org`),
    orgAdmin: await makeUser(app, `${prefix}-orgadmin@example.org`),
    moderator: await makeUser(app, `${prefix}-moderator@example.org`, 'moderator'),
    admin: await makeUser(app, `${prefix}-admin@example.org`, 'admin'),
  };
  const organizationSlug = `${prefix}-ville`;
  await makeOrganization(app, organizationSlug, userIds.orgAdmin);
  // Each browser has its own address so sign-in rate limits do not interfere.
  const browsers = {
    visitor: new Browser(app, '10.0.0.1'),
    member: await signIn(app, `${prefix}-member@example.org`, '10.0.0.2'),
    orgAdmin: await signIn(app, `${prefix}-orgadmin@example.org`, '10.0.0.3'),
    moderator: await signIn(app, `${prefix}-moderator@example.org`, '10.0.0.4'),
    admin: await signIn(app, `${prefix}-admin@example.org`, '10.0.0.5'),
  };
  return { browsers, userIds, organizationSlug };
}
