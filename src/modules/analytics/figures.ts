// What a dashboard shows, computed by the analytics job from the contributions, votes and comments of a phase (or the
// whole platform) into one row of analytics_snapshots. Each query here groups over a phase — hundreds of thousands of
// rows at national scale — which a job may do and a page may not: pages read the row (service.ts).
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.ts';
import { getTerritory } from '../territories/data.ts';
import { isVisible } from '../consultations/links.ts';
import { comments, contributionArguments, contributionLinks, contributions, contributionTallies, contributionThemes, consultationThemes, votes } from '../consultations/schema.ts';
import { talliesOf } from '../consultations/tallies.ts';
import { eventContributions } from '../events/schema.ts';
import { organizations } from '../organizations/schema.ts';

export interface Count {
  key: string;
  label?: string;
  count: number;
}

export interface Day {
  day: string;
  contributions: number;
  votes: number;
  comments: number;
}

export interface Totals {
  contributions: number;
  votes: number;
  agree: number;
  mixed: number;
  disagree: number;
  arguments: number;
  comments: number;
  participants: number;
  /** entered after a workshop, and written online */
  workshop: number;
  online: number;
  needs: number;
  unansweredNeeds: number;
  officialAnswers: number;
}

export interface Figures {
  totals: Totals;
  days: Day[];
  /** organization type of the author's organization, 'individual' when they spoke for themselves */
  actorTypes: Count[];
  regions: Count[];
  departements: Count[];
  themes: Count[];
  kinds: Count[];
}

const num = (v: unknown) => Number(v ?? 0);

/** The contributions of the scope readers see: a phase, or a consultation. */
function scopeWhere(scope: { phaseId?: number; consultationId?: number }): SQL {
  const where = scope.phaseId !== undefined ? sql`${contributions.phaseId} = ${scope.phaseId}` : sql`${contributions.consultationId} = ${scope.consultationId!}`;
  return sql`${where} and ${isVisible}`;
}

export async function computeFigures(db: Db, scope: { phaseId?: number; consultationId?: number }): Promise<Figures> {
  const where = scopeWhere(scope);
  const answered = sql`exists (select 1 from ${contributionLinks} l join ${contributions} i on i.id = l.from_id where l.to_id = ${contributions.id} and i.state = 'published' and i.merged_into_id is null)`;
  const [totalsRows, votesPerDay, commentsPerDay, contributionsPerDay, actorRows, territoryRows, themeRows, kindRows, reactionRows, participantRows] = [
    await rows<Record<string, unknown>>(
      db,
      sql`select count(*) as contributions, coalesce(sum(${contributionTallies.agree}), 0) as agree, coalesce(sum(${contributionTallies.mixed}), 0) as mixed,
        coalesce(sum(${contributionTallies.disagree}), 0) as disagree,
        count(*) filter (where exists (select 1 from ${eventContributions} ec where ec.contribution_id = ${contributions.id})) as workshop,
        count(*) filter (where ${contributions.kind} = 'need') as needs,
        count(*) filter (where ${contributions.kind} = 'need' and not ${answered}) as unanswered,
        count(*) filter (where ${contributions.answerStatus} is not null) as answers
        from ${contributions} join ${contributionTallies} on ${talliesOf} where ${where}`,
    ),
    await rows<{ day: string; n: unknown }>(db, sql`select to_char(${votes.updatedAt} at time zone 'Europe/Paris', 'YYYY-MM-DD') as day, count(*) as n from ${votes} join ${contributions} on ${contributions.id} = ${votes.contributionId} where ${where} group by 1`),
    await rows<{ day: string; n: unknown }>(db, sql`select to_char(${comments.createdAt} at time zone 'Europe/Paris', 'YYYY-MM-DD') as day, count(*) as n from ${comments} join ${contributions} on ${contributions.id} = ${comments.contributionId} where ${where} and ${comments.deletedAt} is null group by 1`),
    await rows<{ day: string; n: unknown }>(db, sql`select to_char(${contributions.createdAt} at time zone 'Europe/Paris', 'YYYY-MM-DD') as day, count(*) as n from ${contributions} where ${where} group by 1`),
    await rows<{ key: string | null; n: unknown }>(db, sql`select ${organizations.type} as key, count(*) as n from ${contributions} left join ${organizations} on ${organizations.id} = ${contributions.organizationId} where ${where} group by 1`),
    await rows<{ kind: string | null; code: string | null; n: unknown }>(db, sql`select ${contributions.territoryKind} as kind, ${contributions.territoryCode} as code, count(*) as n from ${contributions} where ${where} and ${contributions.territoryCode} is not null group by 1, 2`),
    await rows<{ key: number; label: string; n: unknown }>(db, sql`select t.id as key, t.label, count(*) as n from ${contributions} join ${contributionThemes} ct on ct.contribution_id = ${contributions.id} join ${consultationThemes} t on t.id = ct.theme_id where ${where} group by 1, 2`),
    await rows<{ key: string; n: unknown }>(db, sql`select ${contributions.kind} as key, count(*) as n from ${contributions} where ${where} group by 1`),
    await rows<{ args: unknown; comments: unknown }>(
      db,
      sql`select (select count(*) from ${contributionArguments} a join ${contributions} on ${contributions.id} = a.contribution_id where ${where}) as args,
        (select count(*) from ${comments} m join ${contributions} on ${contributions.id} = m.contribution_id where ${where} and m.deleted_at is null) as comments`,
    ),
    await rows<{ n: unknown }>(
      db,
      sql`select count(*) as n from (
        select ${contributions.authorId} as id from ${contributions} where ${where} and ${contributions.authorId} is not null
        union select v.user_id from ${votes} v join ${contributions} on ${contributions.id} = v.contribution_id where ${where}
        union select m.author_id from ${comments} m join ${contributions} on ${contributions.id} = m.contribution_id where ${where} and m.author_id is not null) p`,
    ),
  ];
  const t = totalsRows[0] ?? {};
  const days = new Map<string, Day>();
  const dayOf = (day: string) => days.get(day) ?? days.set(day, { day, contributions: 0, votes: 0, comments: 0 }).get(day)!;
  for (const r of contributionsPerDay) dayOf(r.day).contributions = num(r.n);
  for (const r of votesPerDay) dayOf(r.day).votes = num(r.n);
  for (const r of commentsPerDay) dayOf(r.day).comments = num(r.n);
  const contributionsCount = num(t.contributions);
  const workshop = num(t.workshop);
  const agree = num(t.agree);
  const mixed = num(t.mixed);
  const disagree = num(t.disagree);
  return {
    totals: {
      contributions: contributionsCount,
      votes: agree + mixed + disagree,
      agree,
      mixed,
      disagree,
      arguments: num(reactionRows[0]?.args),
      comments: num(reactionRows[0]?.comments),
      participants: num(participantRows[0]?.n),
      workshop,
      online: contributionsCount - workshop,
      needs: num(t.needs),
      unansweredNeeds: num(t.unanswered),
      officialAnswers: num(t.answers),
    },
    days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
    actorTypes: sorted(actorRows.map((r) => ({ key: r.key ?? 'individual', count: num(r.n) }))),
    ...territories(territoryRows.map((r) => ({ kind: r.kind ?? '', code: r.code ?? '', count: num(r.n) }))),
    themes: sorted(themeRows.map((r) => ({ key: String(r.key), label: r.label, count: num(r.n) }))),
    kinds: sorted(kindRows.map((r) => ({ key: r.key, count: num(r.n) }))),
  };
}

function sorted(list: Count[]): Count[] {
  return list.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** Communes, EPCI and départements counted in their région and département, from the official geography. */
function territories(list: { kind: string; code: string; count: number }[]): { regions: Count[]; departements: Count[] } {
  const regions = new Map<string, number>();
  const departements = new Map<string, number>();
  for (const { kind, code, count } of list) {
    const territory = getTerritory(kind, code);
    if (!territory) continue;
    const departement = kind === 'departement' ? code : territory.departement;
    const region = kind === 'region' ? code : (territory.region ?? (departement ? getTerritory('departement', departement)?.region : undefined));
    if (departement) departements.set(departement, (departements.get(departement) ?? 0) + count);
    if (region) regions.set(region, (regions.get(region) ?? 0) + count);
  }
  const named = (kind: string, map: Map<string, number>) => sorted([...map].map(([key, count]) => ({ key, label: getTerritory(kind, key)?.name ?? key, count })));
  return { regions: named('region', regions), departements: named('departement', departements) };
}

/** A consultation's figures from its phases': sums, days merged; participants are counted across phases apart. */
export function mergeFigures(list: Figures[], participants: number): Figures {
  const totals = Object.fromEntries(Object.keys(emptyTotals).map((k) => [k, list.reduce((sum, f) => sum + f.totals[k as keyof Totals], 0)])) as unknown as Totals;
  totals.participants = participants;
  const days = new Map<string, Day>();
  for (const f of list) {
    for (const d of f.days) {
      const day = days.get(d.day) ?? days.set(d.day, { day: d.day, contributions: 0, votes: 0, comments: 0 }).get(d.day)!;
      day.contributions += d.contributions;
      day.votes += d.votes;
      day.comments += d.comments;
    }
  }
  const merge = (pick: (f: Figures) => Count[]) => {
    const map = new Map<string, Count>();
    for (const f of list) for (const c of pick(f)) map.set(c.key, { ...c, count: (map.get(c.key)?.count ?? 0) + c.count });
    return sorted([...map.values()]);
  };
  return {
    totals,
    days: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
    actorTypes: merge((f) => f.actorTypes),
    regions: merge((f) => f.regions),
    departements: merge((f) => f.departements),
    themes: merge((f) => f.themes),
    kinds: merge((f) => f.kinds),
  };
}

export const emptyTotals: Totals = { contributions: 0, votes: 0, agree: 0, mixed: 0, disagree: 0, arguments: 0, comments: 0, participants: 0, workshop: 0, online: 0, needs: 0, unansweredNeeds: 0, officialAnswers: 0 };

/** Distinct people who wrote, voted or commented anywhere in a consultation. */
export async function consultationParticipants(db: Db, consultationId: number): Promise<number> {
  const where = scopeWhere({ consultationId });
  const [row] = await rows<{ n: unknown }>(
    db,
    sql`select count(*) as n from (
      select ${contributions.authorId} as id from ${contributions} where ${where} and ${contributions.authorId} is not null
      union select v.user_id from ${votes} v join ${contributions} on ${contributions.id} = v.contribution_id where ${where}
      union select m.author_id from ${comments} m join ${contributions} on ${contributions.id} = m.contribution_id where ${where} and m.author_id is not null) p`,
  );
  return num(row?.n);
}
