// The consultation's stepper: each phase done, current or upcoming by its dates and the clock, said in words (not by
// colour alone), the current one marked aria-current="step"; the workshops feeding a phase linked under it; themes as
// links to the filtered list. And the management page's tabs: links, the shown one marked aria-current="page".
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { consultationFixture, makeOrganization, makeUser, signIn } from '../../../test/support/roles.ts';
import { phases } from '../../modules/consultations/schema.ts';
import { events } from '../../modules/events/schema.ts';
import { advanceClock, resetClock } from '../clock.ts';

const day = 86_400_000;

/** Each step's state in document order, read from its class. */
const states = (html: string) => [...html.matchAll(/<li class="step step-(done|current|upcoming)"( aria-current="step")?>/g)].map((m) => `${m[1]}${m[2] ? '*' : ''}`);

for (const kind of testDatabases()) {
  describe(`phase stepper and tabs on ${kind}`, () => {
    let t: TestApp;
    let slug: string;
    let organizer: Browser;
    let visitor: Browser;
    let visits = 0;
    // A new address each time: the page cache would otherwise answer what it rendered before the clock moved.
    const page = async () => (await visitor.get(`/consultations/${slug}?visit=${++visits}`)).body;

    before(async () => {
      t = await testApp(kind);
      const founder = await makeUser(t.app, 'st-founder@example.org');
      await makeOrganization(t.app, 'st-ville', founder);
      ({ slug } = await consultationFixture(t.app, 'st-ville', founder));
      const [open] = await t.app.ctx.db.select().from(phases).where(eq(phases.title, 'Partageons nos besoins'));
      const at = Date.now();
      const workshop = { kind: 'in_person' as const, consultationId: open!.consultationId, phaseId: open!.id, startsAt: new Date(at + 2 * day), endsAt: new Date(at + 2 * day + 7_200_000) };
      await t.app.ctx.db.insert(events).values([
        { ...workshop, slug: 'st-atelier', title: 'Atelier des besoins' },
        { ...workshop, slug: 'st-annule', title: 'Atelier annulé', cancelledAt: new Date(at) },
      ]);
      organizer = await signIn(t.app, 'st-founder@example.org', '10.40.0.1');
      visitor = new Browser(t.app, '10.40.0.2');
    });
    afterEach(() => resetClock());
    after(() => t.close());

    test('the phases are steps, in order, their state following the clock', async () => {
      // Positions: 1 open now (30 days left), 2 closed 30 days ago.
      const now = await page();
      assert.deepEqual(states(now), ['current*', 'done']);
      assert.match(now, /<ol class="stepper">/);
      assert.match(now, /<span class="visually-hidden">Étape en cours :<\/span><a href="\/consultations\/[^"]+\/phases\/1">Partageons nos besoins<\/a>/);
      assert.match(now, /<span class="visually-hidden">Étape terminée :<\/span><a href="\/consultations\/[^"]+\/phases\/2">Phase passée<\/a>/);
      assert.match(now, /<time datetime="[^"]+">[^<]+<\/time> – <time datetime="[^"]+">[^<]+<\/time>/, 'dates, as machine-readable times');
      assert.match(now, /Quels sont vos besoins/);
      assert.match(now, /1 contribution/);

      advanceClock(31 * day);
      assert.deepEqual(states(await page()), ['done', 'done'], 'no phase open: none is current');
    });

    test('a phase still to come is upcoming, with its ring and its words', async () => {
      advanceClock(-2 * day);
      const before = await page();
      assert.deepEqual(states(before), ['upcoming', 'done']);
      assert.match(before, /<span class="visually-hidden">Étape à venir :<\/span>/);
      assert.doesNotMatch(before, /aria-current="step"/);
      assert.doesNotMatch(before, /phases\/1\/contribute/, 'no call to act before it opens');
    });

    test('the workshops feeding a phase are linked under it, not those called off; themes lead to the filtered list', async () => {
      const html = await page();
      const [workshop] = await t.app.ctx.db.select().from(events).where(eq(events.slug, 'st-atelier'));
      assert.match(html, /Un atelier nourrit cette phase/);
      assert.match(html, new RegExp(`<a href="/events/${workshop!.id}">Atelier des besoins</a>`));
      assert.doesNotMatch(html, /Atelier annulé/);
      assert.match(html, new RegExp(`<a href="/consultations/${slug}/phases/1\\?theme=mobilite">Mobilité</a>`));
    });

    test('the management page is split in tabs: links, the one shown marked, each form on its own tab', async () => {
      const base = `/consultations/${slug}/edit`;
      const general = await organizer.get(base);
      assert.equal(general.statusCode, 200);
      assert.match(general.body, new RegExp(`<nav class="tabs" aria-label="Sections de la gestion"><ul><li><a href="${base}" aria-current="page">Général</a></li><li><a href="${base}\\?tab=cover">Image</a>`));
      assert.match(general.body, new RegExp(`<form method="post" action="${base}"`));
      assert.doesNotMatch(general.body, /action="[^"]+\/themes"/);
      const themes = await organizer.get(`${base}?tab=themes`);
      assert.match(themes.body, new RegExp(`<a href="${base}\\?tab=themes" aria-current="page">Thèmes</a>`));
      assert.doesNotMatch(themes.body, new RegExp(`<a href="${base}" aria-current="page">`));
      assert.match(themes.body, /action="[^"]+\/themes" novalidate/);
      assert.match(themes.body, /<title>Gérer « [^<]+ » — Thèmes · Parvis<\/title>/, 'each tab its own title');
      assert.match((await organizer.get(`${base}?tab=phases`)).body, /phases\/2\/move/);
      assert.match((await organizer.get(`${base}?tab=syntheses`)).body, /Phase passée<\/a> <span class="badge badge-synthesis-toWrite">À rédiger<\/span>/);
      assert.match((await organizer.get(`${base}?tab=nonsense`)).body, new RegExp(`<a href="${base}" aria-current="page">`), 'an unknown tab shows the first');
      // A rejected theme comes back on its tab, the error beside the field.
      const refused = await organizer.post(`/consultations/${slug}/themes`, { label: '' }, { csrfFrom: base });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /aria-current="page">Thèmes</);
      assert.match(refused.body, /id="error-label"/);
      const saved = await organizer.post(`/consultations/${slug}/themes`, { label: 'Énergie' }, { csrfFrom: base });
      assert.equal(saved.headers.location, `${base}?tab=themes`);
    });
  });
}
