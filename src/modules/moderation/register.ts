// The moderation module's parts, in the order they must be registered: its hooks before any route (the spam
// defences and the charter check apply to routes of every module), its routes with the others.
import type { FastifyInstance } from 'fastify';
import { desc, eq } from 'drizzle-orm';
import { registerPersonalData } from '../../platform/personal-data.ts';
import { registerDeliveryFilter } from '../notifications/delivery.ts';
import { moderationAccountRoutes } from './account-routes.tsx';
import { moderationApi } from './api.ts';
import { registerCharterCheck } from './charter.ts';
import { charterRoutes } from './charter-routes.tsx';
import { moderationRoutes } from './routes.tsx';
import { moderationItems, reports, type ReportableKind } from './schema.ts';
import { registerSpamDefences } from './spam.ts';
import { hiddenNotices } from './visibility.ts';

// The reports a person made (what they reported and why): theirs to download.
registerPersonalData('reports', async (db, userId) =>
  db
    .select({ kind: moderationItems.kind, itemId: moderationItems.itemId, reason: reports.reason, details: reports.details, createdAt: reports.createdAt, outcome: reports.outcome })
    .from(reports)
    .innerJoin(moderationItems, eq(moderationItems.id, reports.moderationItemId))
    .where(eq(reports.reporterId, userId))
    .orderBy(desc(reports.id))
    .limit(10_000),
);

// What a notification is about, as the moderators name it (a hidden contribution is left out by the notifications
// module itself: its state says so). Hidden since someone was told of it, it is no longer in their notifications or
// digests, nor mailed.
const moderatedItem: Partial<Record<string, [ReportableKind, string]>> = {
  'comment.created': ['comment', 'commentId'],
  'argument.created': ['argument', 'argumentId'],
  'question.asked': ['question', 'questionId'],
  'question.answered': ['question', 'questionId'],
  'response.submitted': ['response', 'responseId'],
  'response.status': ['response', 'responseId'],
  'event.created': ['event', 'eventId'],
  'event.minutes': ['event', 'eventId'],
};

registerDeliveryFilter(async (db, _actor, items) => {
  const about = items.flatMap((i) => {
    const [kind, field] = moderatedItem[i.type] ?? [];
    const itemId = field ? Number(i.data[field]) : NaN;
    // An event recorded before its item's id was kept in it names nothing to look up.
    return kind && Number.isInteger(itemId) ? [{ id: i.id, kind, itemId }] : [];
  });
  const kinds = [...new Set(about.map((a) => a.kind))];
  const hidden = new Map(await Promise.all(kinds.map(async (kind) => [kind, await hiddenNotices(db, kind, about.filter((a) => a.kind === kind).map((a) => a.itemId))] as const)));
  return new Set(about.filter((a) => hidden.get(a.kind)!.has(a.itemId)).map((a) => a.id));
});

export function moderationHooks(app: FastifyInstance): void {
  registerSpamDefences(app);
  registerCharterCheck(app);
}

export function moderationModule(app: FastifyInstance): void {
  moderationRoutes(app);
  moderationAccountRoutes(app);
  charterRoutes(app);
  moderationApi(app);
}
