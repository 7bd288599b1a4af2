// The `parvis` command: serve, migrate, seed, user:create, token:create, backup, restore.
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './platform/db/client.ts';
import { LockedError } from './platform/db/lock.ts';
import { migrate } from './platform/db/migrate.ts';
import { backup, restore } from './platform/db/backup.ts';
import { seedDemo, type DemoResult } from './modules/demo.ts';
import { fillSearchTerms } from './modules/search/terms.ts';
import { createApiToken, createUserDirect, findUserByEmail } from './modules/accounts/service.ts';
import { actorFor } from './modules/accounts/session.ts';
import { isEmpty } from './platform/db/empty.ts';

class UsageError extends Error {}

const usage = `Usage: parvis <command> [options]

Commands:
  serve                               serve the platform (what npm start runs)
  migrate                             apply database migrations
  seed --demo                         load the demo data
  user:create --email E --password P [--name N] [--admin]
  token:create --email E [--name N]   print a new personal API token
  backup --out FILE                   write a plain SQL dump of the data
  restore FILE                        replace the data with a dump

Configuration comes from the environment (see README): DATABASE_URL, PARVIS_DATA_DIR, PORT, ...`;

async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  // A backup, a restore or a migration may rightly run longer than any request: no statement timeout here.
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, statementTimeoutMs: 0 });
  try {
    await migrate(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

function printDemo(result: DemoResult) {
  console.log(`\nDemo accounts (password for all: ${result.password}):`);
  for (const account of result.accounts) console.log(`  ${account.email.padEnd(44)} ${account.role}`);
}

async function serve(config: Config) {
  const app = await buildApp(config);
  if (config.demo && (await isEmpty(app.ctx.db))) printDemo(await seedDemo(app.ctx));
  if (config.workers) await app.ctx.jobs.startWorkers();
  await app.listen({ port: config.port, host: config.host });
  // Rows from before their search words existed get them in the background: search finds them by place once done.
  void fillSearchTerms(app.ctx.db).then((n) => n > 0 && app.log.info({ rows: n }, 'search words filled'), (error: unknown) => app.log.warn({ err: error }, 'search words not filled'));
  console.log(`\nParvis is running at ${config.publicUrl} (database: ${app.ctx.database.kind}${config.databaseUrl ? '' : `, data in ${config.dataDir}`})`);
  if (!config.smtpUrl) console.log(`Mails are written to ${app.ctx.mailer.outbox}`);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) {
      // A second signal (Ctrl-C twice): the person wants it gone now.
      app.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    closing = true;
    const started = Date.now();
    app.log.info({ signal, deadlineMs: config.shutdownTimeoutMs }, 'shutting down: finishing in-flight requests');
    // A request that outlasts the deadline (a slow upload, a client that never reads its answer) must not keep the
    // process past what the supervisor allows (systemd's TimeoutStopSec, Kubernetes' grace period of 30 s).
    const deadline = setTimeout(() => {
      app.log.warn({ signal, elapsedMs: Date.now() - started }, 'shutdown deadline passed: exiting with requests still under way');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    // close() stops accepting connections, closes idle keep-alive ones and answers 503 to new requests on the others,
    // waits for the requests under way, then stops the job workers and the database and releases the lock.
    app.close().then(
      () => {
        clearTimeout(deadline);
        app.log.info({ signal, elapsedMs: Date.now() - started }, 'stopped');
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    console.log(usage);
    return command ? 0 : 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      admin: { type: 'boolean' },
      out: { type: 'string' },
    },
  });
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return -1;
    case 'migrate':
      await withDatabase(config, async () => console.log('Migrations applied.'));
      return 0;
    case 'seed': {
      if (!values.demo) throw new UsageError('seed needs --demo');
      // Through the whole app: the demo queues jobs (mails, archives to build), and each module declares its queues.
      const app = await buildApp(config, { logger: false });
      try {
        printDemo(await seedDemo(app.ctx));
      } finally {
        await app.close();
      }
      return 0;
    }
    case 'user:create': {
      if (!values.email || !values.password) throw new UsageError('user:create needs --email and --password');
      if (values.password.length < 10) throw new UsageError('the password needs at least 10 characters');
      const { email, password } = values;
      await withDatabase(config, async ({ db }) => {
        if (await findUserByEmail(db, email)) throw new UsageError(`an account already exists for ${email}`);
        const user = await createUserDirect(db, { email, password, displayName: values.name, admin: values.admin });
        console.log(`Created ${user.email} (id ${user.id}${values.admin ? ', platform admin' : ''}).`);
      });
      return 0;
    }
    case 'token:create': {
      if (!values.email) throw new UsageError('token:create needs --email');
      const email = values.email;
      await withDatabase(config, async ({ db }) => {
        const user = await findUserByEmail(db, email);
        if (!user) throw new UsageError(`no account for ${email}`);
        console.log(await createApiToken(db, await actorFor(db, user), { name: values.name ?? 'cli' }));
      });
      return 0;
    }
    case 'backup': {
      if (!values.out) throw new UsageError('backup needs --out FILE');
      const out = values.out;
      await withDatabase(config, async ({ db }) => console.log(`Wrote ${await backup(db, out)} rows to ${out}.`));
      return 0;
    }
    case 'restore': {
      const file = positionals[0];
      if (!file) throw new UsageError('restore needs a FILE');
      await withDatabase(config, async ({ db }) => console.log(`Restored ${await restore(db, file)} rows from ${file}.`));
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`parvis: ${(error as Error).message}\n\n${usage}`);
      process.exit(2);
    }
    if (error instanceof ConfigError || error instanceof LockedError) {
      console.error(`parvis: ${error.message}`);
      process.exit(1);
    }
    console.error(error);
    process.exit(1);
  },
);
