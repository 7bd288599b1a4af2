// The notifications' fan-out at scale (issue 12), on PostgreSQL: the request that creates a contribution in a phase
// followed by 10,000 people, against the same request with nobody following (it writes one event row either way),
// then the job that tells them, in notifications written per second. Makes and drops its own database.
// npx tsx bench/fanout.ts   (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1/test; FANOUT_FOLLOWERS, FANOUT_CREATIONS)
// From bench/run.ts: `run.tables.push(await benchFanout(baseUrl))`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db/client.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createApiToken } from '../src/modules/accounts/service.ts';
import { phases } from '../src/modules/consultations/schema.ts';
import { fanOut } from '../src/modules/notifications/fanout.ts';
import { actorOf } from '../src/modules/notifications/testing.ts';
import { consultationFixture, makeOrganization, makeUser } from '../test/support/roles.ts';
import { createBenchDatabase } from './postgres.ts';
import { check, cut, markdownTable, type Table } from './report.ts';

export interface FanoutOptions {
  followers?: number;
  /** contributions created, and timed, with and without the followers */
  creations?: number;
}

/** The request with 10,000 followers may take at most this many times the request without. */
const slowdownBudget = 1.5;

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;
const ms = (value: number) => value.toFixed(1);

/** The fan-out bench, as a table for the bench's report (bench/report.ts). */
export async function benchFanout(baseUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1/test', options: FanoutOptions = {}): Promise<Table> {
  const followers = options.followers ?? 10_000;
  const creations = options.creations ?? 20;
  const bench = await createBenchDatabase(baseUrl);
  const dataDir = mkdtempSync(join(tmpdir(), 'parvis-bench-fanout-'));
  const database = await openDatabase({ databaseUrl: bench.url, poolSize: 10 });
  try {
    await migrate(database);
    // No workers: the fan-out runs when this says, so the requests are timed alone and the job is timed alone.
    const config = loadConfig({ DATABASE_URL: bench.url, PARVIS_DATA_DIR: dataDir, PARVIS_DEMO: '0', PARVIS_WORKERS: '0', PARVIS_POSTS_PER_MINUTE: '0', LOG_LEVEL: 'warn', SESSION_SECRET: 'bench-fanout-'.padEnd(40, 'x') });
    const app = await buildApp(config, { database, logger: false, mailer: { deliver: async () => {} } });
    try {
      const db = app.ctx.db;
      const owner = await makeUser(app, 'bench-owner@example.org');
      await makeOrganization(app, 'bench-ville', owner);
      const { slug } = await consultationFixture(app, 'bench-ville', owner, 'bench-fanout');
      const [phase] = await db.select({ id: phases.id }).from(phases).where(eq(phases.position, 1));
      const author = await makeUser(app, 'bench-author@example.org');
      const token = await createApiToken(db, await actorOf(db, author), { name: 'bench', scope: 'write' });
      let n = 0;
      const create = async () => {
        const started = performance.now();
        const response = await app.inject({ method: 'POST', url: `/api/v1/consultations/${slug}/phases/1/contributions`, headers: { authorization: `Bearer ${token}` }, payload: { title: `Contribution ${++n}`, body: 'Un texte assez long pour être une contribution.', kind: 'need' } });
        if (response.statusCode !== 201) throw new Error(`the contribution was refused: ${response.statusCode} ${response.body.slice(0, 200)}`);
        return performance.now() - started;
      };
      const timed = async () => {
        const all: number[] = [];
        for (let i = 0; i < creations; i++) all.push(await create());
        return { p50: quantile(all, 0.5), max: Math.max(...all) };
      };
      // Outside the samples: the routes' first run, and the token's first use (which records when it was used).
      for (let i = 0; i < 10; i++) await create();
      await fanOut(app.ctx);
      const alone = await timed();
      await fanOut(app.ctx);

      await db.execute(sql`insert into users (email, display_name, email_verified_at) select 'follower-' || g || '@example.org', 'Suiveur ' || g, now() from generate_series(1, ${followers}::int) g`);
      await db.execute(sql`insert into follows (user_id, target) select id, ${`phase:${phase!.id}`} from users where email like 'follower-%@example.org'`);
      await db.execute(sql`analyze`);
      const crowd = await timed();

      // Every creation above waits for the job: `creations` events of `followers` people each.
      const started = performance.now();
      let written = 0;
      let batches = 0;
      for (;;) {
        const report = await fanOut(app.ctx, { budgetMs: 600_000 });
        written += report.notifications;
        batches += report.batches;
        if (report.batches === 0) break;
      }
      const seconds = (performance.now() - started) / 1000;
      const slowdown = crowd.p50 / alone.p50;
      return {
        title: `Notifications fan-out (PostgreSQL, ${followers.toLocaleString('en')} followers of a phase)`,
        intro: `${creations} contributions created through the API (fastify.inject) with nobody following the phase, then ${creations} with ${followers.toLocaleString('en')} followers; then the fan-out job tells them all, 1,000 people a transaction.`,
        header: ['measure', 'no follower', `${followers.toLocaleString('en')} followers`],
        rows: [
          ['creation request p50 ms', ms(alone.p50), ms(crowd.p50)],
          ['creation request max ms', ms(alone.max), ms(crowd.max)],
          ['p50 with followers / without', '', check(slowdown, slowdown < slowdownBudget, `< ${slowdownBudget}`, 2)],
          ['fan-out: notifications written per second', '', `${Math.round(written / seconds).toLocaleString('en')} (${written.toLocaleString('en')} in ${batches} batches, ${cut(seconds, 1)} s)`],
        ],
      };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    await bench.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const table = await benchFanout(undefined, { followers: Number(process.env.FANOUT_FOLLOWERS ?? 10_000), creations: Number(process.env.FANOUT_CREATIONS ?? 20) });
  console.log([`## ${table.title}`, '', table.intro, '', ...markdownTable(table.header, table.rows)].join('\n'));
}
