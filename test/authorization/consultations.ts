// Consultations, phases, contributions and their reactions.
import { consultationFixture, type ConsultationFixture } from '../support/roles.ts';
import { everyone, orgAdmins, signedIn, type RouteTable } from './table.ts';

// The orgAdmin's organization organizes the consultation of the walk, and the orgAdmin wrote its contribution.
let consultation: ConsultationFixture;
const contribution = { title: 'Une contribution de la tournée', body: 'Un corps assez long pour être accepté.', kind: 'need' };

export const consultationRoutes: RouteTable = {
  async setup(app, f) {
    consultation = await consultationFixture(app, f.organizationSlug, f.userIds.orgAdmin);
  },
  routes: {
    'GET /consultations': { allow: everyone },
    'GET /consultations/new': { allow: orgAdmins },
    'POST /consultations/new': { allow: orgAdmins },
    'GET /consultations/:slug': { allow: everyone, path: () => `/consultations/${consultation.slug}` },
    'GET /consultations/:slug/phases/:phase': { allow: everyone, path: () => `/consultations/${consultation.slug}/phases/1` },
    'GET /consultations/:slug/edit': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/edit` },
    'POST /consultations/:slug/edit': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/edit` },
    'GET /consultations/:slug/phases/new': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/phases/new` },
    'POST /consultations/:slug/phases': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/phases` },
    'GET /consultations/:slug/phases/:phase/edit': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/phases/1/edit` },
    'POST /consultations/:slug/phases/:phase/edit': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/phases/1/edit` },
    'POST /consultations/:slug/themes': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/themes` },
    // The walk's consultation is published and its first phase holds a contribution: publishing again and deleting
    // that phase change nothing, a move without a direction is refused, the themes named do not exist.
    'GET /consultations/:slug/publish': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/publish` },
    'POST /consultations/:slug/publish': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/publish` },
    'POST /consultations/:slug/phases/:phase/move': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/phases/1/move` },
    'GET /consultations/:slug/phases/:phase/delete': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/phases/1/delete` },
    'POST /consultations/:slug/phases/:phase/delete': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/phases/1/delete` },
    'GET /consultations/:slug/themes/:theme/edit': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/themes/inconnu/edit` },
    'POST /consultations/:slug/themes/:theme/edit': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/themes/inconnu/edit`, body: { label: 'Nom' } },
    'GET /consultations/:slug/themes/:theme/delete': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/themes/inconnu/delete` },
    'POST /consultations/:slug/themes/:theme/delete': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/themes/inconnu/delete` },
    'GET /consultations/:slug/phases/:phase/contribute': { allow: signedIn, path: () => `/consultations/${consultation.slug}/phases/1/contribute` },
    'POST /consultations/:slug/phases/:phase/contribute': { allow: signedIn, path: () => `/consultations/${consultation.slug}/phases/1/contribute` },
    'GET /contributions/:id': { allow: everyone, path: () => `/contributions/${consultation.contributionId}` },
    'GET /contributions/:id/history': { allow: everyone, path: () => `/contributions/${consultation.contributionId}/history` },
    // Only the author edits.
    'GET /contributions/:id/edit': { allow: ['orgAdmin'], path: () => `/contributions/${consultation.contributionId}/edit` },
    'POST /contributions/:id/edit': { allow: ['orgAdmin'], path: () => `/contributions/${consultation.contributionId}/edit` },
    'POST /contributions/:id/vote': { allow: signedIn, path: () => `/contributions/${consultation.contributionId}/vote`, body: { value: 'agree' } },
    'POST /contributions/:id/arguments': { allow: signedIn, path: () => `/contributions/${consultation.contributionId}/arguments`, body: { side: 'for', text: '' } },
    'POST /arguments/:id/support': { allow: signedIn, path: () => `/arguments/${consultation.argumentId}/support` },
    'POST /contributions/:id/comments': { allow: signedIn, path: () => `/contributions/${consultation.contributionId}/comments`, body: { body: '' } },
    // The author edits a comment; the author and moderators delete it.
    'GET /comments/:id/edit': { allow: ['orgAdmin'], path: () => `/comments/${consultation.commentId}/edit` },
    'POST /comments/:id/edit': { allow: ['orgAdmin'], path: () => `/comments/${consultation.commentId}/edit`, body: { body: '' } },
    'GET /comments/:id/delete': { allow: ['orgAdmin', 'moderator', 'admin'], path: () => `/comments/${consultation.commentId}/delete` },
    'POST /comments/:id/delete': { allow: ['orgAdmin', 'moderator', 'admin'], path: () => `/comments/${consultation.commentId}/delete` },
    'GET /api/v1/consultations': { allow: everyone },
    'GET /api/v1/consultations/:slug': { allow: everyone, path: () => `/api/v1/consultations/${consultation.slug}` },
    'GET /api/v1/consultations/:slug/phases/:phase/contributions': { allow: everyone, path: () => `/api/v1/consultations/${consultation.slug}/phases/1/contributions` },
    'POST /api/v1/consultations/:slug/phases/:phase/contributions': { allow: signedIn, path: () => `/api/v1/consultations/${consultation.slug}/phases/1/contributions`, body: contribution },
    'GET /api/v1/contributions/:id': { allow: everyone, path: () => `/api/v1/contributions/${consultation.contributionId}` },
    'POST /api/v1/contributions/:id/vote': { allow: signedIn, path: () => `/api/v1/contributions/${consultation.contributionId}/vote`, body: { value: 'mixed' } },
    'POST /contributions/:id/publish': { allow: ['orgAdmin'], path: () => `/contributions/${consultation.contributionId}/publish` },
    'GET /consultations/:slug/similar': { allow: everyone, path: () => `/consultations/${consultation.slug}/similar?title=besoin` },
    'GET /consultations/:slug/chain': { allow: everyone, path: () => `/consultations/${consultation.slug}/chain` },
    // Organizers: the orgAdmin's organization organizes the walk's consultation; platform admins organize all.
    'POST /contributions/:id/answer': { allow: orgAdmins, path: () => `/contributions/${consultation.contributionId}/answer`, body: { status: 'nope' } },
    'GET /contributions/:id/merge': { allow: orgAdmins, path: () => `/contributions/${consultation.contributionId}/merge?into=nope` },
    'POST /contributions/:id/merge': { allow: orgAdmins, path: () => `/contributions/${consultation.contributionId}/merge`, body: { into: 'nope' } },
    'GET /consultations/:slug/phases/:phase/synthesis': { allow: everyone, path: () => `/consultations/${consultation.slug}/phases/2/synthesis` },
    'POST /consultations/:slug/phases/:phase/synthesis': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/phases/2/synthesis`, body: { body: '' } },
    'POST /consultations/:slug/cover': { allow: orgAdmins, path: () => `/consultations/${consultation.slug}/cover` },
    // No cover in the walk's consultation: everyone gets the same 404, never a refusal.
    'GET /consultations/:slug/cover': { allow: everyone, path: () => `/consultations/${consultation.slug}/cover` },
    'GET /api/v1/contributions/:id/arguments': { allow: everyone, path: () => `/api/v1/contributions/${consultation.contributionId}/arguments` },
    'POST /api/v1/contributions/:id/arguments': { allow: signedIn, path: () => `/api/v1/contributions/${consultation.contributionId}/arguments`, body: { side: 'for', text: '' } },
    'GET /api/v1/contributions/:id/comments': { allow: everyone, path: () => `/api/v1/contributions/${consultation.contributionId}/comments` },
    'POST /api/v1/contributions/:id/comments': { allow: signedIn, path: () => `/api/v1/contributions/${consultation.contributionId}/comments`, body: { body: '' } },
    'POST /api/v1/contributions/:id/answer': { allow: orgAdmins, path: () => `/api/v1/contributions/${consultation.contributionId}/answer`, body: { status: 'nope' } },
    'POST /api/v1/contributions/:id/merge': { allow: orgAdmins, path: () => `/api/v1/contributions/${consultation.contributionId}/merge`, body: { into: 'nope' } },
    'GET /api/v1/consultations/:slug/phases/:phase/synthesis': { allow: everyone, path: () => `/api/v1/consultations/${consultation.slug}/phases/2/synthesis` },
    'GET /api/v1/consultations/:slug/similar': { allow: everyone, path: () => `/api/v1/consultations/${consultation.slug}/similar?title=besoin` },
    'GET /api/v1/consultations/:slug/chain': { allow: everyone, path: () => `/api/v1/consultations/${consultation.slug}/chain` },
  },
};
