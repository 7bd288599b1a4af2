// Events: the agenda and calendars for everyone, registration for the signed-in, running an event for the members of
// its animator organization (the orgAdmin's) and platform admins, animator designations for platform admins.
import { eq } from 'drizzle-orm';
import { consultations } from '../../src/modules/consultations/schema.ts';
import { eventFixture } from '../../src/modules/events/fixture.ts';
import { everyone, orgAdmins, admins, signedIn, type RouteTable } from './table.ts';

let eventId = 0;
const id = () => `/events/${eventId}`;

export const eventRoutes: RouteTable = {
  async setup(app, f) {
    const [consultation] = await app.ctx.db.select({ id: consultations.id }).from(consultations).where(eq(consultations.slug, `${f.organizationSlug}-consultation`));
    eventId = (await eventFixture(app, f.organizationSlug, { capacity: 3, consultationId: consultation?.id, title: 'Atelier de la tournée' })).eventId;
  },
  routes: {
    'GET /events': { allow: everyone },
    'GET /events/mine': { allow: signedIn },
    'POST /events/mine/feed': { allow: signedIn },
    'GET /events/feeds/:token': { allow: everyone, path: () => '/events/feeds/cal_unknown' },
    'GET /events/calendar/:kind/:code': { allow: everyone, path: () => '/events/calendar/commune/69123' },
    'GET /events/:id': { allow: everyone, path: id },
    'GET /events/:id/calendar.ics': { allow: everyone, path: () => `${id()}/calendar.ics` },
    'POST /events/:id/register': { allow: signedIn, path: () => `${id()}/register` },
    'POST /events/:id/cancel': { allow: signedIn, path: () => `${id()}/cancel` },
    // Members of an animator organization (the orgAdmin's) and platform admins create and run events.
    'GET /events/new': { allow: orgAdmins },
    'POST /events/new': { allow: orgAdmins },
    'GET /events/:id/edit': { allow: orgAdmins, path: () => `${id()}/edit` },
    'POST /events/:id/edit': { allow: orgAdmins, path: () => `${id()}/edit` },
    'GET /events/:id/attendees': { allow: orgAdmins, path: () => `${id()}/attendees` },
    'GET /events/:id/attendees.csv': { allow: orgAdmins, path: () => `${id()}/attendees.csv` },
    'POST /events/:id/attendance': { allow: orgAdmins, path: () => `${id()}/attendance` },
    'POST /events/:id/message': { allow: orgAdmins, path: () => `${id()}/message` },
    'GET /events/:id/call-off': { allow: orgAdmins, path: () => `${id()}/call-off` },
    // Without the confirmation box: refused beside the field, so the walk calls nothing off.
    'POST /events/:id/call-off': { allow: orgAdmins, path: () => `${id()}/call-off`, body: { reason: 'Une raison assez longue.' } },
    'GET /events/:id/minutes': { allow: orgAdmins, path: () => `${id()}/minutes` },
    'POST /events/:id/minutes': { allow: orgAdmins, path: () => `${id()}/minutes` },
    'GET /events/:id/contributions/new': { allow: orgAdmins, path: () => `${id()}/contributions/new` },
    'POST /events/:id/contributions/new': { allow: orgAdmins, path: () => `${id()}/contributions/new` },
    'GET /events/:id/import': { allow: orgAdmins, path: () => `${id()}/import` },
    'POST /events/:id/import': { allow: orgAdmins, path: () => `${id()}/import` },
    'POST /events/:id/import/confirm': { allow: orgAdmins, path: () => `${id()}/import/confirm` },
    'GET /events/:id/drafts': { allow: orgAdmins, path: () => `${id()}/drafts` },
    'POST /events/:id/drafts/publish': { allow: orgAdmins, path: () => `${id()}/drafts/publish` },
    'POST /events/:id/drafts/:contribution/discard': { allow: orgAdmins, path: () => `${id()}/drafts/2147483647/discard` },
    'GET /admin/events/animators': { allow: admins },
    'POST /admin/events/animators': { allow: admins },
    'POST /admin/events/animators/:id/remove': { allow: admins, path: () => '/admin/events/animators/2147483647/remove' },
    'GET /api/v1/events': { allow: everyone },
    'GET /api/v1/events/registrations': { allow: signedIn },
    'GET /api/v1/events/:id': { allow: everyone, path: () => `/api/v1${id()}` },
    'GET /api/v1/events/:id/calendar.ics': { allow: everyone, path: () => `/api/v1${id()}/calendar.ics` },
    'POST /api/v1/events/:id/registration': { allow: signedIn, path: () => `/api/v1${id()}/registration` },
    'POST /api/v1/events/:id/registration/cancel': { allow: signedIn, path: () => `/api/v1${id()}/registration/cancel` },
  },
};
