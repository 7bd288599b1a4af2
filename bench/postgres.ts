// A throwaway database on the local PostgreSQL server for one bench run, dropped at the end.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

async function onServer<T>(baseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5000, query_timeout: 30_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates parvis_bench_<random>; throws with a readable message when the server cannot be reached. */
export async function createBenchDatabase(baseUrl: string): Promise<BenchDatabase> {
  const url = new URL(baseUrl);
  // The bench loads a server hard: it must only ever be one on this machine.
  if (!loopback.has(url.hostname)) throw new Error(`${url.hostname} is not a loopback address`);
  const name = `parvis_bench_${randomBytes(6).toString('hex')}`;
  await onServer(baseUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(baseUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
