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
import { moderationItems, reports } from './schema.ts';
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

// A comment the moderators hid since someone was told of it is no longer in their notifications or digests (a hidden
// contribution is left out by the notifications module itself: its state says so).
registerDeliveryFilter(async (db, _actor, items) => {
  const about = items.filter((i) => i.type === 'comment.created').map((i) => ({ id: i.id, commentId: Number(i.data.commentId) }));
  if (about.length === 0) return new Set();
  const hidden = await hiddenNotices(db, 'comment', about.map((a) => a.commentId));
  return new Set(about.filter((a) => hidden.has(a.commentId)).map((a) => a.id));
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
