// The platform's figures on the home page, each read cheaply: contributions from the kept per-phase counts (never a
// count over the contributions), organizations and workshops counted over their small tables, and the accounts from
// the platform figures the analytics job computes (500,000 accounts are a job's count, not a page's).
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.ts';
import { platformDashboard } from '../analytics/service.ts';
import { consultations, phaseContributionCounts, phases } from '../consultations/schema.ts';
import { events } from '../events/schema.ts';
import { organizations } from '../organizations/schema.ts';

export interface HomeFigures {
  /** unknown until the analytics job has run once */
  participants: number | null;
  contributions: number;
  organizations: number;
  workshops: number;
}

export async function homeFigures(db: Db): Promise<HomeFigures> {
  const [counted, platform] = await Promise.all([
    rows<{ contributions: unknown; organizations: unknown; workshops: unknown }>(
      db,
      sql`select (select coalesce(sum(k.visible), 0) from ${phaseContributionCounts} k join ${phases} p on p.id = k.phase_id join ${consultations} c on c.id = p.consultation_id where c.published_at is not null) as contributions,
        (select count(*) from ${organizations}) as organizations,
        (select count(*) from ${events} e where e.cancelled_at is null) as workshops`,
    ),
    platformDashboard(db),
  ]);
  const row = counted[0];
  return { participants: platform.figures?.accounts.total ?? null, contributions: Number(row?.contributions ?? 0), organizations: Number(row?.organizations ?? 0), workshops: Number(row?.workshops ?? 0) };
}
