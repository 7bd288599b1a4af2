// The moderation charter's versions. People accept the one in force when they register (accounts); when platform
// admins publish a new version, everyone who accepted an older one is asked to accept it before anything else: their
// next page is the charter (the check rides on the query that resolves each request's account, session.ts, so it
// costs no query of its own). Accounts with no consent at all — made by an operator — are not asked.
import { desc, sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db, Tx } from '../../platform/db/client.ts';
import { DomainError, ValidationFailed } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import type { Actor } from '../../platform/policy.ts';
import { consents } from '../accounts/schema.ts';
import { recordConsent } from '../accounts/consents.ts';
import type { CharterVersionInput } from './inputs.ts';
import { charterVersions } from './schema.ts';

/** The first version, in force until an admin publishes another (migration 0017 records it). */
export const firstCharterVersion = '2026-01';

export async function currentCharter(db: Db | Tx): Promise<{ version: string; summary: string; publishedAt: Date | null }> {
  const [row] = await db.select().from(charterVersions).orderBy(desc(charterVersions.id)).limit(1);
  return row ? { version: row.version, summary: row.summary, publishedAt: row.publishedAt } : { version: firstCharterVersion, summary: '', publishedAt: null };
}

export async function currentCharterVersion(db: Db | Tx): Promise<string> {
  return (await currentCharter(db)).version;
}

export async function charterHistory(db: Db) {
  return db.select().from(charterVersions).orderBy(desc(charterVersions.id)).limit(50);
}

/**
 * For the query that resolves a request's account: true when the person's latest charter consent is of another
 * version than the one in force. `userId` is the outer query's column.
 */
export function charterOutdatedColumn(userId: SQL): SQL<boolean | null> {
  return sql<boolean | null>`(select c.version from ${consents} c where c.user_id = ${userId} and c.kind = 'charter' and c.accepted order by c.id desc limit 1)
    <> coalesce((select v.version from ${charterVersions} v order by v.id desc limit 1), ${firstCharterVersion})`;
}

export async function acceptCharter(db: Db, actor: Actor): Promise<void> {
  if (!actor.user) return;
  await recordConsent(db, actor.user.id, 'charter', await currentCharterVersion(db));
}

export async function publishCharterVersion(db: Db, actor: Actor, input: CharterVersionInput): Promise<void> {
  await db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: charterVersions.id }).from(charterVersions).where(sql`${charterVersions.version} = ${input.version}`);
    if (taken) throw ValidationFailed.one('version', 'moderation:validation.versionTaken');
    await tx.insert(charterVersions).values({ version: input.version, summary: input.summary, publishedBy: actor.user?.id ?? null });
    await recordAudit(tx, actor, 'charter.publish', `charter:${input.version}`, { summary: input.summary });
  });
}

export class CharterRequired extends DomainError {
  constructor() {
    super('charter_required', 403, 'accept the moderation charter first');
  }
}

/** What a person who has to accept the charter may still reach: the charter, leaving, their own data. */
const open = [/^\/charter(\?|$)/, /^\/pages\//, /^\/logout$/, /^\/auth\/proconnect\/logout$/, /^\/assets\//, /^\/account(\/data|\/delete)?(\?|$)/, /^\/language/, /^\/healthz/, /^\/metrics/];

export function registerCharterCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    if (!req.actor?.user?.charterOutdated || req.viaToken) return;
    if (open.some((pattern) => pattern.test(req.url))) return;
    if (req.method === 'GET' || req.method === 'HEAD') {
      const next = encodeURIComponent(req.url);
      if (req.headers['hx-request'] === 'true') return reply.header('hx-redirect', `/charter?next=${next}`).code(204).send();
      return reply.redirect(`/charter?next=${next}`, 303);
    }
    throw new CharterRequired();
  });
}
