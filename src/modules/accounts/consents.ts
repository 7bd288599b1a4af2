// Consent records: what a person accepted (the moderation charter, in a version), and when. Written here only.
import type { Db, Tx } from '../../platform/db/client.ts';
import { consents } from './schema.ts';

export async function recordConsent(db: Db | Tx, userId: number, kind: string, version: string): Promise<void> {
  await db.insert(consents).values({ userId, kind, version, accepted: true });
}
