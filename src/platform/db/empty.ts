// Whether a database holds no account yet: the first start of a demo instance seeds it.
import { sql } from 'drizzle-orm';
import { rows, type Db } from './client.ts';

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await rows<{ any: boolean }>(db, sql`select exists (select 1 from users) as any`);
  return !row?.any;
}
