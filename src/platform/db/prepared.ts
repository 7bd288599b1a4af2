// Every parameterized statement prepared once per connection, named after its text. Measured at 2 million
// contributions, parsing and planning cost ten times what running did (a phase list: 6 ms to plan, 0.2 ms to run),
// on every request; a named statement is parsed once per connection and, after a few runs, planned once.
import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Statement texts given a name, across connections. The texts come from the code (values travel apart), so they are
 * few; the bound keeps a piece of code that builds texts from data from preparing without end on the server.
 */
const names = new Map<string, string>();
export const maxPreparedStatements = 500;

function nameOf(text: string): string | undefined {
  const known = names.get(text);
  if (known || names.size >= maxPreparedStatements) return known;
  const name = `parvis_${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
  names.set(text, name);
  return name;
}

type QueryConfig = pg.QueryConfig & { name?: string };

/**
 * Names the statements a pooled connection sends that carry values (drizzle sends a config object and its values);
 * statements without values — migrations, a dump's rows, settings — go unnamed, as each is sent once.
 */
export function prepareStatements(client: pg.PoolClient): void {
  const query = client.query;
  client.query = function (this: pg.PoolClient, config: unknown, values?: unknown, ...rest: unknown[]) {
    if (config && typeof config === 'object' && Array.isArray(values) && values.length > 0) {
      const asked = config as QueryConfig;
      const name = asked.name === undefined ? nameOf(asked.text) : undefined;
      if (name) config = { ...asked, name };
    }
    return (query as (...args: unknown[]) => unknown).call(this, config, values, ...rest);
  } as typeof client.query;
}
