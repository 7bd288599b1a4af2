// Whether an item is hidden by the moderators, for the modules that show it: a SQL condition for their lists (one
// probe of the unique index on (kind, item_id) per row shown) and the reasons, for the places that show a hidden item
// in place ("hidden by the moderators: …") or to its author. Contributions carry it in their own state as well
// (state = 'hidden'), so that their kept counts and partial indexes leave them out with nothing to join.
import { and, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { DomainError } from '../../platform/errors.ts';
import { can, type Actor } from '../../platform/policy.ts';
import './policy.ts';
import type { HiddenScope } from './policy.ts';
import { moderationItems, type ReportableKind } from './schema.ts';

/**
 * True for an item no moderator hid. `id` is the outer row's id column; in select fields (where drizzle leaves a lone
 * table's columns unqualified) pass it qualified, e.g. sql`"comments"."id"`.
 */
export function notHidden(kind: ReportableKind, id: unknown): SQL {
  return sql`not exists (select 1 from ${moderationItems} mi where mi.kind = ${kind} and mi.item_id = ${id} and mi.hidden_at is not null)`;
}

/** The opposite, for a select field ("is this one hidden?"). */
export function isHidden(kind: ReportableKind, id: unknown): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${moderationItems} mi where mi.kind = ${kind} and mi.item_id = ${id} and mi.hidden_at is not null)`;
}

export interface HiddenNotice {
  /** the moderators' reason; null when hidden automatically, by the number of its reports */
  reason: string | null;
  automatic: boolean;
  at: Date;
}

/** Why each of these items is hidden; items not hidden are absent from the map. */
export async function hiddenNotices(db: Db | Tx, kind: ReportableKind, ids: number[]): Promise<Map<number, HiddenNotice>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ itemId: moderationItems.itemId, reason: moderationItems.hiddenReason, hiddenBy: moderationItems.hiddenBy, byBlock: moderationItems.hiddenByBlock, at: moderationItems.hiddenAt })
    .from(moderationItems)
    .where(and(eq(moderationItems.kind, kind), inArray(moderationItems.itemId, unique), isNotNull(moderationItems.hiddenAt)));
  return new Map(rows.map((r) => [r.itemId, { reason: r.reason, automatic: r.hiddenBy === null && !r.byBlock, at: r.at! }]));
}

export async function hiddenNotice(db: Db | Tx, kind: ReportableKind, id: number): Promise<HiddenNotice | undefined> {
  return (await hiddenNotices(db, kind, [id])).get(id);
}

/**
 * A hidden item asked for by someone who may not see it: 410 with code `content_hidden`; the page says "hidden by the
 * moderators" and why, the API gives the reason as `detail`. Restoring it brings it back at the same address.
 */
export class ContentHidden extends DomainError {
  constructor(readonly notice: HiddenNotice) {
    super('content_hidden', 410, 'hidden by the moderators');
  }
  /** What the person is told: the moderators' reason, or nothing when it was hidden by its reports. */
  override get detail(): string | undefined {
    return this.notice.reason ?? undefined;
  }
}

/**
 * For a page or an API answer that opens one item: nothing when no moderator hid it; why it is hidden for those who
 * still read it (its author, whoever decides about it), to show above it; ContentHidden (410) for everyone else.
 */
export async function readableHidden(db: Db | Tx, actor: Actor, kind: ReportableKind, id: number, scope: HiddenScope): Promise<HiddenNotice | undefined> {
  const notice = await hiddenNotice(db, kind, id);
  if (notice && !can(actor, 'moderation.seeHidden', scope)) throw new ContentHidden(notice);
  return notice;
}
