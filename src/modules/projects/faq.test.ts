// The anonymised FAQ: the owner writes the published wording from an empty field, the asker's words shown beside it,
// and a wording that repeats the asker's name, organization or e-mail (whatever its case and accents) is refused,
// on the page (beside the field, what was typed kept) and through the API (a stable code).
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { makeUser, signIn } from '../../../test/support/roles.ts';
import { users } from '../accounts/schema.ts';
import { namedIn } from './questions.ts';
import { makeOrg, makeProject } from './testing.ts';

const askerWords = 'Chez Zorglub Mobilités nous équipons déjà la ville de Lucie : faut-il un accès au réseau LoRa ?';

const textareaValue = (html: string, name: string) => new RegExp(`<textarea[^>]*name="${name}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1];

describe('namedIn', () => {
  test('finds a name, organization or e-mail whatever its case, accents and punctuation, as whole words only', () => {
    const terms = ['Élodie Fabre', 'Zorglub Mobilités', 'e.fabre@zorglub.example'];
    assert.equal(namedIn('Une question de ELODIE  FABRE ?', terms), 'Élodie Fabre');
    assert.equal(namedIn('Chez zorglub-mobilites, faut-il…', terms), 'Zorglub Mobilités');
    assert.equal(namedIn('Écrire à E.Fabre@Zorglub.example', terms), 'e.fabre@zorglub.example');
    assert.equal(namedIn('Les candidats doivent-ils prévoir leur propre réseau ?', terms), undefined);
    assert.equal(namedIn('Une élodie fabrette', terms), undefined, 'part of a longer word is not the name');
    assert.equal(namedIn('AB et CD', ['AB']), undefined, 'too short to tell anyone apart');
  });
});

for (const kind of testDatabases()) {
  describe(`fair FAQ wording on ${kind}`, () => {
    let t: TestApp;
    let owner: Browser, asker: Browser, visitor: Browser;
    let projectId: number;
    let questionId: number;

    before(async () => {
      t = await testApp(kind);
      const db = t.app.ctx.db;
      const ownerId = await makeUser(t.app, 'faq-owner@example.org');
      const askerId = await makeUser(t.app, 'e.fabre@zorglub.example');
      await db.update(users).set({ displayName: 'Élodie Fabre' }).where(eq(users.id, askerId));
      const ownerOrg = await makeOrg(db, 'faq-ville', 'collectivite', [ownerId], { verifiedAt: new Date(), verifiedBy: 'admin' });
      await makeOrg(db, 'zorglub', 'startup', [askerId], { name: 'Zorglub Mobilités' });
      projectId = await makeProject(db, ownerOrg, { title: 'Capteurs de trafic' });
      owner = await signIn(t.app, 'faq-owner@example.org', '10.9.0.1');
      asker = await signIn(t.app, 'e.fabre@zorglub.example', '10.9.0.2');
      visitor = new Browser(t.app, '10.9.0.3');
      assert.equal((await asker.post(`/projects/${projectId}/questions`, { body: askerWords, visibility: 'private' })).statusCode, 303);
    });
    after(() => t.close());

    test('the FAQ field starts empty, the original question shown beside it, labelled', async () => {
      const page = (await owner.get(`/projects/${projectId}/questions`)).body;
      questionId = Number(/questions\/(\d+)\/answer/.exec(page)?.[1]);
      assert.ok(questionId > 0);
      assert.equal(textareaValue(page, 'faqQuestion'), '', 'never pre-filled with the asker’s words');
      const original = /<figure class="faq-original"[\s\S]*?<\/figure>/.exec(page)?.[0] ?? '';
      assert.ok(original.includes('Question d&#39;origine') || original.includes("Question d'origine"), original);
      assert.ok(original.includes('Chez Zorglub Mobilités nous équipons'));
    });

    test('a wording that repeats the name, organization or e-mail is refused beside the field, and what was typed is kept', async () => {
      const path = `/projects/${projectId}/questions/${questionId}/answer`;
      for (const [wording, term] of [
        ['Chez ZORGLUB mobilites, faut-il un accès au réseau ?', 'Zorglub Mobilités'],
        ['Elodie fabre demande : faut-il un accès au réseau ?', 'Élodie Fabre'],
        ['Faut-il un accès au réseau (voir E.Fabre@zorglub.example) ?', 'e.fabre@zorglub.example'],
      ] as const) {
        const refused = await owner.post(path, { answer: 'Oui, le réseau de la ville est ouvert.', faqQuestion: wording }, { csrfFrom: `/projects/${projectId}/questions` });
        assert.equal(refused.statusCode, 422, wording);
        assert.ok(refused.body.includes(`reprend « ${term} »`) || refused.body.includes(`reprend « ${term.replace(/'/g, '&#39;')} »`), `the message names ${term}`);
        assert.equal(textareaValue(refused.body, 'faqQuestion')?.replace(/&#39;/g, "'"), wording, 'the typed wording is kept');
        assert.match(refused.body, /aria-invalid="true"[^>]*>/);
      }
      const inAnswer = await owner.post(path, { answer: 'Oui, comme Zorglub Mobilités le pressentait.', faqQuestion: 'Les candidats ont-ils accès au réseau de la ville ?' }, { csrfFrom: `/projects/${projectId}/questions` });
      assert.equal(inAnswer.statusCode, 422, 'the published answer may not name the asker either');
      assert.match(inAnswer.body, /id="[^"]*error-answer"/);
      const csrf = await owner.csrf(`/projects/${projectId}/questions`);
      const api = await owner.request({ method: 'POST', url: `/api/v1/projects/${projectId}/questions/${questionId}/answer`, payload: { answer: 'Oui, le réseau est ouvert.', faqQuestion: 'Zorglub Mobilités peut-elle utiliser le réseau ?' }, headers: { 'csrf-token': csrf } });
      assert.equal(api.statusCode, 422);
      const error = JSON.parse(api.body).error;
      assert.equal(error.code, 'validation_failed');
      assert.equal(error.fields.faqQuestion.code, 'projects:faqCheck.namesAsker');
      for (const b of [visitor, asker]) assert.ok(!(await b.get(`/api/v1/projects/${projectId}/faq`)).body.includes('réseau'), 'nothing published on a refused wording');
    });

    test('warned, the owner may confirm that a name belongs in the text; the confirmation is offered only then', async () => {
      const path = `/projects/${projectId}/questions/${questionId}/answer`;
      assert.doesNotMatch((await owner.get(`/projects/${projectId}/questions`)).body, /name="namesConfirmed"/, 'no confirmation before a warning');
      const wording = 'Zorglub Mobilités, partenaire du projet, peut-elle utiliser le réseau ?';
      const warned = await owner.post(path, { answer: 'Oui, le réseau est ouvert.', faqQuestion: wording }, { csrfFrom: `/projects/${projectId}/questions` });
      assert.equal(warned.statusCode, 422);
      assert.match(warned.body, /name="namesConfirmed"/);
      assert.match(warned.body, /confirmez ci-dessous que ce nom doit y figurer/);
      const confirmed = await owner.post(path, { answer: 'Oui, le réseau est ouvert.', faqQuestion: wording, namesConfirmed: '1' }, { csrfFrom: `/projects/${projectId}/questions` });
      assert.equal(confirmed.statusCode, 303);
      assert.ok((await visitor.get(`/api/v1/projects/${projectId}/faq`)).body.includes('partenaire du projet'));
    });

    test('a reworded question is published', async () => {
      const done = await owner.post(`/projects/${projectId}/questions/${questionId}/answer`, { answer: 'Oui, le réseau de la ville est ouvert.', faqQuestion: 'Les candidats ont-ils accès au réseau LoRa de la ville ?' }, { csrfFrom: `/projects/${projectId}/questions` });
      assert.equal(done.statusCode, 303);
      const faq = (await visitor.get(`/api/v1/projects/${projectId}/faq`)).body;
      assert.ok(faq.includes('Les candidats ont-ils accès') && !faq.includes('Zorglub'), 'the new wording replaces the confirmed one');
    });
  });
}
