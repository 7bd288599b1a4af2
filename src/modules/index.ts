// Every capability of the platform, in the order their routes are registered.
import type { FastifyInstance } from 'fastify';
import { accountApi } from './accounts/api.ts';
import { accountRoutes } from './accounts/routes.tsx';
import { adminRoutes } from './admin/routes.tsx';
import { homeRoutes } from './home/routes.tsx';
import { pageRoutes } from './pages/routes.tsx';

export async function registerModules(app: FastifyInstance): Promise<void> {
  homeRoutes(app);
  accountRoutes(app);
  accountApi(app);
  pageRoutes(app);
  adminRoutes(app);
}
