// What the organizations module does with organizations themselves: create, edit, show.
import { and, eq, like, or } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { NotFound, ValidationFailed } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { displayNames } from '../accounts/service.ts';
import { searchTerms } from '../search/terms.ts';
import { parseTerritoryKey, type Territory } from '../territories/data.ts';
import type { OrganizationInput } from './inputs.ts';
import { memberships, organizations, type MemberRole, type MembershipStatus } from './schema.ts';
import { isValidSiret } from './siret.ts';
import { readableHidden, type HiddenNotice } from '../moderation/visibility.ts';

export type Organization = typeof organizations.$inferSelect;

// Paths under /organizations/ that a slug must not shadow.
const reservedSlugs = new Set(['new']);

/** "Métropole de Lyon" -> "metropole-de-lyon": readable, accent-free, safe in a URL. */
export function slugify(name: string): string {
  const base = name
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return base || 'organisation';
}

async function uniqueSlug(tx: Tx, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (await tx.select({ slug: organizations.slug }).from(organizations).where(or(eq(organizations.slug, base), like(organizations.slug, `${base}-%`)))).map((r) => r.slug),
  );
  if (!taken.has(base) && !reservedSlugs.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

function checkedTerritory(key: string | undefined): Territory | undefined {
  if (!key) return undefined;
  const territory = parseTerritoryKey(key);
  if (!territory) throw ValidationFailed.one('territory', 'choice');
  return territory;
}

function checkedSiret(siret: string | undefined): string | null {
  if (!siret) return null;
  if (!isValidSiret(siret)) throw ValidationFailed.one('siret', 'organizations:validation.siretChecksum');
  return siret;
}

function fields(input: OrganizationInput) {
  const territory = checkedTerritory(input.territory);
  const domains = [...new Set(input.domains ?? [])];
  return {
    name: input.name,
    type: input.type,
    description: input.description ?? '',
    website: input.website ?? null,
    domains,
    territoryKind: territory?.kind ?? null,
    territoryCode: territory?.code ?? null,
    siret: checkedSiret(input.siret),
    searchTerms: searchTerms({ territoryKind: territory?.kind, territoryCode: territory?.code, domains }),
  };
}

/** The creator becomes the organization's first admin; its type stays claimed until verified. */
export async function createOrganization(db: Db, actor: Actor, input: OrganizationInput): Promise<Organization> {
  const user = actor.user;
  if (!user) throw new NotFound('account');
  const values = fields(input);
  return db.transaction(async (tx) => {
    const slug = await uniqueSlug(tx, input.name);
    const [org] = await tx.insert(organizations).values({ ...values, slug, createdBy: user.id }).returning();
    await tx.insert(memberships).values({ organizationId: org!.id, userId: user.id, role: 'admin', status: 'active' });
    return org!;
  });
}

/** The slug never changes, so links keep working. A new type or SIRET is only claimed again. */
export async function updateOrganization(db: Db, org: Organization, input: OrganizationInput): Promise<void> {
  const values = fields(input);
  const siretChanged = values.siret !== org.siret;
  const unverify = siretChanged || values.type !== org.type;
  await db
    .update(organizations)
    .set({
      ...values,
      updatedAt: now(),
      ...(unverify ? { verifiedAt: null, verifiedBy: null } : {}),
      ...(siretChanged ? { legalName: null, legalCategory: null } : {}),
    })
    .where(eq(organizations.id, org.id));
}

export async function findOrganization(db: Db | Tx, slug: string): Promise<Organization> {
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  if (!org) throw new NotFound('organization');
  return org;
}

/**
 * An organization's profile as its page and the API open it: hidden by the moderators, it is still read by its
 * creator, its members and the moderators (with why), and answers 410 to everyone else.
 */
export async function organizationHidden(db: Db, actor: Actor, org: Organization): Promise<HiddenNotice | undefined> {
  return readableHidden(db, actor, 'organization', org.id, { authorId: org.createdBy, organizerIds: [org.id] });
}

export interface Member {
  userId: number;
  displayName: string;
  role: MemberRole;
  status: MembershipStatus;
  since: Date;
}

/** Everyone attached to the organization, in two queries whatever their number: admins first, then by name. */
export async function listMembers(db: Db | Tx, organizationId: number, status?: MembershipStatus): Promise<Member[]> {
  const rows = await db
    .select({ userId: memberships.userId, role: memberships.role, status: memberships.status, since: memberships.createdAt })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), status ? eq(memberships.status, status) : undefined));
  const names = await displayNames(db, rows.map((row) => row.userId));
  return rows
    .map((row) => ({ ...row, displayName: names.get(row.userId) ?? '' }))
    .sort((a, b) => a.role.localeCompare(b.role) || a.displayName.localeCompare(b.displayName, 'fr') || a.userId - b.userId);
}

/** The form's values for an organization as it is, to edit it. */
export function organizationValues(org: Organization): Record<string, unknown> {
  return {
    name: org.name,
    type: org.type,
    description: org.description,
    website: org.website ?? undefined,
    domains: org.domains,
    territory: org.territoryKind && org.territoryCode ? `${org.territoryKind}:${org.territoryCode}` : undefined,
    siret: org.siret ?? undefined,
  };
}
