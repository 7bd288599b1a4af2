// The animators' side: creating and editing events with bad and hostile input, attendance and the attendee list as
// CSV (both variants, injection-safe), messages, minutes, contributions from the room and the all-or-nothing CSV import
// with its edge cases (BOM, separators, quotes, empty lines, wrong encoding); the origin shown on contributions.
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { activeContent, xssPayloads } from '../../../test/support/inert.ts';
import { consultationFixture, makeOrganization, makeUser, signIn } from '../../../test/support/roles.ts';
import { contributionOrigins } from '../consultations/origins.ts';
import { notificationEvents } from '../notifications/schema.ts';
import { contributionRevisions, contributions } from '../consultations/schema.ts';
import { csvCell, toCsv } from './export.ts';
import { eventFixture, quickUsers } from './fixture.ts';
import { decodeCsv, parseCsvText } from './offline.ts';
import { register } from './registrations.ts';
import { eventContributions, events } from './schema.ts';
import { findEvent } from './service.ts';

function multipart(csrf: string, data: Buffer, name = 'postits.csv') {
  const boundary = '----parvis-events-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('CSV reading', () => {
  test('BOM, semicolons or commas, quotes with separators and line breaks, empty lines; lines numbered as in the file', () => {
    const text = decodeCsv(Buffer.from('\uFEFFTitre;Texte;Participant\r\n\r\nBancs;"Plus de bancs; à l\'ombre";Ana\r\n"Eau ""potable""";"Des fontaines\nen été";\r\n;;\r\nVélos;Des arceaux;\r\n', 'utf8'));
    const parsed = parseCsvText(text);
    assert.equal(parsed.delimiter, ';');
    assert.deepEqual(parsed.header, ['Titre', 'Texte', 'Participant']);
    assert.deepEqual(parsed.rows.map((r) => r.line), [3, 4, 7]);
    assert.deepEqual(parsed.rows[0]!.cells, ['Bancs', "Plus de bancs; à l'ombre", 'Ana']);
    assert.deepEqual(parsed.rows[1]!.cells.slice(0, 2), ['Eau "potable"', 'Des fontaines\nen été']);
    const commas = parseCsvText(decodeCsv(Buffer.from('title,body\n"Un, deux",trois\n')));
    assert.equal(commas.delimiter, ',');
    assert.deepEqual(commas.rows[0]!.cells, ['Un, deux', 'trois']);
  });

  test('wrong encoding, empty files, header only and unclosed quotes are refused with a message', () => {
    const latin1 = Buffer.from('Titre;Texte\nCaf\xe9;Des id\xe9es\n', 'latin1');
    assert.throws(() => decodeCsv(latin1), (e: { fields: Record<string, { key: string }> }) => e.fields.file!.key === 'events:import.encoding');
    assert.throws(() => decodeCsv(Buffer.alloc(0)), (e: { fields: Record<string, { key: string }> }) => e.fields.file!.key === 'events:import.empty');
    assert.throws(() => parseCsvText('Titre;Texte\n'), (e: { fields: Record<string, { key: string }> }) => e.fields.file!.key === 'events:import.noRows');
    assert.throws(() => parseCsvText('Titre;Texte\n"ouvert;jamais fermé\n'), (e: { fields: Record<string, { key: string }> }) => e.fields.file!.key === 'events:import.malformed');
  });

  test('export cells that a spreadsheet would run are neutralized; the Excel variant has a BOM, semicolons and CRLF', () => {
    assert.equal(csvCell('=HYPERLINK("http://x")', ','), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvCell('+33 1 23', ','), "'+33 1 23");
    assert.equal(csvCell('-2', ';'), "'-2");
    assert.equal(csvCell('@SUM(A1)', ';'), "'@SUM(A1)");
    assert.equal(csvCell('Dupont; Marie', ';'), '"Dupont; Marie"');
    const excel = toCsv([['a', 'b'], ['c', 'd']], true);
    assert.equal(excel, '\uFEFFa;b\r\nc;d\r\n');
    assert.equal(toCsv([['a', 'b']], false), 'a,b\n');
  });
});

for (const kind of testDatabases()) {
  describe(`running events on ${kind}`, () => {
    let t: TestApp;
    let animator: Browser;
    let member: Browser;
    let visitor: Browser;
    let eventId: number;
    let orgId: number;
    let consultationId: number;

    before(async () => {
      t = await testApp(kind);
      const animatorId = await makeUser(t.app, 'm-animator@example.org');
      await makeUser(t.app, 'm-member@example.org');
      orgId = await makeOrganization(t.app, 'm-reseau', animatorId, 'reseau');
      const f = await consultationFixture(t.app, 'm-reseau', animatorId, 'm-consultation');
      consultationId = (await t.app.ctx.db.select({ id: contributions.consultationId }).from(contributions).where(eq(contributions.id, f.contributionId)))[0]!.id;
      eventId = (await eventFixture(t.app, 'm-reseau', { capacity: 20, consultationId, title: 'Atelier du réseau', questions: [{ label: 'Régime alimentaire', required: false }, { label: "J'accepte d'être nommé·e", required: true }] })).eventId;
      animator = await signIn(t.app, 'm-animator@example.org', '10.9.0.1');
      member = await signIn(t.app, 'm-member@example.org', '10.9.0.2');
      visitor = new Browser(t.app, '10.9.0.3');
    });
    after(() => t.close());

    const validEvent = { title: 'Atelier de Marseille', kind: 'in_person', description: 'Un atelier pour recueillir les besoins des villes méditerranéennes.', startsAt: '2030-03-10T14:00', endsAt: '2030-03-10T17:00', venue: 'Villa Méditerranée, Marseille', territory: 'commune:13055', capacity: '25', animator: '', questions: 'Régime alimentaire\nJe viendrai avec *' };

    test('a platform admin designates animator organizations; an unknown one is refused beside the field', async () => {
      await makeUser(t.app, 'm-admin@example.org', 'admin');
      const admin = await signIn(t.app, 'm-admin@example.org', '10.9.0.9');
      const otherOwner = await makeUser(t.app, 'm-other@example.org');
      const otherId = await makeOrganization(t.app, 'm-autre', otherOwner, 'association');
      const unknown = await admin.post('/admin/events/animators', { organization: 'personne' });
      assert.equal(unknown.statusCode, 422);
      assert.match(unknown.body, /Aucune organisation ne porte cet identifiant/);
      const bad = await admin.post('/admin/events/animators', { organization: '<script>' });
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(activeContent(bad.body), []);
      assert.equal((await admin.post('/admin/events/animators', { organization: 'm-autre' })).statusCode, 303);
      assert.match((await admin.get('/admin/events/animators')).body, /Organisation m-autre/);
      const owner = await signIn(t.app, 'm-other@example.org', '10.9.0.10');
      assert.equal((await owner.get('/events/new')).statusCode, 200, 'members of an animator organization create events');
      assert.equal((await admin.post(`/admin/events/animators/${otherId}/remove`, {}, { csrfFrom: '/admin/events/animators' })).statusCode, 303);
      assert.equal((await owner.get('/events/new')).statusCode, 403);
      assert.equal((await animator.get('/admin/events/animators')).statusCode, 403);
    });

    test('an animator creates an event; bad input is answered beside each field and nothing is written', async () => {
      const form = await animator.get('/events/new');
      assert.equal(form.statusCode, 200);
      const count = async () => (await t.app.ctx.db.select().from(events)).length;
      const before = await count();
      const bad = await animator.post('/events/new', { ...validEvent, animator: String(orgId), title: 'x', startsAt: 'hier', endsAt: '2030-03-10T13:00', capacity: '-3', onlineUrl: 'javascript:alert(1)', latitude: '123', longitude: '' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /id="error-summary"/);
      assert.match(bad.body, /id="error-title"/);
      assert.match(bad.body, /id="error-startsAt"/);
      assert.match(bad.body, /id="error-capacity"/);
      assert.match(bad.body, /id="error-onlineUrl"/);
      assert.match(bad.body, /value="Villa Méditerranée, Marseille"/, 'what was typed is kept');
      const order = await animator.post('/events/new', { ...validEvent, animator: String(orgId), endsAt: '2030-03-10T13:00' });
      assert.equal(order.statusCode, 422);
      assert.match(order.body, /La fin doit venir après le début/);
      const notMine = await animator.post('/events/new', { ...validEvent, animator: '999999' });
      assert.equal(notMine.statusCode, 422);
      assert.match(notMine.body, /id="error-animator"/);
      assert.equal(await count(), before);
      const created = await animator.post('/events/new', { ...validEvent, animator: String(orgId) });
      assert.equal(created.statusCode, 303);
      const id = Number(/\/events\/(\d+)/.exec(String(created.headers.location))![1]);
      const event = await findEvent(t.app.ctx.db, id);
      assert.equal(event.startsAt.toISOString(), '2030-03-10T13:00:00.000Z', 'Paris time in winter is UTC+1');
      assert.deepEqual(event.questions.map((q) => [q.label, q.required]), [['Régime alimentaire', false], ['Je viendrai avec', true]]);
      // A member of no animator organization cannot create events.
      assert.equal((await member.get('/events/new')).statusCode, 403);
    });

    test('hostile text in every field of the event and the registration answers stays inert', async () => {
      for (const payload of xssPayloads().slice(0, 6)) {
        const created = await animator.post('/events/new', { ...validEvent, animator: String(orgId), title: `Atelier ${payload}`.slice(0, 140), description: `Description ${payload} assez longue pour passer`, venue: payload.slice(0, 300) });
        assert.equal(created.statusCode, 303, payload);
        const id = Number(/\/events\/(\d+)/.exec(String(created.headers.location))![1]);
        const page = await animator.get(`/events/${id}`);
        assert.deepEqual(activeContent(page.body), [], payload);
        const [person] = await quickUsers(t.app, `x${id}`, 1);
        const event = await findEvent(t.app.ctx.db, id);
        await register(t.app.ctx, person!, event, { answers: Object.fromEntries(event.questions.map((q) => [String(q.id), payload.slice(0, 500)])) });
        const list = await animator.get(`/events/${id}/attendees`);
        assert.deepEqual(activeContent(list.body), [], payload);
      }
      const agenda = await visitor.get('/events');
      assert.deepEqual(activeContent(agenda.body), []);
    });

    test('registering answers the questions: a required one missing is reported and nothing is written', async () => {
      const page = await member.get(`/events/${eventId}`);
      assert.match(page.body, /Régime alimentaire/);
      assert.doesNotMatch(page.body, /atelier-secret/, 'the online link is for the registered only');
      const event = await findEvent(t.app.ctx.db, eventId);
      const [diet, consent] = event.questions;
      const missing = await member.post(`/events/${eventId}/register`, { [`q${diet!.id}`]: 'Végétarien' }, { csrfFrom: `/events/${eventId}` });
      assert.equal(missing.statusCode, 422);
      assert.match(missing.body, new RegExp(`id="error-q${consent!.id}"`));
      assert.match(missing.body, /value="Végétarien"/);
      assert.equal((await findEvent(t.app.ctx.db, eventId)).confirmed, 0);
      const foreign = await member.post(`/events/${eventId}/register`, { organization: String(orgId), [`q${consent!.id}`]: 'oui' }, { csrfFrom: `/events/${eventId}` });
      assert.equal(foreign.statusCode, 422, 'one registers only for an organization one belongs to');
      const ok = await member.post(`/events/${eventId}/register`, { [`q${diet!.id}`]: 'Végétarien', [`q${consent!.id}`]: 'oui' }, { csrfFrom: `/events/${eventId}` });
      assert.equal(ok.statusCode, 303);
      const after = await member.get(`/events/${eventId}`);
      assert.match(after.body, /atelier-secret/);
      assert.match(after.body, /Annuler mon inscription/);
    });

    test('attendance, the attendee list in both CSV variants (formula cells neutralized), and a message to the registered', async () => {
      const [tricky] = await quickUsers(t.app, '=cmd', 1);
      const event = await findEvent(t.app.ctx.db, eventId);
      await register(t.app.ctx, tricky!, event, { answers: { [String(event.questions[1]!.id)]: '@SUM(1+1)' } });
      const list = await animator.get(`/events/${eventId}/attendees`);
      const ids = [...list.body.matchAll(/name="present" value="(\d+)"/g)].map((m) => m[1]!);
      assert.equal(ids.length, 2);
      assert.equal((await animator.post(`/events/${eventId}/attendance`, { present: [ids[0]!] }, { csrfFrom: `/events/${eventId}/attendees` })).statusCode, 303);
      const plain = await animator.get(`/events/${eventId}/attendees.csv`);
      assert.equal(plain.statusCode, 200);
      assert.match(String(plain.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.ok(!plain.body.startsWith('\uFEFF'));
      assert.match(plain.body, /^Nom,Courriel,Organisation,Statut,Présent·e,Inscription,Régime alimentaire,J'accepte d'être nommé·e\n/);
      assert.match(plain.body, /'=cmd 0,'=cmd-0@example\.org/);
      assert.match(plain.body, /,'@SUM\(1\+1\)\n/);
      assert.match(plain.body, /,oui,/);
      const excel = await animator.get(`/events/${eventId}/attendees.csv?excel=1`);
      assert.ok(excel.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 byte-order mark');
      assert.match(excel.body, /^\uFEFFNom;Courriel;Organisation;Statut/);
      assert.match(excel.body, /\r\n/);
      assert.equal((await member.get(`/events/${eventId}/attendees.csv`)).statusCode, 403);
      await t.deliverMail();
      const bad = await animator.post(`/events/${eventId}/message`, { subject: '', body: 'court' }, { csrfFrom: `/events/${eventId}/attendees` });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /id="error-subject"/);
      assert.equal((await t.deliverMail()).length, 0);
      const sent = await animator.post(`/events/${eventId}/message`, { subject: 'Plan d’accès', body: 'Entrée par la rue du Lac, au fond de la cour.' }, { csrfFrom: `/events/${eventId}/attendees` });
      assert.equal(sent.statusCode, 303);
      const mails = await t.deliverMail();
      assert.equal(mails.length, 2);
      assert.ok(mails.every((m) => m.subject === '[Atelier du réseau] Plan d’accès'));
    });

    test('editing keeps the form, refuses a capacity below the confirmed count, and keeps question ids when unchanged', async () => {
      const form = await animator.get(`/events/${eventId}/edit`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /value="Atelier du réseau"/);
      const before = await findEvent(t.app.ctx.db, eventId);
      const values = Object.fromEntries([...form.body.matchAll(/<input[^>]* id="field-(\w+)"[^>]* value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&#39;/g, "'").replace(/&amp;/g, '&')]));
      const body = { ...values, kind: 'in_person', animator: String(orgId), description: before.description, questions: "Régime alimentaire\nJ'accepte d'être nommé·e *", territory: 'commune:69123', phase: '' };
      const tooSmall = await animator.post(`/events/${eventId}/edit`, { ...body, capacity: '1' });
      assert.equal(tooSmall.statusCode, 422);
      assert.match(tooSmall.body, /personnes sont déjà inscrites/);
      const saved = await animator.post(`/events/${eventId}/edit`, { ...body, capacity: '25', phase: `m-consultation:1` });
      assert.equal(saved.statusCode, 303);
      const after = await findEvent(t.app.ctx.db, eventId);
      assert.equal(after.capacity, 25);
      assert.deepEqual(after.questions.map((q) => q.id), before.questions.map((q) => q.id));
      assert.equal((await member.post(`/events/${eventId}/edit`, { ...body, capacity: '99' })).statusCode, 403);
    });

    test('minutes: kept as a draft, then published on the event page', async () => {
      assert.equal((await animator.post(`/events/${eventId}/minutes`, { minutes: 'court' })).statusCode, 422);
      assert.equal((await animator.post(`/events/${eventId}/minutes`, { minutes: 'Un **compte rendu** provisoire des échanges.', publish: 'no' })).statusCode, 303);
      assert.doesNotMatch((await visitor.get(`/events/${eventId}`)).body, /compte rendu<\/strong> provisoire/);
      assert.equal((await animator.post(`/events/${eventId}/minutes`, { minutes: 'Le **compte rendu** des échanges <script>alert(1)</script>.', publish: 'yes' })).statusCode, 303);
      const page = await visitor.get(`/events/${eventId}`);
      assert.match(page.body, /<strong>compte rendu<\/strong> des échanges/);
      assert.deepEqual(activeContent(page.body), []);
      assert.equal((await member.post(`/events/${eventId}/minutes`, { minutes: 'Pas le droit de publier ceci.', publish: 'yes' })).statusCode, 403);
    });

    test('a contribution typed from the room joins the phase with its revision, attributed to the workshop', async () => {
      const bad = await animator.post(`/events/${eventId}/contributions/new`, { title: 'x', body: 'trop court' });
      assert.equal(bad.statusCode, 422);
      const ok = await animator.post(`/events/${eventId}/contributions/new`, { title: 'Des toilettes publiques', body: 'Les participants demandent des toilettes publiques ouvertes la nuit.', kind: 'need', participant: 'Ana' });
      assert.equal(ok.statusCode, 303);
      const [link] = await t.app.ctx.db.select().from(eventContributions).where(eq(eventContributions.eventId, eventId));
      assert.equal(link!.participantName, 'Ana');
      assert.equal((await t.app.ctx.db.select().from(contributionRevisions).where(eq(contributionRevisions.contributionId, link!.contributionId))).length, 1);
      const origins = await contributionOrigins(t.app.ctx.db, [link!.contributionId]);
      assert.equal(origins.get(link!.contributionId)?.href, `/events/${eventId}`);
      assert.match(origins.get(link!.contributionId)!.label, /^Atelier du réseau \(\d{2}\/\d{2}\/\d{4}\)$/);
      assert.equal(origins.get(link!.contributionId)!.saidBy, 'Ana');
      assert.match((await visitor.get(`/events/${eventId}`)).body, /Des toilettes publiques/);
    });

    test('CSV import of 30 post-its: two bad rows reported with their lines and nothing imported; fixed, all 30 in one go', async () => {
      const rows = Array.from({ length: 30 }, (_, i) => `"Post-it ${i + 1}";"Idée notée au tableau, numéro ${i + 1}; avec un point-virgule";${i % 3 === 0 ? 'Ana' : ''}`);
      rows[6] = ';"Un post-it sans titre";';
      rows[19] = `"${'T'.repeat(150)}";"Trop long";`;
      const file = Buffer.from(`\uFEFFTitre;Texte;Participant\r\n${rows.join('\r\n')}\r\n\r\n`, 'utf8');
      const csrf = await animator.csrf(`/events/${eventId}/import`);
      const countLinks = async () => (await t.app.ctx.db.select().from(eventContributions).where(eq(eventContributions.eventId, eventId))).length;
      const before = await countLinks();
      const preview = await animator.request({ method: 'POST', url: `/events/${eventId}/import`, ...multipart(csrf, file) });
      assert.equal(preview.statusCode, 200);
      assert.match(preview.body, /2 lignes à corriger/);
      assert.match(preview.body, /Ligne 8 :/);
      assert.match(preview.body, /Ligne 21 :/);
      const data = /name="data" value="([^"]+)"/.exec(preview.body)![1]!;
      const refused = await animator.post(`/events/${eventId}/import/confirm`, { data, title: '0', body: '1', participant: '2', kind: '', action: 'import' }, { csrf });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /Rien n'a été importé/);
      assert.equal(await countLinks(), before, 'nothing imported while a row is in error');
      rows[6] = '"Post-it 7";"Corrigé";';
      rows[19] = '"Post-it 20";"Corrigé aussi";';
      const fixed = Buffer.from(`Titre;Texte;Participant\n${rows.join('\n')}\n`, 'utf8');
      const preview2 = await animator.request({ method: 'POST', url: `/events/${eventId}/import`, ...multipart(csrf, fixed) });
      assert.match(preview2.body, /30 contributions prêtes à importer/);
      const data2 = /name="data" value="([^"]+)"/.exec(preview2.body)![1]!;
      const imported = await animator.post(`/events/${eventId}/import/confirm`, { data: data2, title: '0', body: '1', participant: '2', kind: '', action: 'import' }, { csrf });
      assert.equal(imported.statusCode, 303);
      assert.equal((await countLinks()) - before, 30);
      const named = await t.app.ctx.db.select().from(eventContributions).where(eq(eventContributions.participantName, 'Ana'));
      assert.ok(named.length >= 10);
    });

    test('imported as drafts: seen by no one else until the animators publish them together; one can be dropped first', async () => {
      const { eventId: workshop } = await eventFixture(t.app, 'm-reseau', { capacity: 20, consultationId, title: 'Atelier des brouillons' });
      const db = t.app.ctx.db;
      const file = Buffer.from('titre;texte;auteur\nDes fontaines au parc;Deux fontaines près des jeux;Ana\nUn abri à vélos;Couvert, près de la gare;\nUne erreur de saisie;à retirer;\n', 'utf8');
      const csrf = await animator.csrf(`/events/${workshop}/import`);
      const preview = await animator.request({ method: 'POST', url: `/events/${workshop}/import`, ...multipart(csrf, file) });
      assert.match(preview.body, /name="publish" value="draft" checked/, 'drafts are the default choice');
      const data = /name="data" value="([^"]+)"/.exec(preview.body)![1]!;
      const mapping = { data, title: '0', body: '1', participant: '2', kind: '', action: 'import' };
      const imported = await animator.post(`/events/${workshop}/import/confirm`, { ...mapping, publish: 'draft' }, { csrf });
      assert.equal(imported.statusCode, 303);
      assert.equal(imported.headers.location, `/events/${workshop}/drafts`);
      const rows = () => db.select({ id: contributions.id, title: contributions.title, state: contributions.state }).from(eventContributions).innerJoin(contributions, eq(contributions.id, eventContributions.contributionId)).where(eq(eventContributions.eventId, workshop));
      assert.deepEqual((await rows()).map((r) => r.state), ['draft', 'draft', 'draft']);
      const eventsBefore = (await db.select().from(notificationEvents).where(eq(notificationEvents.type, 'contribution.published'))).length;

      // Nobody else sees them: not the event page, not its API, not the phase's list, not the contribution pages.
      const seen = async (who: Browser) => [(await who.get(`/events/${workshop}`)).body, (await who.get(`/api/v1/events/${workshop}`)).body, (await who.get('/consultations/m-consultation/phases/1')).body].join('\n');
      for (const who of [visitor, member]) assert.doesNotMatch(await seen(who), /Des fontaines au parc|Un abri à vélos/);
      const [first, second, third] = await rows();
      assert.equal((await visitor.get(`/contributions/${first!.id}`)).statusCode, 404);
      const page = await animator.get(`/events/${workshop}`);
      assert.match(page.body, /3 brouillons à relire/);
      const review = await animator.get(`/events/${workshop}/drafts`);
      assert.equal(review.statusCode, 200);
      assert.match(review.body, /Des fontaines au parc/);
      assert.match(review.body, /Deux fontaines près des jeux/);
      assert.match(review.body, /dit par Ana/);
      assert.equal((await member.get(`/events/${workshop}/drafts`)).statusCode, 403);

      // A draft is dropped; a published contribution or another event's draft cannot be dropped from here.
      const dropped = await animator.post(`/events/${workshop}/drafts/${third!.id}/discard`, {}, { csrf });
      assert.equal(dropped.statusCode, 303);
      const [other] = await db.select({ id: eventContributions.contributionId }).from(eventContributions).innerJoin(contributions, eq(contributions.id, eventContributions.contributionId)).where(and(eq(eventContributions.eventId, eventId)));
      assert.equal((await animator.post(`/events/${workshop}/drafts/${other!.id}/discard`, {}, { csrf })).statusCode, 404);
      assert.equal((await animator.post(`/events/${workshop}/drafts/abc/discard`, {}, { csrf })).statusCode, 422);
      assert.equal((await member.post(`/events/${workshop}/drafts/${second!.id}/discard`, {}, { csrf: await member.csrf('/') })).statusCode, 403);
      assert.equal((await rows()).length, 2);

      const published = await animator.post(`/events/${workshop}/drafts/publish`, {}, { csrf });
      assert.equal(published.statusCode, 303);
      assert.deepEqual((await rows()).map((r) => r.state), ['published', 'published']);
      const told = (await db.select().from(notificationEvents).where(eq(notificationEvents.type, 'contribution.published'))).slice(eventsBefore);
      assert.equal(told.length, 1, 'one event for the whole batch');
      assert.equal(told[0]!.data.count, 2);
      assert.deepEqual(told[0]!.data.workshop, { id: workshop, title: 'Atelier des brouillons' });
      assert.match(await seen(visitor), /Des fontaines au parc/);
      assert.doesNotMatch((await animator.get(`/events/${workshop}`)).body, /brouillons? à relire/);
      // Publishing again publishes nothing more and tells no one again.
      await animator.post(`/events/${workshop}/drafts/publish`, {}, { csrf });
      assert.equal((await db.select().from(notificationEvents).where(eq(notificationEvents.type, 'contribution.published'))).length, eventsBefore + 1);
      assert.match((await animator.get(`/events/${workshop}/drafts`)).body, /Aucun brouillon/);

      // "Publish now" skips the review.
      const again = await animator.post(`/events/${workshop}/import/confirm`, { ...mapping, publish: 'now' }, { csrf });
      assert.equal(again.headers.location, `/events/${workshop}`);
      assert.equal((await rows()).filter((r) => r.state === 'published').length, 5);
    });

    test('uploads that are not UTF-8 CSV are refused with a message; a forged preview cannot write anything', async () => {
      const csrf = await animator.csrf(`/events/${eventId}/import`);
      const latin1 = await animator.request({ method: 'POST', url: `/events/${eventId}/import`, ...multipart(csrf, Buffer.from('Titre;Texte\nCaf\xe9 cr\xe8me;Id\xe9e\n', 'latin1')) });
      assert.equal(latin1.statusCode, 422);
      assert.match(latin1.body, /pas encodé en UTF-8/);
      const empty = await animator.request({ method: 'POST', url: `/events/${eventId}/import`, ...multipart(csrf, Buffer.alloc(0)) });
      assert.equal(empty.statusCode, 422);
      const missing = await animator.post(`/events/${eventId}/import`, {}, { csrf });
      assert.equal(missing.statusCode, 422);
      const forged = await animator.post(`/events/${eventId}/import/confirm`, { data: '%%%', title: '99', action: 'import' }, { csrf });
      assert.equal(forged.statusCode, 422);
      const hostile = Buffer.from(`Titre;Texte\n${xssPayloads().slice(0, 5).map((p) => `"${p.replace(/"/g, '""').slice(0, 130)}";"x"`).join('\n')}\n`);
      const page = await animator.request({ method: 'POST', url: `/events/${eventId}/import`, ...multipart(csrf, hostile) });
      assert.deepEqual(activeContent(page.body), []);
    });
  });
}
