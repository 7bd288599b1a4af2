// Every module's table for the authorization walk; a module with routes adds its file here.
import { analyticsRoutes } from './analytics.ts';
import { consultationRoutes } from './consultations.ts';
import { eventRoutes } from './events.ts';
import { foundation } from './foundation.ts';
import { notificationRoutes } from './notifications.ts';
import { openDataRoutes } from './opendata.ts';
import { moderationRoutes } from './moderation.ts';
import { projectRoutes } from './projects.ts';
import { searchRoutes } from './search.ts';
import type { RouteTable } from './table.ts';

export const tables: RouteTable[] = [foundation, analyticsRoutes, openDataRoutes, consultationRoutes, eventRoutes, projectRoutes, searchRoutes, moderationRoutes, notificationRoutes];
