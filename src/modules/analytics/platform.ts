// The platform-wide figures for admins: accounts, organizations by type and verification, what happens each day.
// Computed by the analytics job (a count over 500,000 accounts and millions of votes is a job's work, not a page's).
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.ts';
import { now } from '../../platform/clock.ts';
import { users } from '../accounts/schema.ts';
import { comments, consultations, contributions, votes } from '../consultations/schema.ts';
import { isVisible } from '../consultations/links.ts';
import { events } from '../events/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { projects } from '../projects/schema.ts';
import type { Day } from './figures.ts';

export interface PlatformFigures {
  accounts: { total: number; verified: number; blocked: number; newLast30Days: number };
  organizations: { type: string; verified: number; claimed: number }[];
  counts: { consultations: number; contributions: number; events: number; projects: number };
  /** the last 90 days */
  days: (Day & { accounts: number })[];
}

const num = (v: unknown) => Number(v ?? 0);
export const platformDays = 90;

export async function computePlatformFigures(db: Db): Promise<PlatformFigures> {
  const since = new Date(now().getTime() - platformDays * 86_400_000);
  const monthAgo = new Date(now().getTime() - 30 * 86_400_000);
  const [accountRows, organizationRows, countRows] = [
    await rows<Record<string, unknown>>(
      db,
      sql`select count(*) as total, count(*) filter (where ${users.emailVerifiedAt} is not null) as verified, count(*) filter (where ${users.blockedAt} is not null) as blocked,
        count(*) filter (where ${users.createdAt} >= ${monthAgo}) as recent from ${users} where ${users.deletedAt} is null`,
    ),
    await rows<{ type: string; verified: unknown; claimed: unknown }>(db, sql`select ${organizations.type} as type, count(*) filter (where ${organizations.verifiedAt} is not null) as verified, count(*) filter (where ${organizations.verifiedAt} is null) as claimed from ${organizations} group by 1 order by 1`),
    await rows<Record<string, unknown>>(
      db,
      sql`select (select count(*) from ${consultations}) as consultations, (select count(*) from ${contributions} where ${isVisible}) as contributions,
        (select count(*) from ${events}) as events, (select count(*) from ${projects} where ${projects.state} <> 'draft') as projects`,
    ),
  ];
  const perDay = async (query: ReturnType<typeof sql>) => rows<{ day: string; n: unknown }>(db, query);
  const day = (column: unknown) => sql`to_char(${column} at time zone 'Europe/Paris', 'YYYY-MM-DD')`;
  const [c, v, m, a] = [
    await perDay(sql`select ${day(contributions.createdAt)} as day, count(*) as n from ${contributions} where ${contributions.createdAt} >= ${since} and ${isVisible} group by 1`),
    await perDay(sql`select ${day(votes.updatedAt)} as day, count(*) as n from ${votes} where ${votes.updatedAt} >= ${since} group by 1`),
    await perDay(sql`select ${day(comments.createdAt)} as day, count(*) as n from ${comments} where ${comments.createdAt} >= ${since} and ${comments.deletedAt} is null group by 1`),
    await perDay(sql`select ${day(users.createdAt)} as day, count(*) as n from ${users} where ${users.createdAt} >= ${since} group by 1`),
  ];
  const days = new Map<string, Day & { accounts: number }>();
  const at = (d: string) => days.get(d) ?? days.set(d, { day: d, contributions: 0, votes: 0, comments: 0, accounts: 0 }).get(d)!;
  for (const r of c) at(r.day).contributions = num(r.n);
  for (const r of v) at(r.day).votes = num(r.n);
  for (const r of m) at(r.day).comments = num(r.n);
  for (const r of a) at(r.day).accounts = num(r.n);
  const account = accountRows[0] ?? {};
  const count = countRows[0] ?? {};
  return {
    accounts: { total: num(account.total), verified: num(account.verified), blocked: num(account.blocked), newLast30Days: num(account.recent) },
    organizations: organizationRows.map((r) => ({ type: r.type, verified: num(r.verified), claimed: num(r.claimed) })),
    counts: { consultations: num(count.consultations), contributions: num(count.contributions), events: num(count.events), projects: num(count.projects) },
    days: [...days.values()].sort((x, y) => x.day.localeCompare(y.day)),
  };
}
