// The site-wide search: open to everyone; what each person finds is the providers' business (tested beside them).
import { everyone, type RouteTable } from './table.ts';

export const searchRoutes: RouteTable = {
  routes: {
    'GET /search': { allow: everyone, path: () => '/search?q=besoin' },
    'GET /api/v1/search': { allow: everyone, path: () => '/api/v1/search?q=besoin' },
  },
};
