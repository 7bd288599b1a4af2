// Confidentiality: private questions and the anonymised FAQ, owner-only responses, and the evaluation (scores,
// internal notes) that never reaches respondents — on pages, through the API and in e-mails. And the deadline,
// enforced by the clock.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeUser, signIn } from '../../../test/support/roles.ts';
import { resetClock, setClock } from '../../platform/clock.ts';
import { projectById } from './service.ts';
import { makeCriterion, makeOrg, makeProject } from './testing.ts';

const secretNote = 'NOTE-INTERNE-CONFIDENTIELLE';
const askerWords = 'Chez Zorglub Mobilités nous utilisons déjà des capteurs LoRa : faut-il un accès au réseau de la ville ?';
const faqWording = 'Les candidats doivent-ils prévoir leur propre réseau de communication ?';

for (const kind of testDatabases()) {
  describe(`project confidentiality on ${kind}`, () => {
    let t: TestApp;
    let owner: Browser, asker: Browser, rival: Browser, visitor: Browser;
    let projectId: number;
    let criterionId: number;

    before(async () => {
      t = await testApp(kind);
      const db = t.app.ctx.db;
      const ids = { owner: await makeUser(t.app, 'conf-owner@example.org'), asker: await makeUser(t.app, 'conf-asker@example.org'), rival: await makeUser(t.app, 'conf-rival@example.org') };
      const ownerOrg = await makeOrg(db, 'conf-ville', 'collectivite', [ids.owner], { verifiedAt: new Date(), verifiedBy: 'admin' });
      await makeOrg(db, 'zorglub-mobilites', 'startup', [ids.asker]);
      await makeOrg(db, 'conf-rivale', 'startup', [ids.rival]);
      projectId = await makeProject(db, ownerOrg, { title: 'Capteurs de trafic' });
      criterionId = await makeCriterion(db, projectId, 'Pertinence', 3);
      owner = await signIn(t.app, 'conf-owner@example.org', '10.8.0.1');
      asker = await signIn(t.app, 'conf-asker@example.org', '10.8.0.2');
      rival = await signIn(t.app, 'conf-rival@example.org', '10.8.0.3');
      visitor = new Browser(t.app, '10.8.0.4');
    });
    after(() => {
      resetClock();
      return t.close();
    });

    test('a private question is read by the owner and the asker only; its FAQ entry never names the asker', async () => {
      const asked = await asker.post(`/projects/${projectId}/questions`, { body: askerWords, visibility: 'private' });
      assert.equal(asked.statusCode, 303);
      for (const b of [rival, visitor]) {
        const page = await b.get(`/projects/${projectId}/questions`);
        assert.ok(!page.body.includes('Zorglub'), 'the question stays private');
        assert.ok(!(await b.get(`/api/v1/projects/${projectId}/questions`)).body.includes('Zorglub'));
      }
      const askerPage = (await asker.get(`/projects/${projectId}/questions`)).body;
      assert.ok(askerPage.includes('Zorglub Mobilités nous'), 'the asker reads their own question');
      const ownerPage = await owner.get(`/projects/${projectId}/questions`);
      assert.ok(ownerPage.body.includes('Zorglub Mobilités nous'));
      const questionId = Number(/questions\/(\d+)\/answer/.exec(ownerPage.body)?.[1]);
      // The owner must word the FAQ entry: the asker's text could name them.
      const missing = await owner.post(`/projects/${projectId}/questions/${questionId}/answer`, { answer: 'Non, le réseau de la ville est ouvert.', faqQuestion: '' }, { csrfFrom: `/projects/${projectId}/questions` });
      assert.equal(missing.statusCode, 422);
      assert.ok(!(await rival.get(`/projects/${projectId}/questions`)).body.includes('est ouvert'), 'nothing published on a refused answer');
      const csrf = await owner.csrf(`/projects/${projectId}/questions`);
      const apiMissing = await owner.request({ method: 'POST', url: `/api/v1/projects/${projectId}/questions/${questionId}/answer`, payload: { answer: 'Non.' + ' Le réseau est ouvert.' }, headers: { 'csrf-token': csrf } });
      assert.equal(apiMissing.statusCode, 422);
      assert.ok(JSON.parse(apiMissing.body).error.fields.faqQuestion);
      assert.equal((await rival.request({ method: 'POST', url: `/api/v1/projects/${projectId}/questions/${questionId}/answer`, payload: { answer: 'Je réponds à sa place', faqQuestion: faqWording }, headers: { 'csrf-token': await rival.csrf(`/projects/${projectId}`) } })).statusCode, 403);
      const answered = await owner.request({ method: 'POST', url: `/api/v1/projects/${projectId}/questions/${questionId}/answer`, payload: { answer: 'Non, le réseau LoRaWAN de la ville est ouvert aux candidats.', faqQuestion: faqWording }, headers: { 'csrf-token': csrf } });
      assert.equal(answered.statusCode, 200);
      for (const b of [rival, visitor]) {
        const page = await b.get(`/projects/${projectId}/questions`);
        assert.ok(page.body.includes('Les candidats doivent-ils prévoir'), 'the FAQ is published');
        assert.ok(!page.body.includes('Zorglub'), 'the FAQ never names the asker');
        const faq = (await b.get(`/api/v1/projects/${projectId}/faq`)).body;
        assert.ok(faq.includes('LoRaWAN') && !faq.includes('Zorglub'));
      }
      const mails = await t.deliverMail();
      const told = mails.filter((m) => m.to === 'conf-asker@example.org');
      assert.equal(told.length, 1);
      assert.ok(!mails.some((m) => m.to !== 'conf-asker@example.org' && m.to !== 'conf-owner@example.org'), 'nobody else is told');
      assert.ok(mails.some((m) => m.to === 'conf-owner@example.org'), 'the owner team is told a question waits');
      assert.ok(!mails.some((m) => `${m.subject} ${m.text}`.includes('Zorglub')), 'no mail carries the question');
    });

    test('an owner-only response is read by the owner and the respondent, never by a rival or a visitor', async () => {
      const sent = await asker.post(`/projects/${projectId}/respond`, { summary: 'Capteurs LoRa autonomes', approach: 'Nous posons des capteurs sur les candélabres.', maturity: '7', confidentiality: 'owner_only', priceMin: '10000', priceMax: '20000' });
      assert.equal(sent.statusCode, 303);
      const url = sent.headers.location as string;
      assert.match(url, /\/projects\/\d+\/responses\/\d+$/);
      assert.equal((await asker.get(url)).statusCode, 200);
      assert.equal((await owner.get(url)).statusCode, 200);
      assert.equal((await rival.get(url)).statusCode, 404);
      assert.equal((await visitor.get(url)).statusCode, 404);
      assert.ok(!(await rival.get(`/api/v1/projects/${projectId}/responses`)).body.includes('Capteurs LoRa autonomes'));
      assert.ok(!(await rival.get(`/projects/${projectId}`)).body.includes('Capteurs LoRa autonomes'));
      assert.ok((await owner.get(`/api/v1/projects/${projectId}/responses`)).body.includes('Capteurs LoRa autonomes'));
      // One response per organization: sending again updates it.
      const again = await asker.post(`/projects/${projectId}/respond`, { summary: 'Capteurs LoRa autonomes v2', approach: 'Nous posons des capteurs sur les candélabres.', maturity: '7', confidentiality: 'owner_only' });
      assert.equal(again.headers.location, url);
    });

    test("a confidential response's documents go to the owner and the respondent only, never through the project", async () => {
      const responses = await owner.get(`/projects/${projectId}/responses`);
      const url = /href="(\/projects\/\d+\/responses\/\d+)"/.exec(responses.body)![1]!;
      const boundary = '----parvis-conf';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${await asker.csrf(url)}\r\n`),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="offre.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        Buffer.from('%PDF-1.4\n%%EOF\n'),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const uploaded = await asker.request({ method: 'POST', url: `${url}/attachments`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
      assert.equal(uploaded.statusCode, 303);
      const link = new RegExp(`href="(${url}/attachments/(\\d+))"`).exec((await asker.get(url)).body)!;
      assert.equal((await asker.get(link[1]!)).statusCode, 200);
      assert.equal((await owner.get(link[1]!)).statusCode, 200);
      assert.equal((await rival.get(link[1]!)).statusCode, 404);
      assert.equal((await visitor.get(link[1]!)).statusCode, 404);
      for (const b of [owner, rival, visitor]) assert.equal((await b.get(`/projects/${projectId}/attachments/${link[2]}`)).statusCode, 404, 'never through the project');
      assert.ok(!(await visitor.get(`/projects/${projectId}`)).body.includes('offre.pdf'));
      const rivalPayload = Buffer.from(payload.toString('latin1').replace(/name="_csrf"\r\n\r\n[^\r]*/, `name="_csrf"\r\n\r\n${await rival.csrf(`/projects/${projectId}`)}`), 'latin1');
      assert.equal((await rival.request({ method: 'POST', url: `${url}/attachments`, payload: rivalPayload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } })).statusCode, 404);
    });

    test('scores and internal notes reach no respondent: pages, API, e-mails', async () => {
      const responses = await owner.get(`/projects/${projectId}/responses`);
      const url = /href="(\/projects\/\d+\/responses\/\d+)"/.exec(responses.body)![1]!;
      assert.equal((await owner.post(`${url}/scores`, { [`score-${criterionId}`]: '4' }, { csrfFrom: url })).statusCode, 303);
      assert.equal((await owner.post(`${url}/notes`, { body: secretNote }, { csrfFrom: url })).statusCode, 303);
      assert.equal((await owner.post(`${url}/status`, { status: 'shortlisted', message: 'Nous aimerions vous rencontrer.' }, { csrfFrom: url })).statusCode, 303);
      const ownerView = await owner.get(url);
      assert.ok(ownerView.body.includes(secretNote));
      assert.ok((await owner.get(`/projects/${projectId}/responses`)).body.includes('4,00 / 5'));
      const respondentView = await asker.get(url);
      assert.ok(respondentView.body.includes('Présélectionnée'));
      assert.ok(respondentView.body.includes('Nous aimerions vous rencontrer.'));
      assert.ok(!respondentView.body.includes(secretNote));
      assert.ok(!respondentView.body.includes('Pertinence'), 'no criterion, no score');
      assert.equal((await asker.get(`/projects/${projectId}/responses`)).statusCode, 403);
      const mine = await asker.get(`/api/v1/projects/${projectId}/responses/mine`);
      assert.equal(mine.statusCode, 200);
      assert.equal(JSON.parse(mine.body).status, 'shortlisted');
      assert.ok(!mine.body.includes(secretNote) && !mine.body.includes('Pertinence') && !mine.body.includes('score'));
      const mails = await t.deliverMail();
      const statusMail = mails.find((m) => m.to === 'conf-asker@example.org' && m.subject.includes('Présélectionnée'));
      assert.ok(statusMail, 'the respondent is told of the status');
      assert.ok(mails.every((m) => !m.text.includes(secretNote) && !m.text.includes('Pertinence')));
    });

    test('the conversation is the owner team and the respondent only', async () => {
      const responses = await owner.get(`/projects/${projectId}/responses`);
      const url = /href="(\/projects\/\d+\/responses\/\d+)"/.exec(responses.body)![1]!;
      assert.equal((await asker.post(`${url}/messages`, { body: 'Quand pouvons-nous nous rencontrer ?' }, { csrfFrom: url })).statusCode, 303);
      assert.equal((await owner.post(`${url}/messages`, { body: 'Jeudi à 10 h en mairie.' }, { csrfFrom: url })).statusCode, 303);
      const page = await asker.get(url);
      assert.ok(page.body.includes('Jeudi à 10 h en mairie.'));
      assert.equal((await rival.post(`${url}/messages`, { body: 'Intrusion' }, { csrfFrom: `/projects/${projectId}` })).statusCode, 404);
      const told = await t.deliverMail();
      assert.deepEqual(told.map((m) => m.to).sort(), ['conf-asker@example.org', 'conf-owner@example.org']);
      assert.ok(told.every((m) => !m.text.includes('Jeudi') && !m.text.includes('rencontrer')), 'a link, not the message');
    });

    test('the deadline is enforced by the clock: no response, edit, withdrawal or question after it', async () => {
      const ownerOrg = (await projectById(t.app.ctx.db, projectId))!.ownerOrganizationId;
      const soon = await makeProject(t.app.ctx.db, ownerOrg, { title: 'Bientôt clos', deadlineInDays: 0.01 });
      assert.equal((await asker.post(`/projects/${soon}/respond`, { summary: 'À temps pour ce projet', approach: 'Une approche arrivée avant la date.', maturity: '5', confidentiality: 'public' })).statusCode, 303);
      // Before the deadline: withdrawn, then sent again.
      assert.equal((await asker.post(`/projects/${soon}/respond/withdraw`, { confirmed: '1' }, { csrfFrom: `/projects/${soon}/respond` })).statusCode, 303);
      assert.ok((await asker.get(`/api/v1/projects/${soon}/responses/mine`)).body.includes('"withdrawn":true'));
      assert.ok(!(await owner.get(`/api/v1/projects/${soon}/responses`)).body.includes('À temps pour ce projet'), 'a withdrawn response leaves the owner\'s list');
      assert.equal((await asker.post(`/projects/${soon}/respond`, { summary: 'À temps pour ce projet', approach: 'Une approche arrivée avant la date.', maturity: '5', confidentiality: 'public' })).statusCode, 303);
      assert.ok((await asker.get(`/api/v1/projects/${soon}/responses/mine`)).body.includes('"withdrawn":false'));
      const project = (await projectById(t.app.ctx.db, soon))!;
      const projectId2 = soon;
      const csrf = await asker.csrf(`/projects/${soon}/respond`);
      setClock(new Date(project.deadline!.getTime() + 1000));
      try {
        const late = await asker.post(`/projects/${projectId2}/respond`, { summary: 'Trop tard mais motivé', approach: 'Une approche arrivée après la date.', maturity: '5', confidentiality: 'public' }, { csrf });
        assert.equal(late.statusCode, 422);
        assert.ok(late.body.includes('date limite'));
        const question = await asker.post(`/projects/${projectId2}/questions`, { body: 'Une question arrivée trop tard ?', visibility: 'public' }, { csrf });
        assert.equal(question.statusCode, 422);
        const withdraw = await asker.post(`/projects/${projectId2}/respond/withdraw`, { confirmed: '1' }, { csrf });
        assert.equal(withdraw.statusCode, 303);
        assert.ok((await asker.get(`/projects/${projectId2}`)).body.includes('date limite'), 'the refusal is said');
        assert.ok((await asker.get(`/api/v1/projects/${projectId2}/responses/mine`)).body.includes('"withdrawn":false'));
        const api = await asker.request({ method: 'POST', url: `/api/v1/projects/${projectId2}/responses/mine`, payload: { summary: 'Trop tard par API', approach: 'Une approche arrivée après la date.', maturity: 5, confidentiality: 'public' }, headers: { 'csrf-token': csrf } });
        assert.equal(api.statusCode, 422);
      } finally {
        resetClock();
      }
    });
  });
}
