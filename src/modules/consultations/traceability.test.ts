// Links between phases and the chain view, drafts, similar contributions, merging duplicates, official answers and
// syntheses with citations.
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { after, afterEach, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { activeContent, xssPayloads } from '../../../test/support/inert.ts';
import { makeOrganization, makeUser, signIn } from '../../../test/support/roles.ts';
import { days, resetClock, setClock } from '../../platform/clock.ts';
import { comments, consultationOrganizers, consultations, contributionArguments, contributionCoauthors, contributionLinks, contributionRevisions, contributions, phases, syntheses, synthesisCitations, votes, type ContributionKind } from './schema.ts';

interface World {
  slug: string;
  phaseIds: number[];
  consultationId: number;
}

/** Three phases: needs (closed), ideas (open), features (open); the organizer's organization runs it. */
async function world(t: TestApp, slug: string, organizerOrg: number): Promise<World> {
  const db = t.app.ctx.db;
  const now = Date.now();
  const [c] = await db.insert(consultations).values({ slug, title: `Consultation ${slug}`, description: 'Une consultation pour les tests de traçabilité.' }).returning();
  await db.insert(consultationOrganizers).values({ consultationId: c!.id, organizationId: organizerOrg });
  const spans: [number, number, ContributionKind[]][] = [
    [-60, -30, ['need']],
    [-10, 20, ['idea']],
    [-10, 30, ['feature']],
  ];
  const phaseIds: number[] = [];
  for (const [i, [start, end, kinds]] of spans.entries()) {
    const [p] = await db.insert(phases).values({ consultationId: c!.id, position: i + 1, title: `Phase ${i + 1}`, question: 'Quelle question ?', startsAt: new Date(now + start * days(1)), endsAt: new Date(now + end * days(1)), kinds }).returning();
    phaseIds.push(p!.id);
  }
  return { slug, phaseIds, consultationId: c!.id };
}

async function contribution(t: TestApp, w: World, phase: number, kind: ContributionKind, title: string, authorId: number): Promise<number> {
  const [row] = await t.app.ctx.db.insert(contributions).values({ consultationId: w.consultationId, phaseId: w.phaseIds[phase - 1]!, kind, title, body: `${title} : le détail de la contribution.`, authorId }).returning();
  await t.app.ctx.db.insert(contributionRevisions).values({ contributionId: row!.id, title, body: row!.body, kind, editedBy: authorId });
  return row!.id;
}

const idOf = (location: unknown) => Number(/\/contributions\/(\d+)/.exec(String(location))?.[1]);

for (const kind of testDatabases()) {
  describe(`traceability, drafts, merges, answers and syntheses on ${kind}`, () => {
    let t: TestApp;
    let w: World;
    let ids: Record<string, number>;
    let organizer: Browser;
    let startup: Browser;
    let other: Browser;
    let visitor: Browser;
    let people: Record<string, number>;

    before(async () => {
      t = await testApp(kind);
      people = {
        organizer: await makeUser(t.app, 'tr-organizer@example.org'),
        startup: await makeUser(t.app, 'tr-startup@example.org'),
        other: await makeUser(t.app, 'tr-other@example.org'),
      };
      const org = await makeOrganization(t.app, 'tr-ville', people.organizer!);
      w = await world(t, 'tr-consultation', org);
      ids = {
        bikes: await contribution(t, w, 1, 'need', 'Des stationnements vélos sécurisés près des gares', people.other!),
        data: await contribution(t, w, 1, 'need', 'Accéder aux données de mobilité ouvertes', people.other!),
        lonely: await contribution(t, w, 1, 'need', 'Un besoin auquel personne ne répond', people.other!),
      };
      organizer = await signIn(t.app, 'tr-organizer@example.org', '10.9.0.1');
      startup = await signIn(t.app, 'tr-startup@example.org', '10.9.0.2');
      other = await signIn(t.app, 'tr-other@example.org', '10.9.0.3');
      visitor = new Browser(t.app, '10.9.0.4');
    });
    afterEach(() => resetClock());
    after(() => t.close());

    const ideaForm = (fields: Record<string, string | string[]> = {}) => ({ title: 'Des abris vélos connectés en gare', body: 'Des abris fermés, réservables, avec des capteurs.', kind: 'idea', organization: '', ...fields });
    const ideaUrl = () => `/consultations/${w.slug}/phases/2/contribute`;

    test('an idea answers needs of an earlier phase; each side shows the link; the chain shows unanswered needs', async () => {
      const form = await startup.get(`${ideaUrl()}?answers=${ids.bikes}`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, new RegExp(`name="answers" value="${ids.bikes}" checked`), 'the need to answer comes ticked');
      const created = await startup.post(ideaUrl(), ideaForm({ answers: [String(ids.bikes), String(ids.data)], intent: 'publish' }));
      assert.equal(created.statusCode, 303);
      ids.idea = idOf(created.headers.location);
      const feature = await startup.post(`/consultations/${w.slug}/phases/3/contribute`, { title: 'Réservation des abris en ligne', body: 'Un écran de réservation sur le site de la ville.', kind: 'feature', answers: String(ids.idea), organization: '' });
      assert.equal(feature.statusCode, 303);
      ids.feature = idOf(feature.headers.location);
      const need = await visitor.get(`/contributions/${ids.bikes}`);
      assert.match(need.body, /Idées qui répondent à ce besoin/);
      assert.ok(need.body.includes(`href="/contributions/${ids.idea}"`));
      assert.match(need.body, new RegExp(`href="/consultations/${w.slug}/phases/2/contribute\\?answers=${ids.bikes}"`), 'a call to answer it in the open phase');
      const idea = await visitor.get(`/contributions/${ids.idea}`);
      assert.ok(idea.body.includes(`href="/contributions/${ids.bikes}"`) && idea.body.includes(`href="/contributions/${ids.feature}"`));
      const chain = await visitor.get(`/consultations/${w.slug}/chain`);
      assert.equal(chain.statusCode, 200);
      assert.match(chain.body, /3 besoins, dont 1 sans réponse/);
      const unanswered = await visitor.get(`/consultations/${w.slug}/chain?unanswered=1`);
      assert.ok(unanswered.body.includes('Un besoin auquel personne ne répond'));
      assert.ok(!unanswered.body.includes('Des stationnements vélos'));
      assert.equal((await visitor.get(`/consultations/${w.slug}/chain?page=abc`)).statusCode, 200);
    });

    test('links must point to an earlier phase, to the kind answered, in the same consultation; nothing is half written', async () => {
      const before = (await t.app.ctx.db.select().from(contributions)).length;
      const other = await world(t, 'tr-elsewhere', (await t.app.ctx.db.select().from(consultationOrganizers))[0]!.organizationId);
      const foreign = await contribution(t, other, 1, 'need', 'Un besoin ailleurs', people.other!);
      for (const answers of [String(foreign), '999999', String(ids.idea ?? ids.bikes)]) {
        const refused = await startup.post(ideaUrl(), ideaForm({ answers }));
        assert.equal(refused.statusCode, 422, answers);
        assert.match(refused.body, /id="error-answers"|Choisissez des contributions des phases précédentes/);
        assert.ok(refused.body.includes('Des abris vélos connectés en gare'), 'what was typed is kept');
      }
      const tooMany = await startup.post(ideaUrl(), ideaForm({ answers: Array.from({ length: 21 }, (_, i) => String(i + 1)) }));
      assert.equal(tooMany.statusCode, 422);
      assert.equal((await t.app.ctx.db.select().from(contributions)).length, before + 1, 'only the other consultation’s fixture was added');
    });

    test('a draft is seen by its author only, stays out of lists and counts, and is published later', async () => {
      const saved = await startup.post(ideaUrl(), ideaForm({ title: 'Un brouillon sur les abris vélos', intent: 'draft' }));
      assert.equal(saved.statusCode, 303);
      const id = idOf(saved.headers.location);
      assert.equal((await startup.get(`/contributions/${id}`)).statusCode, 200);
      for (const browser of [visitor, other]) assert.equal((await browser.get(`/contributions/${id}`)).statusCode, 404);
      assert.ok(!(await visitor.get(`/consultations/${w.slug}/phases/2`)).body.includes('Un brouillon sur les abris'));
      assert.ok((await startup.get(`/consultations/${w.slug}/phases/2`)).body.includes('Vos brouillons dans cette phase'));
      assert.equal((await other.post(`/contributions/${id}/vote`, { value: 'agree' }, { csrfFrom: '/account' })).statusCode, 404);
      assert.equal((await t.app.inject({ url: `/api/v1/contributions/${id}` })).statusCode, 404);
      assert.equal((await startup.post(`/contributions/${id}/publish`, {})).statusCode, 303);
      assert.equal((await visitor.get(`/contributions/${id}`)).statusCode, 200);
    });

    test('the preview shows the rendered text and the similar contributions, accents and plurals aside, and saves nothing', async () => {
      const before = (await t.app.ctx.db.select().from(contributions)).length;
      const preview = await startup.post(`/consultations/${w.slug}/phases/2/contribute`, ideaForm({ title: 'Stationnement velo securise', body: 'Garer son **vélo** en sécurité à la gare.', intent: 'preview' }));
      assert.equal(preview.statusCode, 200);
      assert.match(preview.body, /<strong>vélo<\/strong>/);
      assert.match(preview.body, /ressemble|ressemblent/);
      assert.ok(preview.body.includes(`href="/contributions/${ids.bikes}"`), 'the need with accents is found without them');
      assert.equal((await t.app.ctx.db.select().from(contributions)).length, before);
      const fragment = await visitor.get(`/consultations/${w.slug}/similar?title=${encodeURIComponent('données mobilité')}`, { 'hx-request': 'true' });
      assert.equal(fragment.statusCode, 200);
      assert.ok(fragment.body.includes(`href="/contributions/${ids.data}"`));
      assert.ok(!fragment.body.includes('<html'), 'a fragment for htmx');
      for (const payload of xssPayloads().slice(0, 20)) {
        const r = await visitor.get(`/consultations/${w.slug}/similar?title=${encodeURIComponent(payload)}`);
        assert.ok(r.statusCode < 500);
        assert.deepEqual(activeContent(r.body).filter((p) => p !== '0 h1'), [], 'a fragment has no h1 of its own');
      }
    });

    test('merging keeps every vote once, every link once, makes co-authors, tells the authors and redirects', async () => {
      const db = t.app.ctx.db;
      const kept = await contribution(t, w, 2, 'idea', 'Des consignes à vélos dans les gares', people.startup!);
      const duplicate = await contribution(t, w, 2, 'idea', 'Des consignes vélo près des gares', people.other!);
      await db.insert(contributionLinks).values([
        { fromId: kept, toId: ids.bikes! },
        { fromId: duplicate, toId: ids.bikes! },
        { fromId: duplicate, toId: ids.data! },
      ]);
      const feature = await contribution(t, w, 3, 'feature', 'Carte des consignes', people.other!);
      await db.insert(contributionLinks).values({ fromId: feature, toId: duplicate });
      // startup voted on both (keeps the vote on the one kept), other only on the duplicate, organizer only on the kept.
      await db.insert(votes).values([
        { contributionId: kept, userId: people.startup!, value: 'agree' },
        { contributionId: duplicate, userId: people.startup!, value: 'disagree' },
        { contributionId: duplicate, userId: people.other!, value: 'mixed' },
        { contributionId: kept, userId: people.organizer!, value: 'agree' },
      ]);
      await db.insert(contributionArguments).values({ contributionId: duplicate, side: 'for', text: 'Moins de vols.', authorId: people.other! });
      await db.insert(comments).values({ contributionId: duplicate, authorId: people.other!, body: 'Bonne idée.' });
      const page = `/contributions/${duplicate}`;
      assert.equal((await startup.post(`${page}/merge`, { into: String(kept) }, { csrfFrom: '/account' })).statusCode, 403, 'only organizers merge');
      for (const into of ['abc', String(duplicate), '999999']) {
        const refused = await organizer.post(`${page}/merge`, { into });
        assert.equal(refused.statusCode, 422, into);
        assert.ok(refused.body.includes(`value="${into}"`), 'what was typed is kept');
      }
      const merged = await organizer.post(`${page}/merge`, { into: `#${kept}`, confirmed: '1' });
      assert.equal(merged.statusCode, 303);
      const allVotes = await db.select().from(votes).where(eq(votes.contributionId, kept));
      assert.deepEqual(allVotes.map((v) => `${v.userId}:${v.value}`).sort(), [`${people.organizer}:agree`, `${people.other}:mixed`, `${people.startup}:agree`].sort());
      assert.equal((await db.select().from(votes).where(eq(votes.contributionId, duplicate))).length, 0);
      const links = await db.select().from(contributionLinks);
      assert.deepEqual(links.filter((l) => l.fromId === kept).map((l) => l.toId).sort(), [ids.bikes!, ids.data!].sort());
      assert.equal(links.filter((l) => l.fromId === duplicate || l.toId === duplicate).length, 0);
      assert.equal(links.filter((l) => l.fromId === feature && l.toId === kept).length, 1);
      assert.deepEqual((await db.select().from(contributionCoauthors).where(eq(contributionCoauthors.contributionId, kept))).map((c) => c.userId), [people.other]);
      assert.equal((await db.select().from(contributionArguments).where(eq(contributionArguments.contributionId, kept))).length, 1);
      const redirect = await visitor.get(page);
      assert.equal(redirect.statusCode, 301);
      assert.equal(redirect.headers.location, `/contributions/${kept}`);
      // The merge reaches the authors as a notification, mailed at once by default; other notifications may come too.
      const mails = (await t.deliverMail()).filter((m) => /fusionnée/.test(m.subject));
      assert.deepEqual(mails.map((m) => m.to).sort(), ['tr-other@example.org', 'tr-startup@example.org']);
      assert.match(mails[0]!.text, new RegExp(`/contributions/${kept}`));
      assert.equal((await other.post(`${page}/vote`, { value: 'agree' }, { csrfFrom: '/account' })).statusCode, 409, 'a merged contribution takes no vote');
      // Merging it again, or merging into it, is refused.
      assert.equal((await organizer.post(`/contributions/${ids.data}/merge`, { into: String(duplicate) }, { csrfFrom: '/account' })).statusCode, 422);
    });

    test('two organizers merging the same pair at once merge it once', async () => {
      const a = await contribution(t, w, 2, 'idea', 'Doublon A', people.other!);
      const b = await contribution(t, w, 2, 'idea', 'Doublon B', people.other!);
      const csrf = await organizer.csrf('/account');
      const results = await Promise.all([organizer.post(`/contributions/${a}/merge`, { into: String(b), confirmed: '1' }, { csrf }), organizer.post(`/contributions/${b}/merge`, { into: String(a), confirmed: '1' }, { csrf })]);
      assert.ok(results.every((r) => r.statusCode < 500), results.map((r) => r.statusCode).join());
      const rows = await t.app.ctx.db.select().from(contributions).where(and(eq(contributions.consultationId, w.consultationId)));
      const merged = rows.filter((r) => r.id === a || r.id === b).filter((r) => r.mergedIntoId !== null);
      assert.equal(merged.length, 1, 'exactly one absorbed the other');
    });

    test('an official answer is the organizers’, shown first, and filters the list', async () => {
      const page = `/contributions/${ids.bikes}`;
      assert.equal((await startup.post(`${page}/answer`, { status: 'retained', answer: 'Nous allons le faire.' }, { csrfFrom: '/account' })).statusCode, 403);
      const bad = await organizer.post(`${page}/answer`, { status: 'maybe', answer: 'court' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /id="answer-error-status"|answer-error-answer/);
      const ok = await organizer.post(`${page}/answer`, { status: 'retained', answer: 'Retenu : **200 places** seront créées en 2027.' });
      assert.equal(ok.statusCode, 303);
      const shown = (await visitor.get(page)).body;
      assert.ok(shown.indexOf('Réponse officielle') < shown.indexOf('le détail de la contribution'), 'the answer comes first');
      assert.match(shown, /<strong>200 places<\/strong>/);
      const list = await visitor.get(`/consultations/${w.slug}/phases/1?status=retained`);
      assert.match(list.body, /Des stationnements vélos/);
      assert.ok(!list.body.includes('Accéder aux données de mobilité'));
    });

    test('a synthesis is written once the phase has closed, by the clock; citations link and show on the contributions', async () => {
      const phase2 = `/consultations/${w.slug}/phases/2/synthesis`;
      const early = await organizer.post(phase2, { body: `Les idées retenues : [#${ids.idea}] et d'autres encore.` }, { csrfFrom: '/account' });
      assert.equal(early.statusCode, 409, 'phase 2 is still open');
      assert.equal((await t.app.ctx.db.select().from(syntheses)).length, 0);
      const url = `/consultations/${w.slug}/phases/1/synthesis`;
      assert.equal((await startup.post(url, { body: 'Une synthèse qui ne vient pas des organisateurs.' }, { csrfFrom: '/account' })).statusCode, 403);
      const unknown = await organizer.post(url, { body: `Nous citons [#${ids.bikes}] et [#999999] dans ce texte.` });
      assert.equal(unknown.statusCode, 422);
      assert.match(unknown.body, /#999999/);
      const draft = await organizer.post(url, { body: `Brouillon : [#${ids.bikes}] est le besoin le plus partagé.`, intent: 'draft' });
      assert.equal(draft.statusCode, 303);
      assert.ok(!(await visitor.get(url)).body.includes('Brouillon :'), 'a draft synthesis is not public');
      assert.ok(!(await visitor.get(`/contributions/${ids.bikes}`)).body.includes('Citée dans la synthèse'));
      const published = await organizer.post(url, { body: `Le besoin le plus partagé : [#${ids.bikes}]. Les données : [#${ids.data}].` });
      assert.equal(published.statusCode, 303);
      const page = await visitor.get(url);
      assert.match(page.body, new RegExp(`href="/contributions/${ids.bikes}"[^>]*>Des stationnements vélos sécurisés près des gares \\(#${ids.bikes}\\)</a>`));
      assert.match((await visitor.get(`/contributions/${ids.bikes}`)).body, /Citée dans la synthèse « Phase 1 »/);
      assert.equal((await t.app.ctx.db.select().from(synthesisCitations)).length, 2);
      assert.match((await visitor.get(`/consultations/${w.slug}`)).body, /Lire la synthèse/);
      // Once the clock passes the end of phase 2, its synthesis may be written.
      setClock(new Date(Date.now() + days(21)));
      assert.equal((await organizer.post(phase2, { body: `Les idées : [#${ids.idea}], à poursuivre en phase 3.` }, { csrfFrom: '/account' })).statusCode, 303);
    });

    test('the download of a person’s data holds what they wrote and how they voted in consultations', async () => {
      const data = (await startup.get('/account/data')).json();
      assert.ok(data.consultations.contributions.some((c: { title: string }) => c.title === 'Des abris vélos connectés en gare'));
      assert.ok(data.consultations.votes.length >= 1);
      assert.deepEqual(data.events.registrations, []);
    });

    test('XSS payloads in answers, syntheses and titles stay inert', async () => {
      const url = `/consultations/${w.slug}/phases/1/synthesis`;
      for (const payload of xssPayloads().slice(0, 25)) {
        const body = `Synthèse ${payload} [#${ids.bikes}] ${payload}`;
        const r = await organizer.post(url, { body: body.length >= 20 ? body : `${body} — suffisamment long` });
        assert.ok(r.statusCode < 500, payload);
        assert.deepEqual(activeContent((await visitor.get(url)).body), [], payload);
        await organizer.post(`/contributions/${ids.data}/answer`, { status: 'under_study', answer: `Réponse ${payload}` });
        assert.deepEqual(activeContent((await visitor.get(`/contributions/${ids.data}`)).body), [], payload);
      }
    });
  });
}
