// Publishing, forms and the API under bad input, document uploads and hostile text: only collectivités and
// aménageurs publish (and only verified ones open), every refusal is a clear message and writes nothing, and no
// payload becomes active content.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { activeContent, xssPayloads } from '../../../test/support/inert.ts';
import { makeUser, signIn } from '../../../test/support/roles.ts';
import { recentAudit } from '../../platform/audit/service.ts';
import { projectCriteria, projectQuestions, projectResponses, projects } from './schema.ts';
import { projectById } from './service.ts';
import { makeCriterion, makeOrg, makeProject, makeResponse } from './testing.ts';

function multipart(csrf: string, file: { name: string; type: string; data: Buffer }) {
  const boundary = '----parvis-projects-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const goodProject = { title: 'Un hub logistique du dernier kilomètre', problem: 'Les livraisons encombrent le centre-ville aux heures de pointe.', stage: 'study', visibility: 'public' };

for (const kind of testDatabases()) {
  describe(`projects: publishing, bad input, uploads, XSS on ${kind}`, () => {
    let t: TestApp;
    let owner: Browser, unverified: Browser, startup: Browser, plain: Browser;
    let ownerOrg: number, unverifiedOrg: number, startupOrg: number;
    let projectId: number;

    const countOf = async (table: typeof projects | typeof projectQuestions | typeof projectResponses | typeof projectCriteria) => (await t.app.ctx.db.select({ n: count() }).from(table))[0]!.n;

    before(async () => {
      t = await testApp(kind);
      const db = t.app.ctx.db;
      const ids = { owner: await makeUser(t.app, 'pub-owner@example.org'), unverified: await makeUser(t.app, 'pub-unverified@example.org'), startup: await makeUser(t.app, 'pub-startup@example.org'), plain: await makeUser(t.app, 'pub-plain@example.org') };
      ownerOrg = await makeOrg(db, 'pub-ville', 'amenageur', [ids.owner], { verifiedAt: new Date(), verifiedBy: 'admin' });
      unverifiedOrg = await makeOrg(db, 'pub-pretendue', 'collectivite', [ids.unverified]);
      startupOrg = await makeOrg(db, 'pub-startup', 'startup', [ids.startup]);
      projectId = await makeProject(db, ownerOrg, { title: 'Projet des formulaires' });
      await makeCriterion(db, projectId);
      owner = await signIn(t.app, 'pub-owner@example.org', '10.7.0.1');
      unverified = await signIn(t.app, 'pub-unverified@example.org', '10.7.0.2');
      startup = await signIn(t.app, 'pub-startup@example.org', '10.7.0.3');
      plain = await signIn(t.app, 'pub-plain@example.org', '10.7.0.4');
    });
    after(() => t.close());

    test('only members of collectivités and aménageurs publish; only verified ones open a project', async () => {
      assert.equal((await startup.get('/projects/new')).statusCode, 403);
      assert.equal((await plain.get('/projects/new')).statusCode, 403);
      assert.equal((await startup.request({ method: 'POST', url: '/api/v1/projects', payload: { ...goodProject, organization: startupOrg }, headers: { 'csrf-token': await startup.csrf('/projects') } })).statusCode, 403);
      // A member may not publish for an organization they do not belong to.
      const other = await owner.post('/projects/new', { ...goodProject, organization: String(unverifiedOrg) });
      assert.equal(other.statusCode, 422);
      const created = await owner.post('/projects/new', { ...goodProject, organization: String(ownerOrg), deadline: '2099-01-31T18:00', latitude: '43.3', longitude: '5.37', domains: ['logistique', 'mobilite'], budgetMin: '10000', budgetMax: '50000' });
      assert.equal(created.statusCode, 303);
      const id = Number(/\/projects\/(\d+)$/.exec(created.headers.location as string)![1]);
      const draft = (await projectById(t.app.ctx.db, id))!;
      assert.equal(draft.state, 'draft');
      assert.deepEqual(draft.domains, ['logistique', 'mobilite']);
      assert.equal((await plain.get(`/projects/${id}`)).statusCode, 404, 'a draft is the owner team\'s');
      assert.equal((await owner.post(`/projects/${id}/state`, { state: 'open' }, { csrfFrom: `/projects/${id}` })).statusCode, 303);
      assert.equal((await projectById(t.app.ctx.db, id))!.state, 'open');
      // The claimed collectivité drafts but cannot open.
      const claimed = await unverified.post('/projects/new', { ...goodProject, organization: String(unverifiedOrg), deadline: '2099-01-31T18:00' });
      assert.equal(claimed.statusCode, 303);
      const claimedId = Number(/\/projects\/(\d+)$/.exec(claimed.headers.location as string)![1]);
      await unverified.post(`/projects/${claimedId}/state`, { state: 'open' }, { csrfFrom: `/projects/${claimedId}` });
      assert.equal((await projectById(t.app.ctx.db, claimedId))!.state, 'draft');
      assert.ok((await unverified.get(`/projects/${claimedId}`)).body.includes('doit être vérifiée'));
    });

    test('a platform admin may fix another organization\'s project, and the audit log says so; scores stay hidden from them', async () => {
      await makeUser(t.app, 'pub-admin@example.org', 'admin');
      const admin = await signIn(t.app, 'pub-admin@example.org', '10.7.0.9');
      const edited = await admin.post(`/projects/${projectId}/edit`, { ...goodProject, organization: String(ownerOrg), title: 'Projet des formulaires (corrigé)' });
      assert.equal(edited.statusCode, 303);
      const audit = await recentAudit(t.app.ctx.db, 5);
      assert.ok(audit.some((a) => a.action === 'project.manage' && a.target === `project:${projectId}`));
      assert.equal((await admin.get(`/projects/${projectId}/responses`)).statusCode, 403);
      await owner.post(`/projects/${projectId}/edit`, { ...goodProject, organization: String(ownerOrg), title: 'Projet des formulaires', deadline: '2099-01-31T18:00' });
    });

    test('bad input on every form: a message beside the field, what was typed kept, nothing written', async () => {
      const before = { projects: await countOf(projects), questions: await countOf(projectQuestions), responses: await countOf(projectResponses), criteria: await countOf(projectCriteria) };
      const bad: [Record<string, string | string[]>, string][] = [
        [{}, 'field-title'],
        [{ ...goodProject, organization: String(ownerOrg), latitude: 'abc', longitude: '5' }, 'field-latitude'],
        [{ ...goodProject, organization: String(ownerOrg), latitude: '43.3' }, 'field-longitude'],
        [{ ...goodProject, organization: String(ownerOrg), budgetMin: '900', budgetMax: '100' }, 'field-budgetMax'],
        [{ ...goodProject, organization: String(ownerOrg), budgetMin: '-5' }, 'field-budgetMin'],
        [{ ...goodProject, organization: String(ownerOrg), deadline: 'demain' }, 'field-deadline'],
        [{ ...goodProject, organization: String(ownerOrg), visibility: 'invited' }, 'field-invited'],
        [{ ...goodProject, organization: String(ownerOrg), visibility: 'invited', invited: 'pas-une-organisation' }, 'field-invited'],
        [{ ...goodProject, organization: String(ownerOrg), stage: 'rocket' }, 'field-stage'],
        [{ ...goodProject, organization: String(ownerOrg), domains: 'cuisine' }, 'field-domains'],
        [{ ...goodProject, organization: '99999999999' }, 'field-organization'],
        [{ ...goodProject, organization: String(ownerOrg), title: 'Un titre\u0000caché' }, 'field-title'],
      ];
      for (const [body, field] of bad) {
        const response = await owner.post('/projects/new', body);
        assert.equal(response.statusCode, 422, JSON.stringify(body));
        assert.ok(response.body.includes(`href="#${field}"`), `${JSON.stringify(body)} -> ${field}`);
        assert.ok(response.statusCode < 500);
      }
      const kept = await owner.post('/projects/new', { ...goodProject, organization: String(ownerOrg), budgetMin: '900', budgetMax: '100' });
      assert.ok(kept.body.includes('Les livraisons encombrent'), 'what was typed is kept');
      assert.equal((await owner.post(`/projects/${projectId}/edit`, { ...goodProject, organization: String(ownerOrg), title: 'x' })).statusCode, 422);
      assert.equal((await owner.post(`/projects/${projectId}/state`, { state: 'volatilise' }, { csrfFrom: `/projects/${projectId}` })).statusCode, 303);
      assert.equal((await projectById(t.app.ctx.db, projectId))!.state, 'open');

      const q = `/projects/${projectId}/questions`;
      for (const body of [{}, { body: 'court', visibility: 'public' }, { body: 'Une question bien assez longue ?', visibility: 'secrete' }] as Record<string, string>[]) assert.equal((await startup.post(q, body)).statusCode, 422, JSON.stringify(body));
      const r = `/projects/${projectId}/respond`;
      const goodResponse = { summary: 'Une solution qui marche', approach: 'Nous faisons ceci et cela depuis des années.', maturity: '6', confidentiality: 'public' };
      for (const [body, field] of [
        [{}, 'field-summary'],
        [{ ...goodResponse, maturity: '12' }, 'field-maturity'],
        [{ ...goodResponse, maturity: 'mûr' }, 'field-maturity'],
        [{ ...goodResponse, priceMin: '5000', priceMax: '10' }, 'field-priceMax'],
        [{ ...goodResponse, confidentiality: 'tout le monde' }, 'field-confidentiality'],
      ] as [Record<string, string>, string][]) {
        const response = await startup.post(r, body);
        assert.equal(response.statusCode, 422, JSON.stringify(body));
        assert.ok(response.body.includes(`href="#${field}"`), `${JSON.stringify(body)} -> ${field}`);
      }
      const c = `/projects/${projectId}/criteria`;
      for (const body of [{}, { label: 'Coût', weight: '0' }, { label: 'Coût', weight: '101' }, { label: 'Coût', weight: 'lourd' }, { label: 'C', weight: '3' }] as Record<string, string>[]) assert.equal((await owner.post(c, body)).statusCode, 422, JSON.stringify(body));
      assert.equal((await owner.post('/projects/alerts', { territories: 'nulle-part' })).statusCode, 422);
      assert.equal((await owner.post('/projects/alerts', { domains: 'cuisine' })).statusCode, 422);
      const after = { projects: await countOf(projects), questions: await countOf(projectQuestions), responses: await countOf(projectResponses), criteria: await countOf(projectCriteria) };
      assert.deepEqual(after, before, 'nothing half-written');
    });

    test('bad input on the evaluation forms and the API: clear errors, stable codes', async () => {
      const responseId = await makeResponse(t.app.ctx.db, projectId, await makeOrg(t.app.ctx.db, 'pub-autre', 'pme_eti'), 'owner_only');
      const url = `/projects/${projectId}/responses/${responseId}`;
      const [criterion] = await t.app.ctx.db.select({ id: projectCriteria.id }).from(projectCriteria).where(eq(projectCriteria.projectId, projectId));
      for (const value of ['7', '-1', 'x', '2,555', '5,01']) {
        const response = await owner.post(`${url}/scores`, { [`score-${criterion!.id}`]: value }, { csrfFrom: url });
        assert.equal(response.statusCode, 422, value);
        assert.ok(response.body.includes(`href="#field-score-${criterion!.id}"`));
      }
      assert.equal((await owner.post(`${url}/status`, { status: 'bogus' }, { csrfFrom: url })).statusCode, 422);
      assert.equal((await owner.post(`${url}/notes`, { body: '' }, { csrfFrom: url })).statusCode, 422);
      assert.equal((await owner.post(`${url}/messages`, { body: '' }, { csrfFrom: url })).statusCode, 422);
      assert.equal((await owner.post(`/projects/${projectId}/questions/999999/answer`, { answer: 'Une réponse' }, { csrfFrom: `/projects/${projectId}/questions` })).statusCode, 404);

      const csrf = await startup.csrf('/projects');
      const api = (method: 'POST' | 'GET', path: string, payload?: unknown) => startup.request({ method, url: path, payload: payload as never, headers: { 'csrf-token': csrf } });
      const badQuestion = await api('POST', `/api/v1/projects/${projectId}/questions`, { body: 'court', visibility: 'x' });
      assert.equal(badQuestion.statusCode, 422);
      const error = JSON.parse(badQuestion.body).error;
      assert.equal(error.code, 'validation_failed');
      assert.ok(error.fields.body && error.fields.visibility);
      assert.equal((await api('POST', `/api/v1/projects/${projectId}/responses/mine`, { summary: 'x', maturity: 99 })).statusCode, 422);
      assert.equal((await api('POST', `/api/v1/projects/${projectId}/responses/mine`, 'pas du json')).statusCode < 500, true);
      assert.equal((await api('GET', '/api/v1/projects/abc')).statusCode, 400);
      assert.equal((await api('GET', '/api/v1/projects/99999999999')).statusCode < 500, true);
      const badFilter = await api('GET', '/api/v1/projects?page=0&state=nope&domain=zz');
      assert.equal(badFilter.statusCode, 400);
      assert.equal(JSON.parse(badFilter.body).error.code, 'validation_failed');
      assert.equal((await startup.get('/projects?page=0&state=nope&domain=zz')).statusCode, 200, 'the page drops bad filters');
      assert.equal((await owner.request({ method: 'POST', url: '/api/v1/projects', payload: { title: 'x' }, headers: { 'csrf-token': await owner.csrf('/projects') } })).statusCode, 422);
    });

    test('documents: PDF and images only, 4 MB at most, served with a safe type to who may see them', async () => {
      const page = `/projects/${projectId}`;
      const upload = async (file: { name: string; type: string; data: Buffer }) => owner.request({ method: 'POST', url: `${page}/attachments`, ...multipart(await owner.csrf(page), file) });
      const html = await upload({ name: 'cahier.pdf', type: 'application/pdf', data: Buffer.from('<html><script>alert(1)</script></html>') });
      assert.equal(html.statusCode, 422);
      assert.ok(html.body.includes('Seuls les fichiers PDF'));
      assert.equal((await upload({ name: 'plan.svg', type: 'image/svg+xml', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') })).statusCode, 422);
      const big = await upload({ name: 'gros.pdf', type: 'application/pdf', data: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4 * 1024 * 1024 + 10, 32)]) });
      assert.ok(big.statusCode === 422 || big.statusCode === 413, String(big.statusCode));
      const good = await upload({ name: '<img src=x onerror=alert(1)>.pdf', type: 'text/html', data: Buffer.from('%PDF-1.4\n%%EOF\n') });
      assert.equal(good.statusCode, 303);
      const shown = await owner.get(page);
      const link = /href="(\/projects\/\d+\/attachments\/\d+)"/.exec(shown.body)![1]!;
      assert.deepEqual(activeContent(shown.body), []);
      const file = await plain.get(link);
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.equal(file.headers['x-content-type-options'], 'nosniff');
      assert.match(file.headers['content-disposition'] as string, /^attachment; filename="[A-Za-z0-9._-]+"$/);
      assert.equal((await startup.get('/projects/new')).statusCode, 403);
    });

    test('hostile text in every field stays text', async () => {
      const payloads = xssPayloads();
      for (const [i, payload] of payloads.entries()) {
        const created = await owner.post('/projects/new', { ...goodProject, organization: String(ownerOrg), title: `Projet ${i} ${payload}`.slice(0, 200), problem: `Problème ${payload}`, context: payload, expected: payload, timeline: payload.slice(0, 500) });
        if (created.statusCode === 422) continue; // refused (control characters): nothing to show
        assert.equal(created.statusCode, 303, payload);
        const id = Number(/\/projects\/(\d+)$/.exec(created.headers.location as string)![1]);
        const page = await owner.get(`/projects/${id}`);
        assert.deepEqual(activeContent(page.body), [], payload);
        if (i % 5 !== 0) continue;
        await startup.post(`/projects/${projectId}/questions`, { body: `Question ${payload}`, visibility: 'public' });
      }
      await startup.post(`/projects/${projectId}/respond`, { summary: `Résumé ${payloads[0]}`, approach: `Approche ${payloads[1]}`, maturity: '4', confidentiality: 'public', team: payloads[2]! });
      for (const path of ['/projects', `/projects/${projectId}/questions`, `/projects/${projectId}/responses`, `/projects/${projectId}`]) assert.deepEqual(activeContent((await owner.get(path)).body), [], path);
      const mine = await startup.get(`/projects/${projectId}`);
      assert.deepEqual(activeContent(mine.body), []);
    });
  });
}
