// What moderation does: people report; enough reports hide an item until someone decides; moderators (and the
// organizers of a consultation, for its items) hide, restore or dismiss; moderators block accounts and hide what they
// wrote in one action. Every decision is one transaction that also closes the reports, writes the audit log and queues
// the author's e-mail, so the three exist if and only if the decision does.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import { rows, type Db, type Tx } from '../../platform/db/client.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { Forbidden, NotFound, ValidationFailed } from '../../platform/errors.ts';
import { translator } from '../../platform/http/i18n.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { Actor, can } from '../../platform/policy.ts';
import { setBlockedIn } from '../accounts/blocking.ts';
import { users } from '../accounts/schema.ts';
import type { BlockInput, BulkAction, ReportInput } from './inputs.ts';
import { applyHidden, blockHides, contentOf, excerptOf, loadItem, organizersOf, type LoadedItem } from './kinds.ts';
import './policy.ts';
import { moderationItems, reports, type ReportableKind, type ReportOutcome } from './schema.ts';

export type ModerationItem = typeof moderationItems.$inferSelect;

/** One open report per person and item: a second one, or a concurrent twin, is "already reported", not an error. */
export interface Reported {
  itemId: number;
  already: boolean;
  /** the item is hidden now (by this report, when it reached the threshold, or before) */
  hidden: boolean;
}

const system = Actor.visitor;

/** The moderation record of an item, created at its first report; locked for the rest of the transaction. */
async function recordOf(tx: Tx, item: LoadedItem, at: Date): Promise<ModerationItem> {
  const values = { kind: item.kind, itemId: item.id, title: excerptOf(item.title, 200), href: item.href, authorId: item.authorId, consultationId: item.consultationId, lastReportedAt: at };
  const [row] = await tx
    .insert(moderationItems)
    .values(values)
    .onConflictDoUpdate({ target: [moderationItems.kind, moderationItems.itemId], set: { title: values.title, href: values.href, authorId: values.authorId, consultationId: values.consultationId, lastReportedAt: at } })
    .returning();
  return row!;
}

export async function report(env: ServiceEnv, actor: Actor, input: ReportInput): Promise<Reported> {
  const user = actor.user;
  if (!user) throw new NotFound('account');
  const item = await loadItem(env.db, actor, input.kind, input.id);
  if (!item) throw new NotFound(input.kind);
  if (item.authorId === user.id) throw ValidationFailed.one('reason', 'moderation:validation.own');
  const at = now();
  return env.db.transaction(async (tx) => {
    const record = await recordOf(tx, item, at);
    const inserted = await rows<{ id: number }>(tx, sql`
      insert into ${reports} (moderation_item_id, reporter_id, reason, details, snapshot_title, snapshot_body, created_at)
      values (${record.id}, ${user.id}, ${input.reason}, ${input.details ?? ''}, ${item.title}, ${item.body}, ${at})
      on conflict (moderation_item_id, reporter_id) where closed_at is null do nothing
      returning id`);
    const already = inserted.length === 0;
    const [counted] = await tx
      .update(moderationItems)
      .set({ openReports: sql`(select count(*) from ${reports} r where r.moderation_item_id = ${record.id} and r.closed_at is null)` })
      .where(eq(moderationItems.id, record.id))
      .returning({ openReports: moderationItems.openReports, hiddenAt: moderationItems.hiddenAt, reviewedAt: moderationItems.reviewedAt });
    let hidden = counted!.hiddenAt !== null;
    // Enough different people: hidden until a moderator decides — unless one already has (they looked, and kept it).
    if (!hidden && counted!.reviewedAt === null && counted!.openReports >= env.config.reportThreshold) {
      await tx.update(moderationItems).set({ hiddenAt: at, hiddenBy: null, hiddenReason: null, hiddenByBlock: false }).where(eq(moderationItems.id, record.id));
      await applyHidden(tx, item.kind, [item.id], true);
      await recordAudit(tx, system, 'moderation.autoHide', `${item.kind}:${item.id}`, { reports: counted!.openReports });
      await tellAuthors(env, tx, [{ ...record, title: item.title }], 'autoHidden');
      hidden = true;
    }
    return { itemId: record.id, already, hidden };
  });
}

/** The moderation record of an item with the organizers who may decide about it. */
export async function findItem(db: Db, id: number): Promise<ModerationItem & { organizerIds: number[] }> {
  const [row] = await db.select().from(moderationItems).where(eq(moderationItems.id, id));
  if (!row) throw new NotFound('moderation item');
  return { ...row, organizerIds: await organizersOf(db, row.consultationId) };
}

interface Change {
  outcome: ReportOutcome | null;
  /** the mail its author gets, if any */
  mail?: MailTemplate;
}

/** What one decision changes in one locked item. */
async function decideOne(tx: Tx, actor: Actor, row: ModerationItem, action: BulkAction, reason: string | undefined, at: Date): Promise<Change> {
  const hiddenAutomatically = row.hiddenAt !== null && row.hiddenBy === null && !row.hiddenByBlock;
  const reviewed = { reviewedAt: at, reviewedBy: actor.user?.id ?? null };
  if (action === 'hide') {
    if (!reason) throw ValidationFailed.one('reason', 'required');
    await tx
      .update(moderationItems)
      .set({ hiddenAt: row.hiddenAt ?? at, hiddenBy: actor.user?.id ?? null, hiddenReason: reason, hiddenByBlock: false, ...reviewed })
      .where(eq(moderationItems.id, row.id));
    if (row.hiddenAt === null) await applyHidden(tx, row.kind, [row.itemId], true);
    return { outcome: 'hidden', mail: row.hiddenAt === null || hiddenAutomatically ? 'hidden' : undefined };
  }
  const restoring = row.hiddenAt !== null && (action === 'restore' || hiddenAutomatically);
  if (restoring) {
    await tx.update(moderationItems).set({ hiddenAt: null, hiddenBy: null, hiddenReason: null, hiddenByBlock: false, ...reviewed }).where(eq(moderationItems.id, row.id));
    await applyHidden(tx, row.kind, [row.itemId], false);
    return { outcome: 'restored', mail: 'restored' };
  }
  await tx.update(moderationItems).set(reviewed).where(eq(moderationItems.id, row.id));
  return { outcome: row.openReports > 0 ? 'dismissed' : null };
}

/**
 * Hides, restores or dismisses the reports of one or several items, all or none: the items are locked in id order
 * (two moderators deciding about overlapping selections cannot deadlock), each decision checked against the actor's
 * scope, the open reports closed with the outcome, one audit entry per item, one e-mail per author.
 */
export async function decide(env: ServiceEnv, actor: Actor, ids: number[], action: BulkAction, reason?: string): Promise<number> {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  const at = now();
  return env.db.transaction(async (tx) => {
    const locked = await tx.select().from(moderationItems).where(inArray(moderationItems.id, unique)).orderBy(asc(moderationItems.id)).for('update');
    if (locked.length !== unique.length) throw new NotFound('moderation item');
    const mails = new Map<MailTemplate, (ModerationItem & { title: string })[]>();
    for (const row of locked) {
      if (!can(actor, 'moderation.decide', { organizerIds: await organizersOf(tx, row.consultationId) })) throw new Forbidden('moderation.decide');
      const change = await decideOne(tx, actor, row, action, reason, at);
      if (change.outcome) await closeReports(tx, actor, [row.id], change.outcome, at);
      await recordAudit(tx, actor, `moderation.${action}`, `${row.kind}:${row.itemId}`, { reason: reason ?? null, reports: row.openReports });
      if (change.mail) mails.set(change.mail, [...(mails.get(change.mail) ?? []), row]);
    }
    for (const [template, items] of mails) await tellAuthors(env, tx, items, template, reason);
    return locked.length;
  });
}

async function closeReports(tx: Tx, actor: Actor, itemIds: number[], outcome: ReportOutcome, at: Date): Promise<void> {
  if (itemIds.length === 0) return;
  await tx
    .update(reports)
    .set({ closedAt: at, closedBy: actor.user?.id ?? null, outcome })
    .where(and(inArray(reports.moderationItemId, itemIds), isNull(reports.closedAt)));
  await tx.update(moderationItems).set({ openReports: 0 }).where(inArray(moderationItems.id, itemIds));
}

/** Items are upserted a thousand at a time: a statement's parameters are limited (65,535). */
const chunk = <T>(list: T[], size = 1000): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/**
 * Blocks an account: it cannot sign in, its sessions end, its tokens stop answering (session.ts treats a blocked
 * account as a visitor on the next request). With `hideContent`, everything it wrote in debates is hidden in the same
 * transaction — marked as hidden with the block, so that unblocking brings back that, and only that.
 */
export async function blockAccount(env: ServiceEnv, actor: Actor, userId: number, input: BlockInput): Promise<{ hidden: number }> {
  const at = now();
  return env.db.transaction(async (tx) => {
    const account = await setBlockedIn(tx, actor, userId, true);
    let hidden = 0;
    if (input.hideContent === '1' || input.hideContent === true) {
      const items = await contentOf(tx, userId);
      for (const part of chunk(items)) {
        const upserted = await tx
          .insert(moderationItems)
          .values(part.map((item) => ({ kind: item.kind, itemId: item.id, title: excerptOf(item.title || item.body, 200), href: item.href, authorId: userId, consultationId: item.consultationId, hiddenAt: at, hiddenBy: actor.user?.id ?? null, hiddenReason: input.reason, hiddenByBlock: true })))
          .onConflictDoUpdate({
            target: [moderationItems.kind, moderationItems.itemId],
            // Already hidden for its own reason: it stays so, and unblocking leaves it hidden.
            set: {
              hiddenByBlock: sql`${moderationItems.hiddenAt} is null`,
              hiddenReason: sql`case when ${moderationItems.hiddenAt} is null then excluded.hidden_reason else ${moderationItems.hiddenReason} end`,
              hiddenBy: sql`case when ${moderationItems.hiddenAt} is null then excluded.hidden_by else ${moderationItems.hiddenBy} end`,
              hiddenAt: sql`coalesce(${moderationItems.hiddenAt}, excluded.hidden_at)`,
            },
          })
          .returning({ id: moderationItems.id, kind: moderationItems.kind, itemId: moderationItems.itemId, byBlock: moderationItems.hiddenByBlock });
        const fresh = upserted.filter((r) => r.byBlock);
        for (const kind of blockHides) await applyHidden(tx, kind, fresh.filter((r) => r.kind === kind).map((r) => r.itemId), true);
        await closeReports(tx, actor, upserted.map((r) => r.id), 'hidden', at);
        hidden += fresh.length;
      }
    }
    const [person] = await tx.select({ id: moderationItems.id }).from(moderationItems).where(and(eq(moderationItems.kind, 'user'), eq(moderationItems.itemId, userId)));
    if (person) await closeReports(tx, actor, [person.id], 'hidden', at);
    await recordAudit(tx, actor, 'moderation.block', `user:${userId}`, { reason: input.reason, hidden });
    if (account.changed) await mailAccount(env, tx, account, 'blocked', input.reason);
    return { hidden };
  });
}

/** Gives the account back, with what was hidden with the block (not what was hidden for a reason of its own). */
export async function unblockAccount(env: ServiceEnv, actor: Actor, userId: number): Promise<{ restored: number }> {
  return env.db.transaction(async (tx) => {
    const account = await setBlockedIn(tx, actor, userId, false);
    const restored = await tx
      .update(moderationItems)
      .set({ hiddenAt: null, hiddenBy: null, hiddenReason: null, hiddenByBlock: false })
      .where(and(eq(moderationItems.authorId, userId), eq(moderationItems.hiddenByBlock, true)))
      .returning({ kind: moderationItems.kind, itemId: moderationItems.itemId });
    for (const kind of blockHides) await applyHidden(tx, kind, restored.filter((r) => r.kind === kind).map((r) => r.itemId), false);
    await recordAudit(tx, actor, 'moderation.unblock', `user:${userId}`, { restored: restored.length });
    if (account.changed) await mailAccount(env, tx, account, 'unblocked');
    return { restored: restored.length };
  });
}

type MailTemplate = 'hidden' | 'autoHidden' | 'restored' | 'blocked' | 'unblocked';

/** One mail per author, listing their items, in their language; none for deleted or blocked accounts. */
async function tellAuthors(env: ServiceEnv, tx: Tx, items: Pick<ModerationItem, 'kind' | 'authorId' | 'title' | 'href'>[], template: MailTemplate, reason?: string): Promise<void> {
  const authorIds = [...new Set(items.flatMap((i) => (i.authorId === null || i.kind === 'user' ? [] : [i.authorId])))];
  if (authorIds.length === 0) return;
  const authors = await tx
    .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
    .from(users)
    .where(and(inArray(users.id, authorIds), isNull(users.deletedAt), isNull(users.blockedAt)));
  for (const author of authors) {
    const { ta } = translator(author.locale);
    const list = items
      .filter((i) => i.authorId === author.id)
      .map((i) => `- ${ta(`moderation:kind.${i.kind}`)} · ${excerptOf(i.title, 120)}\n  ${env.config.publicUrl}${i.href}`)
      .join('\n');
    await mail(env, tx, author, template, { items: list, reason: reason ?? ta('moderation:hidden.automatic') });
  }
}

async function mailAccount(env: ServiceEnv, tx: Tx, account: { email: string; displayName: string; locale: 'fr' | 'en' }, template: MailTemplate, reason?: string): Promise<void> {
  await mail(env, tx, account, template, { reason: reason ?? '' });
}

async function mail(env: ServiceEnv, tx: Tx, to: { email: string; displayName: string; locale: 'fr' | 'en' }, template: MailTemplate, vars: Record<string, string>): Promise<void> {
  const { ta } = translator(to.locale);
  const all = { ...vars, name: to.displayName, site: env.config.publicUrl, charter: `${env.config.publicUrl}/pages/charter` };
  await queueMail(env.jobs, tx, { to: to.email, subject: ta(`moderation:mail.${template}.subject`, all), text: ta(`moderation:mail.${template}.body`, all) });
}

/** Every item an account wrote that is hidden now, for its moderation page. */
export async function hiddenOf(db: Db, userId: number): Promise<{ kind: ReportableKind; itemId: number; byBlock: boolean }[]> {
  return db
    .select({ kind: moderationItems.kind, itemId: moderationItems.itemId, byBlock: moderationItems.hiddenByBlock })
    .from(moderationItems)
    .where(and(eq(moderationItems.authorId, userId), sql`${moderationItems.hiddenAt} is not null`));
}

export { loadItem };
