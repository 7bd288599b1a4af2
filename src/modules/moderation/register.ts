// The moderation module's parts, in the order they must be registered: its hooks before any route (the spam
// defences and the charter check apply to routes of every module), its routes with the others.
import type { FastifyInstance } from 'fastify';
import { desc, eq } from 'drizzle-orm';
import { registerPersonalData } from '../../platform/personal-data.ts';
import { moderationAccountRoutes } from './account-routes.tsx';
import { moderationApi } from './api.ts';
import { registerCharterCheck } from './charter.ts';
import { charterRoutes } from './charter-routes.tsx';
import { moderationRoutes } from './routes.tsx';
import { moderationItems, reports } from './schema.ts';
import { registerSpamDefences } from './spam.ts';

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
