// Open-innovation projects: a public open project of the orgAdmin's collectivité, with a document, a question, a
// criterion and a public response from a startup none of the walk's roles belongs to.
import { makeUser } from '../support/roles.ts';
import { makeAttachment, makeCriterion, makeOrg, makeProject, makeQuestion, makeResponse, organizationIdOf } from '../../src/modules/projects/testing.ts';
import { everyone, orgAdmins, signedIn, type RouteTable } from './table.ts';

const ids = { responseAttachment: 0, project: 0, attachment: 0, doomedAttachment: 0, question: 0, response: 0, criterion: 0 };
const nobody = [] as const;
const owner = ['orgAdmin'] as const;
const p = (suffix = '') => () => `/projects/${ids.project}${suffix}`;

export const projectRoutes: RouteTable = {
  async setup(app, f) {
    const db = app.ctx.db;
    const ownerId = await organizationIdOf(db, f.organizationSlug);
    const founder = await makeUser(app, 'walk-startup@example.org');
    const startup = await makeOrg(db, 'walk-startup', 'startup', [founder]);
    ids.project = await makeProject(db, ownerId, { title: 'Projet de la tournée' });
    ids.attachment = await makeAttachment(db, ids.project);
    ids.doomedAttachment = await makeAttachment(db, ids.project, 'a-supprimer.pdf');
    ids.question = await makeQuestion(db, ids.project, founder, startup, 'private');
    ids.response = await makeResponse(db, ids.project, startup, 'public');
    ids.responseAttachment = await makeAttachment(db, ids.project, 'reponse.pdf', ids.response);
    ids.criterion = await makeCriterion(db, ids.project);
  },
  routes: {
    'GET /projects': { allow: everyone },
    'GET /projects/new': { allow: owner },
    'POST /projects/new': { allow: owner },
    'GET /projects/for-you': { allow: nobody },
    'GET /projects/alerts': { allow: signedIn },
    'POST /projects/alerts': { allow: signedIn },
    'GET /projects/:id': { allow: everyone, path: p() },
    'GET /projects/:id/edit': { allow: orgAdmins, path: p('/edit') },
    'POST /projects/:id/edit': { allow: orgAdmins, path: p('/edit') },
    'POST /projects/:id/state': { allow: orgAdmins, path: p('/state') },
    'POST /projects/:id/attachments': { allow: orgAdmins, path: p('/attachments') },
    'POST /projects/:id/attachments/:attachmentId/delete': { allow: orgAdmins, path: () => `/projects/${ids.project}/attachments/${ids.doomedAttachment}/delete` },
    'GET /projects/:id/attachments/:attachmentId': { allow: everyone, path: () => `/projects/${ids.project}/attachments/${ids.attachment}` },
    'GET /projects/:id/questions': { allow: everyone, path: p('/questions') },
    'POST /projects/:id/questions': { allow: nobody, path: p('/questions') },
    'POST /projects/:id/questions/:questionId/answer': { allow: owner, path: () => `/projects/${ids.project}/questions/${ids.question}/answer` },
    'GET /projects/:id/respond': { allow: nobody, path: p('/respond') },
    'POST /projects/:id/respond': { allow: nobody, path: p('/respond') },
    'GET /projects/:id/respond/withdraw': { allow: nobody, path: p('/respond/withdraw') },
    'POST /projects/:id/respond/withdraw': { allow: nobody, path: p('/respond/withdraw') },
    'GET /projects/:id/responses': { allow: owner, path: p('/responses') },
    'GET /projects/:id/responses/:responseId': { allow: everyone, path: () => `/projects/${ids.project}/responses/${ids.response}` },
    'POST /projects/:id/responses/:responseId/scores': { allow: owner, path: () => `/projects/${ids.project}/responses/${ids.response}/scores` },
    'POST /projects/:id/responses/:responseId/notes': { allow: owner, path: () => `/projects/${ids.project}/responses/${ids.response}/notes` },
    'POST /projects/:id/responses/:responseId/status': { allow: owner, path: () => `/projects/${ids.project}/responses/${ids.response}/status` },
    'POST /projects/:id/responses/:responseId/attachments': { allow: nobody, path: () => `/projects/${ids.project}/responses/${ids.response}/attachments` },
    'GET /projects/:id/responses/:responseId/attachments/:attachmentId': { allow: everyone, path: () => `/projects/${ids.project}/responses/${ids.response}/attachments/${ids.responseAttachment}` },
    'POST /projects/:id/responses/:responseId/messages': { allow: owner, path: () => `/projects/${ids.project}/responses/${ids.response}/messages` },
    'GET /projects/:id/criteria': { allow: owner, path: p('/criteria') },
    'POST /projects/:id/criteria': { allow: owner, path: p('/criteria') },
    'POST /projects/:id/criteria/:criterionId/delete': { allow: owner, path: () => `/projects/${ids.project}/criteria/${ids.criterion}/delete` },
    'GET /projects/:id/matches': { allow: owner, path: p('/matches') },
    // The walk's project is public: those allowed get the page saying there is no one to invite, or that refusal.
    'GET /projects/:id/invitations': { allow: orgAdmins, path: p('/invitations?q=walk') },
    'POST /projects/:id/invitations': { allow: orgAdmins, path: p('/invitations'), body: { organization: '1' } },
    'GET /projects/:id/invitations/:organizationId/revoke': { allow: orgAdmins, path: p('/invitations/1/revoke') },
    'POST /projects/:id/invitations/:organizationId/revoke': { allow: orgAdmins, path: p('/invitations/1/revoke') },
    'GET /api/v1/projects': { allow: everyone },
    'POST /api/v1/projects': { allow: owner },
    'GET /api/v1/projects/:id': { allow: everyone, path: () => `/api/v1/projects/${ids.project}` },
    'GET /api/v1/projects/:id/faq': { allow: everyone, path: () => `/api/v1/projects/${ids.project}/faq` },
    'GET /api/v1/projects/:id/questions': { allow: everyone, path: () => `/api/v1/projects/${ids.project}/questions` },
    'POST /api/v1/projects/:id/questions': { allow: nobody, path: () => `/api/v1/projects/${ids.project}/questions` },
    'POST /api/v1/projects/:id/questions/:questionId/answer': { allow: owner, path: () => `/api/v1/projects/${ids.project}/questions/${ids.question}/answer` },
    'GET /api/v1/projects/:id/responses': { allow: everyone, path: () => `/api/v1/projects/${ids.project}/responses` },
    'GET /api/v1/projects/:id/responses/mine': { allow: nobody, path: () => `/api/v1/projects/${ids.project}/responses/mine` },
    'POST /api/v1/projects/:id/responses/mine': { allow: nobody, path: () => `/api/v1/projects/${ids.project}/responses/mine` },
    'GET /api/v1/projects/:id/invitations': { allow: orgAdmins, path: () => `/api/v1/projects/${ids.project}/invitations` },
    'POST /api/v1/projects/:id/invitations': { allow: orgAdmins, path: () => `/api/v1/projects/${ids.project}/invitations`, body: { organization: '1' } },
    'POST /api/v1/projects/:id/invitations/:organizationId/revoke': { allow: orgAdmins, path: () => `/api/v1/projects/${ids.project}/invitations/1/revoke` },
  },
};
