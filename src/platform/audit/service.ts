// Writing and reading the audit log of administrative actions.
import { desc } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import type { Actor } from '../policy.ts';
import { auditLog } from './schema.ts';

export async function recordAudit(tx: Db | Tx, actor: Actor, action: string, target: string, details: Record<string, unknown> = {}): Promise<void> {
  await tx.insert(auditLog).values({ actorId: actor.user?.id ?? null, action, target, details });
}

export async function recentAudit(db: Db, limit = 50) {
  return db.select().from(auditLog).orderBy(desc(auditLog.createdAt), desc(auditLog.id)).limit(limit);
}
