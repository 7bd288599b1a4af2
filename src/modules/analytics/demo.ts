// Demo data: the dashboards, opinion and topic groups of the demo are computed at once, and the open-data archives
// asked for, so every page looks alive from the first start (the jobs keep them up to date afterwards).
import type { ServiceEnv } from '../../platform/http/types.ts';
import { sweepArchives } from '../opendata/service.ts';
import { sweep } from './compute.ts';

export async function seedAnalytics(env: ServiceEnv): Promise<void> {
  await sweep(env.db);
  await sweepArchives(env);
}
