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

export interface ConsultationFixture {
  slug: string;
  /** a contribution of the open phase, written by the given author */
  contributionId: number;
  /** an argument and a comment on it, by the same author */
  argumentId: number;
  commentId: number;
}

/** A consultation organized by an organization, its first phase open now, the second closed, one contribution. */
export async function consultationFixture(app: FastifyInstance, organizationSlug: string, authorId: number, slug = `${organizationSlug}-consultation`): Promise<ConsultationFixture> {
  const { consultations, consultationOrganizers, consultationThemes, phases, contributions, contributionRevisions, contributionArguments, comments } = await import('../../src/modules/consultations/schema.ts');
  const db = app.ctx.db;
  const day = 86_400_000;
  const at = Date.now();
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, organizationSlug));
  const [consultation] = await db.insert(consultations).values({ slug, title: `Consultation ${slug}`, description: 'Une consultation pour les tests, avec une description assez longue.' }).returning();
  await db.insert(consultationOrganizers).values({ consultationId: consultation!.id, organizationId: org!.id });
  await db.insert(consultationThemes).values({ consultationId: consultation!.id, slug: 'mobilite', label: 'Mobilité' });
  const [open] = await db
    .insert(phases)
    .values({ consultationId: consultation!.id, position: 1, title: 'Partageons nos besoins', question: 'Quels sont vos besoins ?', startsAt: new Date(at - day), endsAt: new Date(at + 30 * day), kinds: ['need', 'idea'] })
    .returning();
  await db.insert(phases).values({ consultationId: consultation!.id, position: 2, title: 'Phase passée', question: 'Et avant ?', startsAt: new Date(at - 60 * day), endsAt: new Date(at - 30 * day), kinds: ['idea'] });
  const [contribution] = await db
    .insert(contributions)
    .values({ consultationId: consultation!.id, phaseId: open!.id, kind: 'need', title: 'Un besoin de test', body: 'Le corps de la contribution de test.', authorId })
    .returning();
  await db.insert(contributionRevisions).values({ contributionId: contribution!.id, title: contribution!.title, body: contribution!.body, kind: 'need', editedBy: authorId });
  const [argument] = await db.insert(contributionArguments).values({ contributionId: contribution!.id, side: 'for', text: 'Un argument pour.', authorId }).returning();
  const [comment] = await db.insert(comments).values({ contributionId: contribution!.id, authorId, body: 'Un commentaire.' }).returning();
  const { refreshCounts } = await import('../../src/modules/consultations/counts.ts');
  await refreshCounts(db, [contribution!.id]);
  return { slug, contributionId: contribution!.id, argumentId: argument!.id, commentId: comment!.id };
}
