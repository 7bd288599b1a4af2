// Open data: the catalogue, datasets, archives and descriptors for everyone; the organizers' export for the organizers
// of the walk's consultation (the orgAdmin's organization) and platform admins; a rebuild for platform admins.
import { admins, everyone, orgAdmins, type RouteTable } from './table.ts';

const slug = (f: { organizationSlug: string }) => `${f.organizationSlug}-consultation`;

export const openDataRoutes: RouteTable = {
  routes: {
    'GET /open-data': { allow: everyone },
    'GET /open-data/status': { allow: everyone },
    // No archive built in the walk: everyone is sent to the catalogue page.
    'GET /open-data/parvis-open-data.zip': { allow: everyone },
    'GET /open-data/catalog.jsonld': { allow: everyone },
    'GET /open-data/datapackage.json': { allow: everyone },
    'POST /open-data/rebuild': { allow: admins },
    'GET /consultations/:slug/open-data': { allow: everyone, path: (f) => `/consultations/${slug(f)}/open-data` },
    'GET /consultations/:slug/open-data/status': { allow: everyone, path: (f) => `/consultations/${slug(f)}/open-data/status` },
    'GET /consultations/:slug/open-data.zip': { allow: everyone, path: (f) => `/consultations/${slug(f)}/open-data.zip` },
    'POST /consultations/:slug/export.zip': { allow: orgAdmins, path: (f) => `/consultations/${slug(f)}/export.zip` },
    'GET /api/v1/open-data': { allow: everyone },
    'GET /api/v1/open-data/contributions': { allow: everyone },
  },
};
