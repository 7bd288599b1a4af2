// Matching: which companies could answer a project, and which projects fit a company, ranked by domains, territory
// (same commune, EPCI, département, région — in that order) and text similarity, each with its reasons shown.
// Suggested projects go through visibleProjects: nobody is ever shown a project they may not see.
import { and, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/policy.ts';
import { organizations, type Domain } from '../organizations/schema.ts';
import { fold, getTerritory } from '../territories/data.ts';
import { respondentTypes } from './policy.ts';
import { projectResponses, projects } from './schema.ts';
import type { Project } from './service.ts';
import { visibleProjects } from './visibility.ts';

export type TerritoryLevel = 'commune' | 'epci' | 'departement' | 'region';
export type Reason = { kind: 'domain'; domain: Domain } | { kind: 'territory'; level: TerritoryLevel } | { kind: 'text' } | { kind: 'responded' };

export interface Match<T> {
  item: T;
  score: number;
  reasons: Reason[];
}

interface Chain {
  commune?: string;
  epci?: string;
  departement?: string;
  region?: string;
}

const chains = new Map<string, Chain>();

/** Where a territory sits: its commune, EPCI, département and région, as far as they are known. */
export function territoryChain(kind: string | null, code: string | null): Chain {
  if (!kind || !code) return {};
  const key = `${kind}:${code}`;
  const cached = chains.get(key);
  if (cached) return cached;
  const t = getTerritory(kind, code);
  let chain: Chain = {};
  if (t?.kind === 'commune') chain = { commune: t.code, epci: t.epci, departement: t.departement, region: t.region };
  else if (t?.kind === 'departement') chain = { departement: t.code, region: t.region };
  else if (t?.kind === 'region') chain = { region: t.code };
  else if (t?.kind === 'epci') chain = { epci: t.code };
  if (t?.kind === 'departement' || t?.kind === 'commune') chain.region ??= t.region;
  chains.set(key, chain);
  return chain;
}

const levels: TerritoryLevel[] = ['commune', 'epci', 'departement', 'region'];
const levelWeight: Record<TerritoryLevel, number> = { commune: 4, epci: 3, departement: 2, region: 1 };

/** The closest level two territories share, if any. */
export function sharedLevel(a: Chain, b: Chain): TerritoryLevel | undefined {
  return levels.find((level) => a[level] !== undefined && a[level] === b[level]);
}

const stopWords = new Set(['dans', 'pour', 'avec', 'sans', 'sont', 'nous', 'vous', 'leur', 'leurs', 'cette', 'entre', 'plus', 'tout', 'tous', 'aussi', 'comme', 'faire', 'etre', 'avoir', 'notre', 'votre', 'quel', 'quels', 'quelle', 'quelles', 'depuis', 'chaque', 'ainsi']);

/** The significant words of a text as a French full-text "any of these words" query, safe to pass as a value. */
export function anyWordsQuery(text: string): string | undefined {
  const words = [...new Set(fold(text).split(/[^a-z0-9]+/).filter((w) => w.length >= 4 && !stopWords.has(w)))].slice(0, 40);
  return words.length > 0 ? words.join(' | ') : undefined;
}

/** ts_rank between a text column and the words of another text; both sides accent-free, French stemming. */
const rank = (column: unknown, words: string | undefined) =>
  words ? sql<number>`ts_rank(to_tsvector('french', immutable_unaccent(coalesce(${column}, ''))), to_tsquery('french', ${words}))` : sql<number>`0`;

const textThreshold = 0.02;

function score(domainsA: Domain[], domainsB: readonly string[], chainA: Chain, chainB: Chain, text: number, responded: boolean): { score: number; reasons: Reason[] } {
  const reasons: Reason[] = [];
  let total = 0;
  for (const domain of domainsA) if (domainsB.includes(domain)) (reasons.push({ kind: 'domain', domain }), (total += 3));
  const level = sharedLevel(chainA, chainB);
  if (level) (reasons.push({ kind: 'territory', level }), (total += levelWeight[level]));
  if (text >= textThreshold) (reasons.push({ kind: 'text' }), (total += Math.min(3, text * 30)));
  if (responded) (reasons.push({ kind: 'responded' }), (total += 2));
  return { score: Math.round(total * 100) / 100, reasons };
}

export interface CandidateOrganization {
  id: number;
  slug: string;
  name: string;
  type: string;
}

/**
 * Companies that could answer a project. "Has responded to a similar project" counts only public responses to
 * projects sharing a domain, so a confidential response is never given away by a reason.
 */
export async function organizationsFor(db: Db, project: Project, limit = 15): Promise<Match<CandidateOrganization>[]> {
  const words = anyWordsQuery(`${project.title} ${project.problem} ${project.expected}`);
  const domains = project.domains.length > 0 ? project.domains : ['-'];
  const rows = await db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      type: organizations.type,
      domains: organizations.domains,
      territoryKind: organizations.territoryKind,
      territoryCode: organizations.territoryCode,
      text: rank(organizations.description, words),
      responded: sql<boolean>`exists (select 1 from ${projectResponses} r join ${projects} p on p.id = r.project_id where r.organization_id = "organizations"."id" and r.project_id <> ${project.id} and r.confidentiality = 'public' and r.withdrawn_at is null and p.domains && array[${sql.join(domains.map((d) => sql`${d}`), sql`, `)}]::text[])`,
    })
    .from(organizations)
    .where(and(inArray(organizations.type, [...respondentTypes]), ne(organizations.id, project.ownerOrganizationId)))
    .limit(500);
  const chain = territoryChain(project.territoryKind, project.territoryCode);
  return rows
    .map((o) => ({ item: { id: o.id, slug: o.slug, name: o.name, type: o.type }, ...score(project.domains, o.domains, chain, territoryChain(o.territoryKind, o.territoryCode), Number(o.text), o.responded) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.item.name.localeCompare(b.item.name))
    .slice(0, limit);
}

export interface SuggestedProject {
  id: number;
  title: string;
  deadline: Date | null;
  owner: string;
}

/** Open projects, visible to this actor, that fit one of their organizations. */
export async function projectsFor(db: Db, actor: Actor, organizationId: number, limit = 20): Promise<Match<SuggestedProject>[]> {
  const [org] = await db.select({ description: organizations.description, domains: organizations.domains, territoryKind: organizations.territoryKind, territoryCode: organizations.territoryCode }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) return [];
  const words = anyWordsQuery(org.description);
  const rows = await db
    .select({
      id: projects.id,
      title: projects.title,
      deadline: projects.deadline,
      owner: organizations.name,
      domains: projects.domains,
      territoryKind: projects.territoryKind,
      territoryCode: projects.territoryCode,
      text: rank(sql`${projects.title} || ' ' || ${projects.problem} || ' ' || ${projects.expected}`, words),
    })
    .from(projects)
    .innerJoin(organizations, eq(organizations.id, projects.ownerOrganizationId))
    .where(and(visibleProjects(actor), eq(projects.state, 'open'), gt(projects.deadline, now()), ne(projects.ownerOrganizationId, organizationId)))
    .limit(500);
  const chain = territoryChain(org.territoryKind, org.territoryCode);
  return rows
    .map((p) => ({ item: { id: p.id, title: p.title, deadline: p.deadline, owner: p.owner }, ...score(p.domains, org.domains, territoryChain(p.territoryKind, p.territoryCode), chain, Number(p.text), false) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.item.id - b.item.id)
    .slice(0, limit);
}
