// Words a row is found by without writing them itself: its territory's name (from the COG, which only the app holds)
// and its domains' names in every language. Written with the row, so a search never joins the geography at query time.
import { getTableName, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { rows, type Db } from '../../platform/db/client.ts';
import { translator } from '../../platform/http/i18n.ts';
import { locales } from '../accounts/schema.ts';
import { getTerritory } from '../territories/data.ts';

export interface Placed {
  territoryKind?: string | null;
  territoryCode?: string | null;
  domains?: readonly string[] | null;
}

/** The text stored in a row's `search_terms`: "Métropole de Lyon Mobilité Mobility …", each word once. */
export function searchTerms(row: Placed): string {
  const words: string[] = [];
  const territory = row.territoryKind && row.territoryCode ? getTerritory(row.territoryKind, row.territoryCode) : undefined;
  if (territory) words.push(territory.name);
  for (const domain of row.domains ?? []) {
    for (const locale of locales) words.push(translator(locale).ta(`organizations:domain.${domain}`));
  }
  return [...new Set(words)].join(' ');
}

/**
 * Rows written before their table had `search_terms` (migration 0022: SQL cannot name a territory from the COG) get
 * them once, a batch at a time, when the server starts; called by the module owning the table, for its table.
 * Returns how many rows were filled.
 */
export async function fillMissingTerms(db: Db, table: PgTable & { id: AnyPgColumn }, withDomains: boolean): Promise<number> {
  const name = sql.identifier(getTableName(table));
  const domains = withDomains ? sql`"domains"` : sql`'{}'::text[]`;
  let filled = 0;
  let after = 0;
  for (;;) {
    const batch = await rows<{ id: number; territory_kind: string | null; territory_code: string | null; domains: string[] }>(
      db,
      sql`select id, territory_kind, territory_code, ${domains} as domains from ${name} where search_terms = '' and id > ${after} and (territory_code is not null or cardinality(${domains}) > 0) order by id limit 500`,
    );
    if (batch.length === 0) return filled;
    after = batch.at(-1)!.id;
    const terms = batch.map((r) => searchTerms({ territoryKind: r.territory_kind, territoryCode: r.territory_code, domains: r.domains }));
    await db.execute(sql`update ${name} t set search_terms = v.terms from unnest(${sql.param(batch.map((r) => r.id))}::int[], ${sql.param(terms)}::text[]) v(id, terms) where t.id = v.id and v.terms <> ''`);
    filled += terms.filter(Boolean).length;
  }
}

/** Every table whose rows carry `search_terms`, filled at start where an older row lacks them. */
export async function fillSearchTerms(db: Db): Promise<number> {
  const [{ organizations }, { projects }, { events }] = await Promise.all([import('../organizations/schema.ts'), import('../projects/schema.ts'), import('../events/schema.ts')]);
  let filled = 0;
  for (const [table, withDomains] of [[organizations, true], [projects, true], [events, false]] as const) filled += await fillMissingTerms(db, table, withDomains);
  return filled;
}
