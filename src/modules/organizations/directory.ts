// The public directory: filters read leniently from a query string, and one page of organizations in two queries.
import { and, arrayContains, asc, count, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { codesWithin, type Territory } from '../territories/data.ts';
import { resolveTerritory as resolveTerritoryText } from '../territories/resolve.ts';
import { domains, organizations, organizationTypes, type Domain, type OrganizationType } from './schema.ts';
import { escapeLike } from '../../platform/db/like.ts';
import { notHidden } from '../moderation/visibility.ts';

/** Left out of the directory, its API and the search: a profile the moderators hid. */
export const visibleOrganization = notHidden('organization', organizations.id);

export const pageSize = 20;
const maxPage = 10_000;

export interface DirectoryFilters {
  q?: string;
  type?: OrganizationType;
  domain?: Domain;
  territory?: Territory;
  /** what was typed in the territory filter, shown back with its matches when it names no territory for sure */
  territoryText?: string;
  verified?: boolean;
}

export interface DirectoryQuery {
  filters: DirectoryFilters;
  page: number;
}

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);

function first(value: unknown): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one.trim() : undefined;
}

/** A territory filter is a code ("13", "69123"), a key ("epci:200046977") or a name, when it names one territory for sure. */
export function resolveTerritory(raw: string | undefined): Territory | undefined {
  if (!raw || raw.length > 200) return undefined;
  return resolveTerritoryText(raw).territory;
}

/**
 * Only known parameters are read and a value that is not valid is dropped rather than refused: a directory link
 * someone mistyped still shows the directory.
 */
export function readDirectoryQuery(query: unknown): DirectoryQuery {
  const raw = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const q = first(raw.q)?.slice(0, 200);
  const type = first(raw.type);
  const domain = first(raw.domain);
  const page = Number(first(raw.page));
  return {
    filters: {
      q: q || undefined,
      type: isOneOf(organizationTypes, type) ? type : undefined,
      domain: isOneOf(domains, domain) ? domain : undefined,
      territory: resolveTerritory(first(raw.territory)),
      territoryText: first(raw.territory)?.slice(0, 200) || undefined,
      verified: first(raw.verified) === '1' || first(raw.verified) === 'true' ? true : undefined,
    },
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, maxPage) : 1,
  };
}


function conditions(filters: DirectoryFilters): SQL | undefined {
  const parts: (SQL | undefined)[] = [visibleOrganization];
  if (filters.q) {
    // Accent- and case-insensitive on both sides, so "metropole" finds "Métropole".
    const pattern = `%${escapeLike(filters.q.toLowerCase())}%`;
    parts.push(
      sql`(lower(immutable_unaccent(${organizations.name})) like lower(immutable_unaccent(${pattern})) or lower(immutable_unaccent(${organizations.description})) like lower(immutable_unaccent(${pattern})))`,
    );
  }
  if (filters.type) parts.push(eq(organizations.type, filters.type));
  if (filters.domain) parts.push(arrayContains(organizations.domains, [filters.domain]));
  if (filters.territory) {
    const codes = codesWithin(filters.territory.code);
    parts.push(sql`${organizations.territoryCode} = any(${sql.param(codes)}::text[])`);
  }
  if (filters.verified) parts.push(isNotNull(organizations.verifiedAt));
  return and(...parts);
}

export interface DirectoryEntry {
  id: number;
  slug: string;
  name: string;
  type: OrganizationType;
  description: string;
  domains: Domain[];
  territoryKind: string | null;
  territoryCode: string | null;
  logoFileId: string | null;
  verifiedAt: Date | null;
}

export async function listOrganizations(db: Db, { filters, page }: DirectoryQuery): Promise<{ items: DirectoryEntry[]; total: number }> {
  const where = conditions(filters);
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: organizations.id,
        slug: organizations.slug,
        name: organizations.name,
        type: organizations.type,
        description: organizations.description,
        domains: organizations.domains,
        territoryKind: organizations.territoryKind,
        territoryCode: organizations.territoryCode,
        logoFileId: organizations.logoFileId,
        verifiedAt: organizations.verifiedAt,
      })
      .from(organizations)
      .where(where)
      .orderBy(sql`lower(immutable_unaccent(${organizations.name}))`, asc(organizations.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(organizations).where(where),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}
