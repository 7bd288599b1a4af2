// The demo projects: three projects at different states with questions, FAQ, responses and an evaluation, a
// restricted one seen only by the organizations it invited; matching that shows its reasons; idempotent; and every
// project page is valid, inert HTML for a visitor, a startup and the owner.
import assert from 'node:assert/strict';
import { count } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { htmlValidator as validator } from '../../../test/support/html-validator.ts';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { activeContent } from '../../../test/support/inert.ts';
import { demoPassword } from '../accounts/demo.ts';
import { seedDemo } from '../demo.ts';
import { projectFaq, projectResponses, projects, projectScores } from './schema.ts';

for (const kind of testDatabases()) {
  describe(`demo projects on ${kind}`, () => {
    let t: TestApp;
    let lea: Browser, marie: Browser, visitor: Browser;
    before(async () => {
      t = await testApp(kind);
      await seedDemo(t.app.ctx);
      await seedDemo(t.app.ctx);
      visitor = new Browser(t.app, '10.6.0.1');
      lea = new Browser(t.app, '10.6.0.2');
      marie = new Browser(t.app, '10.6.0.3');
      assert.equal((await lea.post('/login', { email: 'lea.moreau@mobilcity.example', password: demoPassword, next: '/' })).statusCode, 303);
      assert.equal((await marie.post('/login', { email: 'marie.dupont@lyon.example', password: demoPassword, next: '/' })).statusCode, 303);
    });
    after(() => t.close());

    test('three projects at different states, with FAQ, responses and scores; seeding twice adds nothing', async () => {
      const db = t.app.ctx.db;
      const rows = await db.select({ state: projects.state, visibility: projects.visibility }).from(projects);
      assert.equal(rows.length, 3);
      assert.deepEqual(rows.map((r) => r.state).sort(), ['attributed', 'open', 'open']);
      assert.ok(rows.some((r) => r.visibility === 'invited'));
      assert.ok((await db.select({ n: count() }).from(projectFaq))[0]!.n >= 2);
      assert.ok((await db.select({ n: count() }).from(projectResponses))[0]!.n >= 5);
      assert.ok((await db.select({ n: count() }).from(projectScores))[0]!.n >= 6);
    });

    test('the restricted project is seen by an invited startup, not by a visitor', async () => {
      assert.ok((await lea.get('/projects')).body.includes('ZAC Littorale'));
      assert.ok(!(await visitor.get('/projects')).body.includes('ZAC Littorale'));
      assert.ok(!(await marie.get('/projects')).body.includes('ZAC Littorale'));
    });

    test('projects for you and organizations that could answer show their reasons', async () => {
      const forYou = await lea.get('/projects/for-you');
      assert.equal(forYou.statusCode, 200);
      assert.ok(forYou.body.includes('Part-Dieu'));
      assert.ok(forYou.body.includes('domaine Mobilité') || forYou.body.includes('domaine mobilité'), 'a domain reason');
      assert.ok(forYou.body.includes('même'), 'a territory reason');
      const list = await marie.get('/projects');
      const id = /href="\/projects\/(\d+)"[^>]*>Un hub logistique/.exec(list.body)![1];
      const matches = await marie.get(`/projects/${id}/matches`);
      assert.equal(matches.statusCode, 200);
      assert.ok(matches.body.includes('Kilomètre Zéro Logistique'));
      assert.ok(matches.body.includes('domaine Logistique') || matches.body.includes('domaine logistique'));
    });

    test('every project page is valid, inert HTML for a visitor, an invited startup and the owner', async () => {
      for (const [who, browser] of [['visitor', visitor], ['lea', lea], ['marie', marie]] as const) {
        const list = await browser.get('/projects');
        const paths = new Set(['/projects', ...[...list.body.matchAll(/href="(\/projects\/\d+)"/g)].map((m) => m[1]!)]);
        for (const project of [...paths].filter((p) => p !== '/projects')) {
          for (const suffix of ['/questions', '/responses', '/criteria', '/matches', '/respond']) paths.add(`${project}${suffix}`);
          const page = await browser.get(project);
          for (const m of page.body.matchAll(/href="(\/projects\/\d+\/responses\/\d+)"/g)) paths.add(m[1]!);
        }
        if (who !== 'visitor') paths.add('/projects/alerts');
        if (who === 'lea') paths.add('/projects/for-you');
        if (who === 'marie') paths.add('/projects/new');
        for (const path of paths) {
          const response = await browser.get(path);
          if (response.statusCode !== 200) continue;
          const report = await validator.validateString(response.body);
          assert.ok(report.valid, `${who} ${path}: ${JSON.stringify(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)))}`);
          assert.deepEqual(activeContent(response.body), [], `${who} ${path}`);
        }
      }
    });
  });
}
