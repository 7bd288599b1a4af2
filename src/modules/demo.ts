// Demo data: each module adds its own through this one loader, in dependency order.
import type { ServiceEnv } from '../platform/http/types.ts';
import { seedAccounts, demoPassword, type DemoAccount } from './accounts/demo.ts';
import { seedOrganizations } from './organizations/demo.ts';
import { seedConsultations } from './consultations/demo.ts';
import { seedEvents } from './events/demo.ts';
import { seedProjects } from './projects/demo.ts';
import { seedAnalytics } from './analytics/demo.ts';
import { seedNotifications } from './notifications/demo.ts';
import { seedModeration } from './moderation/demo.ts';

export interface DemoResult {
  accounts: DemoAccount[];
  password: string;
}

export async function seedDemo(env: ServiceEnv): Promise<DemoResult> {
  const accounts = await seedAccounts(env);
  await seedOrganizations(env);
  await seedConsultations(env);
  await seedEvents(env);
  await seedProjects(env);
  await seedNotifications(env);
  await seedModeration(env);
  // Last: it reads what the others wrote.
  await seedAnalytics(env);
  return { accounts, password: demoPassword };
}
