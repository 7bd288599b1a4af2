// Every capability of the platform, in the order their routes are registered.
import type { FastifyInstance } from 'fastify';
import { accountApi } from './accounts/api.ts';
import { accountJobs } from './accounts/jobs.ts';
import { accountRoutes } from './accounts/routes.tsx';
import { proconnectRoutes } from './accounts/proconnect-routes.tsx';
import { adminRoutes } from './admin/routes.tsx';
import { homeRoutes } from './home/routes.tsx';
import { pageRoutes } from './pages/routes.tsx';
import { organizationApi } from './organizations/api.ts';
import { memberRoutes } from './organizations/members-routes.tsx';
import { organizationRoutes } from './organizations/routes.tsx';
import { territoryRoutes } from './territories/routes.tsx';
import { consultationApi } from './consultations/api.ts';
import { discussionApi } from './consultations/discussion-api.ts';
import { contributionRoutes } from './consultations/contribution-routes.tsx';
import { consultationRoutes } from './consultations/routes.tsx';
import { organizerRoutes } from './consultations/organizer-routes.tsx';
import { eventApi } from './events/api.ts';
import { eventJobs } from './events/jobs.ts';
import { eventManageRoutes } from './events/manage-routes.tsx';
import { eventRoutes } from './events/routes.tsx';

export async function registerModules(app: FastifyInstance): Promise<void> {
  await accountJobs(app);
  homeRoutes(app);
  accountRoutes(app);
  proconnectRoutes(app);
  accountApi(app);
  pageRoutes(app);
  territoryRoutes(app);
  organizationRoutes(app);
  memberRoutes(app);
  organizationApi(app);
  consultationRoutes(app);
  contributionRoutes(app);
  organizerRoutes(app);
  consultationApi(app);
  discussionApi(app);
  await eventJobs(app);
  eventRoutes(app);
  eventManageRoutes(app);
  eventApi(app);
  adminRoutes(app);
}
