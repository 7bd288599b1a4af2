// Numbers in the projects' forms are read as people write them and never changed: "4,5" is a score of 4.5, shown
// back as 4,5; "50 000" and "45,7719" are accepted; what a field cannot keep is refused beside it, as typed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeUser, signIn } from '../../../test/support/roles.ts';
import { users } from '../accounts/schema.ts';
import { projectCriteria, projectScores, projects } from './schema.ts';
import { projectById } from './service.ts';
import { makeCriterion, makeOrg, makeProject, makeResponse } from './testing.ts';

const goodProject = { title: 'Un réseau de consignes à vélo', problem: 'Les vélos-cargos manquent de places sûres près des gares.', stage: 'study', visibility: 'public' };
const fieldValue = (body: string, id: string) => new RegExp(`id="${id}"[^>]*value="([^"]*)"`).exec(body)?.[1];

for (const kind of testDatabases()) {
  describe(`projects: numbers as people write them on ${kind}`, () => {
    let t: TestApp;
    let owner: Browser, english: Browser;
    let ownerOrg: number, projectId: number, responseId: number, criterionId: number;

    before(async () => {
      t = await testApp(kind);
      const db = t.app.ctx.db;
      const ownerId = await makeUser(t.app, 'num-owner@example.org');
      const englishId = await makeUser(t.app, 'num-english@example.org');
      await db.update(users).set({ locale: 'en' }).where(eq(users.id, englishId));
      ownerOrg = await makeOrg(db, 'num-ville', 'collectivite', [ownerId, englishId], { verifiedAt: new Date(), verifiedBy: 'admin' });
      projectId = await makeProject(db, ownerOrg, { title: 'Projet des nombres' });
      criterionId = await makeCriterion(db, projectId, 'Pertinence', 3);
      responseId = await makeResponse(db, projectId, await makeOrg(db, 'num-startup', 'startup'));
      owner = await signIn(t.app, 'num-owner@example.org', '10.9.0.1');
      english = await signIn(t.app, 'num-english@example.org', '10.9.0.2');
    });
    after(() => t.close());

    const storedScore = async (evaluator: string) => {
      const [row] = await t.app.ctx.db
        .select({ score: projectScores.score })
        .from(projectScores)
        .innerJoin(users, eq(users.id, projectScores.evaluatorId))
        .where(and(eq(projectScores.responseId, responseId), eq(users.email, evaluator)));
      return row?.score;
    };

    test('a score of "4,5" is stored as 4.5 and shown as 4,5 (and 4.5 to an English reader)', async () => {
      const url = `/projects/${projectId}/responses/${responseId}`;
      assert.equal((await owner.post(`${url}/scores`, { [`score-${criterionId}`]: '4,5' }, { csrfFrom: url })).statusCode, 303);
      assert.equal(await storedScore('num-owner@example.org'), 4.5);
      const page = await owner.get(url);
      assert.equal(fieldValue(page.body, `field-score-${criterionId}`), '4,5', 'the grid shows the score as typed');
      assert.match(page.body, /<td>4,5<\/td>/, 'the table of scores too');
      assert.ok((await owner.get(`/projects/${projectId}/responses`)).body.includes('4,50 / 5'), 'the ranking in French');

      assert.equal((await english.post(`${url}/scores`, { [`score-${criterionId}`]: '3.25' }, { csrfFrom: url })).statusCode, 303);
      assert.equal(await storedScore('num-english@example.org'), 3.25);
      const englishPage = await english.get(url);
      assert.equal(fieldValue(englishPage.body, `field-score-${criterionId}`), '3.25');
      assert.ok((await english.get(`/projects/${projectId}/responses`)).body.includes('3.88 / 5'), 'the mean of 4.5 and 3.25, in English');
    });

    test('a score is refused rather than rounded, with the message beside it and the typed text kept', async () => {
      const url = `/projects/${projectId}/responses/${responseId}`;
      for (const [typed, message] of [
        ['4,567', 'Saisissez au plus 2 chiffres après la virgule.'],
        ['5,5', 'Saisissez une note de 0 à 5, par exemple 4,5.'],
        ['quatre', 'Saisissez une note de 0 à 5, par exemple 4,5.'],
      ] as [string, string][]) {
        const refused = await owner.post(`${url}/scores`, { [`score-${criterionId}`]: typed }, { csrfFrom: url });
        assert.equal(refused.statusCode, 422, typed);
        assert.equal(fieldValue(refused.body, `field-score-${criterionId}`), typed, 'what was typed is kept');
        assert.ok(refused.body.includes(`id="error-score-${criterionId}" class="field-error">${message.replace("'", '&#39;')}`), `${typed}: ${message}`);
      }
      assert.equal(await storedScore('num-owner@example.org'), 4.5, 'the stored score is untouched');
    });

    test('"50 000" and "45,7719" are accepted, kept exactly and shown back in French', async () => {
      const created = await owner.post('/projects/new', { ...goodProject, organization: String(ownerOrg), latitude: '45,7719', longitude: '4,8357', budgetMin: '50 000', budgetMax: '1\u202f250\u202f000' });
      assert.equal(created.statusCode, 303, created.body.slice(0, 400));
      const id = Number(/\/projects\/(\d+)$/.exec(created.headers.location as string)![1]);
      const project = (await projectById(t.app.ctx.db, id))!;
      assert.deepEqual([project.latitude, project.longitude, project.budgetMin, project.budgetMax], [45.7719, 4.8357, 50000, 1250000]);
      const page = await owner.get(`/projects/${id}`);
      // The point is said in words on the page (its place, tested in map.test.ts); its figures are for the edit form.
      assert.ok(!page.body.includes('45,7719') && page.body.includes('point précis, commune non renseignée'));
      assert.ok(page.body.includes('50\u202f000\u00a0€'), 'the budget in French');
      const edit = await owner.get(`/projects/${id}/edit`);
      assert.equal(fieldValue(edit.body, 'field-latitude'), '45,7719');
      assert.equal(fieldValue(edit.body, 'field-budgetMin'), '50\u202f000');
      // Saved again as shown, nothing changes.
      const again = await owner.post(`/projects/${id}/edit`, { ...goodProject, organization: String(ownerOrg), latitude: '45,7719', longitude: '4,8357', budgetMin: '50\u202f000', budgetMax: '1\u202f250\u202f000' });
      assert.equal(again.statusCode, 303);
      const [row] = await t.app.ctx.db.select({ budgetMin: projects.budgetMin, latitude: projects.latitude }).from(projects).where(eq(projects.id, id));
      assert.deepEqual(row, { budgetMin: 50000, latitude: 45.7719 });
    });

    test('a whole-number field refuses "4,5" with a message, and keeps what was typed', async () => {
      const criteria = `/projects/${projectId}/criteria`;
      const refused = await owner.post(criteria, { label: 'Coût', weight: '4,5' });
      assert.equal(refused.statusCode, 422);
      assert.equal(fieldValue(refused.body, 'field-weight'), '4,5');
      assert.ok(refused.body.includes('Saisissez un nombre entier, sans décimales, par exemple 50 000.'));
      assert.equal((await t.app.ctx.db.select().from(projectCriteria).where(eq(projectCriteria.projectId, projectId))).length, 1, 'no criterion of weight 4');

      const budget = await owner.post('/projects/new', { ...goodProject, organization: String(ownerOrg), budgetMin: '50 000,50', latitude: '45,7719' });
      assert.equal(budget.statusCode, 422);
      assert.equal(fieldValue(budget.body, 'field-budgetMin'), '50 000,50');
      assert.equal(fieldValue(budget.body, 'field-latitude'), '45,7719');
      assert.ok(budget.body.includes('href="#field-budgetMin"'));
      // An English "50,000" is a whole number for an English reader; a French reader is asked rather than given 50.
      const french = await owner.post('/projects/new', { ...goodProject, organization: String(ownerOrg), budgetMin: '50,000' });
      assert.equal(french.statusCode, 422);
      const created = await english.post('/projects/new', { ...goodProject, organization: String(ownerOrg), budgetMin: '50,000' });
      assert.equal(created.statusCode, 303);
      const id = Number(/\/projects\/(\d+)$/.exec(created.headers.location as string)![1]);
      assert.equal((await projectById(t.app.ctx.db, id))!.budgetMin, 50000);
    });

    test('the JSON API keeps taking JSON numbers', async () => {
      const csrf = await owner.csrf('/projects');
      const created = await owner.request({ method: 'POST', url: '/api/v1/projects', payload: { ...goodProject, organization: ownerOrg, latitude: 45.7719, longitude: 4.8357, budgetMin: 50000 }, headers: { 'csrf-token': csrf } });
      assert.equal(created.statusCode, 201, created.body);
      const project = (await projectById(t.app.ctx.db, JSON.parse(created.body).id))!;
      assert.deepEqual([project.latitude, project.budgetMin], [45.7719, 50000]);
    });

    test('dates say "1er" for the first of the month in French', async () => {
      await t.app.ctx.db.update(projects).set({ deadline: new Date('2099-11-01T10:00:00Z') }).where(eq(projects.id, projectId));
      assert.ok((await owner.get(`/projects/${projectId}`)).body.includes('1er novembre 2099'));
      assert.ok((await english.get(`/projects/${projectId}`)).body.includes('1 November 2099'));
    });
  });
}
