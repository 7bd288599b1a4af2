// Dashboards, opinion groups and topic groups end to end: triggers mark what changed, the job computes, pages and the
// API show it with a text alternative for every chart; organizers keep a dashboard for themselves, rename and move.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { consultationFixture, roleFixture, type RoleFixture } from '../../../test/support/roles.ts';
import { users } from '../accounts/schema.ts';
import { refreshCounts } from '../consultations/counts.ts';
import { consultations, consultationThemes, contributions, contributionThemes, phases, syntheses, votes } from '../consultations/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { sweep } from './compute.ts';
import type { Figures } from './figures.ts';
import { analyticsChanges, analyticsSnapshots, topicGroups } from './schema.ts';

const mobility = ['Des pistes cyclables sécurisées vers les gares', 'Plus de vélos en libre service dans les quartiers', 'Des parkings à vélos près des gares et des écoles', 'Relier les pistes cyclables entre communes', 'Des vélos cargos pour les livraisons en ville', 'Réparer les vélos dans des ateliers de quartier'];
const water = ['Récupérer l’eau de pluie des toitures publiques', 'Des fontaines d’eau potable dans les parcs', 'Réduire les fuites du réseau d’eau potable', 'Arroser les jardins avec l’eau de pluie', 'Mesurer la consommation d’eau des bâtiments', 'Des noues pour infiltrer l’eau de pluie'];

for (const kind of testDatabases()) {
  describe(`analytics on ${kind}`, () => {
    let t: TestApp;
    let f: RoleFixture;
    let slug: string;
    let phaseId: number;
    let ids: number[] = [];
    before(async () => {
      t = await testApp(kind);
      f = await roleFixture(t.app, 'an');
      const fixture = await consultationFixture(t.app, f.organizationSlug, f.userIds.orgAdmin);
      slug = fixture.slug;
      const db = t.app.ctx.db;
      const [c] = await db.select().from(consultations).where(eq(consultations.slug, slug));
      const [p] = await db.select().from(phases).where(eq(phases.consultationId, c!.id)).orderBy(phases.position);
      phaseId = p!.id;
      const [theme] = await db.select().from(consultationThemes).where(eq(consultationThemes.consultationId, c!.id));
      const [startup] = await db.insert(organizations).values({ slug: 'an-startup', name: 'Une startup', type: 'startup' }).returning();
      const [org] = await db.select().from(organizations).where(eq(organizations.slug, f.organizationSlug));
      const rows = [...mobility, ...water].map((title, i) => ({
        consultationId: c!.id,
        phaseId,
        kind: 'need' as const,
        title,
        body: `${title}. ${i < 6 ? 'Le vélo et les pistes cyclables changent la ville.' : 'L’eau de pluie et l’eau potable sont précieuses.'}`,
        authorId: f.userIds.member,
        organizationId: i % 2 ? startup!.id : org!.id,
        territoryKind: i % 3 ? 'commune' : 'departement',
        territoryCode: i % 3 ? '69123' : '13',
      }));
      ids = (await db.insert(contributions).values(rows).returning({ id: contributions.id })).map((r) => r.id);
      await db.insert(contributionThemes).values(ids.slice(0, 4).map((contributionId) => ({ contributionId, themeId: theme!.id })));
      // Forty voters in two camps: opposed on the mobility needs, all agreeing on the water ones.
      const voters = await db.insert(users).values(Array.from({ length: 40 }, (_, i) => ({ email: `an-voter-${i}@example.org`, displayName: `Votant ${i}`, passwordHash: 'x' }))).returning({ id: users.id });
      await db.insert(votes).values(voters.flatMap((v, i) => ids.map((contributionId, j) => ({ contributionId, userId: v.id, value: j < 6 ? (i % 2 ? 'agree' : 'disagree') : 'agree' }) as const)));
      await refreshCounts(db, ids);
    });
    after(() => t.close());

    test('writes mark their phase; the job computes figures equal to the rows', async () => {
      const db = t.app.ctx.db;
      const marked = await db.select().from(analyticsChanges).where(eq(analyticsChanges.phaseId, phaseId));
      assert.equal(marked.length, 1, 'the phase is marked as changed');
      const result = await sweep(db);
      assert.ok(result.phases >= 1);
      assert.equal((await db.select().from(analyticsChanges).where(eq(analyticsChanges.phaseId, phaseId))).length, 0);
      const [snapshot] = await db.select().from(analyticsSnapshots).where(eq(analyticsSnapshots.scope, `phase:${phaseId}`));
      const figures = snapshot!.figures as Figures;
      const [counted] = await db.execute(sql`select count(*)::int as n from contributions where phase_id = ${phaseId} and state = 'published' and merged_into_id is null`).then((r) => (r as unknown as { rows: { n: number }[] }).rows);
      assert.equal(figures.totals.contributions, counted!.n);
      assert.equal(figures.totals.votes, 40 * 12);
      assert.deepEqual(figures.actorTypes.map((a) => [a.key, a.count]).sort(), [['collectivite', 6], ['individual', 1], ['startup', 6]]);
      assert.equal(figures.kinds.find((k) => k.key === 'need')?.count, 13);
      // Lyon (69123) is in the Rhône and Auvergne-Rhône-Alpes; 13 is the Bouches-du-Rhône, in Provence-Alpes-Côte d'Azur.
      assert.deepEqual(Object.fromEntries(figures.departements.map((d) => [d.key, d.count])), { '69': 8, '13': 4 });
      assert.deepEqual(Object.fromEntries(figures.regions.map((d) => [d.key, d.count])), { '84': 8, '93': 4 });
      assert.equal(figures.themes[0]?.count, 4);
      // The 40 voters, the author of these needs and the fixture's author.
      assert.equal(figures.totals.participants, 42);
    });

    test('the dashboards show charts with a title, a description and a table', async () => {
      const visitor = new Browser(t.app, '10.30.0.1');
      for (const path of [`/consultations/${slug}/dashboard`, `/consultations/${slug}/phases/1/dashboard`]) {
        const page = await visitor.get(path);
        assert.equal(page.statusCode, 200, path);
        const svgs = page.body.match(/<svg class="chart-svg"[^>]*>/g) ?? [];
        assert.ok(svgs.length >= 4, `${path}: charts`);
        for (const svg of svgs) assert.match(svg, /role="img" aria-labelledby="chart-\d+-title chart-\d+-desc"|aria-labelledby="chart-\d+-title chart-\d+-desc" role="img"/);
        assert.equal((page.body.match(/<title id="chart-/g) ?? []).length, svgs.length);
        assert.equal((page.body.match(/<desc id="chart-/g) ?? []).length, svgs.length);
        assert.ok((page.body.match(/<table>/g) ?? []).length >= svgs.length, 'a table beside each chart');
        assert.match(page.body, /Startup/);
        assert.match(page.body, /Rhône/);
        assert.doesNotMatch(page.body, /<style/);
      }
      const api = await visitor.get(`/api/v1/consultations/${slug}/phases/1/dashboard`);
      assert.equal(api.statusCode, 200);
      const body = JSON.parse(api.body);
      assert.equal(body.totals.votes, 480);
      assert.equal(body.supported.length, 5);
    });

    test('opinion groups find the two camps, the consensus and the divide', async () => {
      const visitor = new Browser(t.app, '10.30.0.2');
      const api = JSON.parse((await visitor.get(`/api/v1/consultations/${slug}/phases/1/opinions`)).body);
      assert.equal(api.groups.length, 2);
      assert.deepEqual(api.groups.map((g: { size: number }) => g.size), [20, 20]);
      assert.deepEqual([...api.divisive].sort((a: number, b: number) => a - b), ids.slice(0, 6));
      for (const id of ids.slice(6)) assert.ok(api.consensus.includes(id), `water need ${id} is a consensus`);
      const page = await visitor.get(`/consultations/${slug}/phases/1/opinions`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Ce qui fait consensus/);
      assert.match(page.body, /Ce qui divise/);
      assert.match(page.body, /Récupérer l’eau de pluie|Récupérer l&#39;eau|Récupérer l’eau/);
    });

    test('topic groups separate the subjects; organizers rename, move and get a citation', async () => {
      const db = t.app.ctx.db;
      const groups = await db.select().from(topicGroups).where(eq(topicGroups.phaseId, phaseId));
      assert.ok(groups.length >= 2, 'at least two groups');
      const page = await new Browser(t.app, '10.30.0.3').get(`/consultations/${slug}/phases/1/topics`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /vélo|eau|pluie|piste/);
      const organizer = f.browsers.orgAdmin;
      const group = groups[0]!;
      const topicUrl = `/consultations/${slug}/phases/1/topics/${group.id}`;
      const rejected = await organizer.post(`${topicUrl}/rename`, { label: 'x'.repeat(81) }, { csrfFrom: topicUrl });
      assert.equal(rejected.statusCode, 422);
      assert.match(rejected.body, /80 caractères au plus/);
      const renamed = await organizer.post(`${topicUrl}/rename`, { label: 'Mobilités <douces>' }, { csrfFrom: topicUrl });
      assert.equal(renamed.statusCode, 303);
      const moved = await organizer.post(`${topicUrl}/move`, { contribution: `#${ids[11]}`, group: String(group.id) }, { csrfFrom: topicUrl });
      assert.equal(moved.statusCode, 303);
      const badMove = await organizer.post(`${topicUrl}/move`, { contribution: '999999', group: String(group.id) }, { csrfFrom: topicUrl });
      assert.equal(badMove.statusCode, 422);
      const shown = await organizer.get(topicUrl);
      assert.match(shown.body, /<h1>Mobilités &lt;douces>?/);
      assert.match(shown.body, new RegExp(`\\[Mobilités (<|&lt;)douces>\\]\\(/consultations/${slug}/phases/1/topics/${group.id}\\)`));
      assert.match(shown.body, /placée par les organisateurs/);
      // A visitor may not rename.
      const visitor = new Browser(t.app, '10.30.0.4');
      const refused = await visitor.post(`${topicUrl}/rename`, { label: 'Non' }, { csrfFrom: '/login' });
      assert.ok(refused.statusCode === 401 || String(refused.headers.location).startsWith('/login'), `visitor rename -> ${refused.statusCode}`);
      assert.equal((await f.browsers.member.post(`${topicUrl}/rename`, { label: 'Non' }, { csrfFrom: '/login' })).statusCode, 403);
    });

    test('bad input on every analytics and open-data endpoint: a stable JSON code or the message beside the field, nothing written', async () => {
      const db = t.app.ctx.db;
      const [group] = await db.select().from(topicGroups).where(eq(topicGroups.phaseId, phaseId)).orderBy(topicGroups.position);
      const base = `/consultations/${slug}/phases/1`;
      const visitor = new Browser(t.app, '10.30.0.9');
      const api: [string, number, string, string?][] = [
        [`/api/v1${base}/topics/abc`, 400, 'validation_failed', 'group'],
        [`/api/v1${base}/topics/${group!.id}?after=zz`, 400, 'validation_failed', 'after'],
        [`/api/v1${base}/topics/2147483647`, 404, 'not_found'],
        [`/api/v1/consultations/${slug}/phases/x/dashboard`, 400, 'validation_failed', 'phase'],
        [`/api/v1/consultations/${slug}/phases/0/opinions`, 400, 'validation_failed', 'phase'],
        [`/api/v1/consultations/nope/dashboard`, 404, 'not_found'],
        [`/api/v1/open-data/contributions?after=zzz`, 400, 'validation_failed', 'after'],
        [`/api/v1/open-data/contributions?limit=0`, 400, 'validation_failed', 'limit'],
        [`/api/v1/open-data/contributions?limit=5000`, 400, 'validation_failed', 'limit'],
        [`/api/v1/open-data/contributions?consultation=nope`, 404, 'not_found'],
      ];
      for (const [path, status, code, field] of api) {
        const response = await visitor.get(path);
        assert.equal(response.statusCode, status, path);
        const body = JSON.parse(response.body) as { error: { code: string; fields?: Record<string, { message: string }> } };
        assert.equal(body.error.code, code, path);
        if (field) assert.ok(body.error.fields?.[field]?.message, `${path}: says which field`);
      }
      for (const path of [`${base}/topics/abc`, `${base}/topics/${group!.id}?after=zz`, `${base}/x/dashboard`, `/consultations/nope/dashboard`, `/consultations/nope/open-data`, `/consultations/nope/open-data.zip`]) {
        const response = await visitor.get(path);
        assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${path} -> ${response.statusCode}`);
        assert.match(String(response.headers['content-type']), /^text\/html/, path);
      }

      // The organizer's forms: the message beside the field, what was typed kept, and nothing changed.
      const organizer = f.browsers.orgAdmin;
      const topicUrl = `${base}/topics/${group!.id}`;
      const before = await db.select().from(topicGroups).where(eq(topicGroups.phaseId, phaseId)).orderBy(topicGroups.id);
      const long = await organizer.post(`${topicUrl}/rename`, { label: 'Trop long '.repeat(20) }, { csrfFrom: topicUrl });
      assert.equal(long.statusCode, 422);
      assert.match(long.body, /<small id="[^"]*label[^"]*" class="field-error">80 caractères au plus/);
      assert.match(long.body, /value="Trop long Trop long/);
      for (const contribution of ['abc', '', '#', '9999999999999']) {
        const moved = await organizer.post(`${topicUrl}/move`, { contribution, group: String(group!.id) }, { csrfFrom: topicUrl });
        assert.equal(moved.statusCode, 422, `move ${JSON.stringify(contribution)}`);
        assert.match(moved.body, /class="field-error"/);
      }
      const [other] = await db.select().from(phases).where(sql`${phases.consultationId} = (select consultation_id from phases where id = ${phaseId}) and ${phases.id} <> ${phaseId}`).limit(1);
      const [outside] = await db.insert(contributions).values({ consultationId: other!.consultationId, phaseId: other!.id, kind: 'idea', title: 'Une idée d’une autre phase', body: 'Elle n’a rien à faire ici.', authorId: f.userIds.member }).returning({ id: contributions.id });
      const elsewhere = await organizer.post(`${topicUrl}/move`, { contribution: String(outside!.id), group: String(group!.id) }, { csrfFrom: topicUrl });
      assert.equal(elsewhere.statusCode, 422, 'a contribution of another phase');
      assert.match(elsewhere.body, /Aucune contribution visible de cette phase ne porte ce numéro/);
      assert.deepEqual(await db.select().from(topicGroups).where(eq(topicGroups.phaseId, phaseId)).orderBy(topicGroups.id), before, 'no group changed');
      const settings = await organizer.post(`${base}/dashboard/settings`, { privateUntilSynthesis: 'oui' }, { csrfFrom: `${base}/dashboard` });
      assert.ok(settings.statusCode >= 400 && settings.statusCode < 500, `settings -> ${settings.statusCode}`);
      assert.equal((await visitor.get(`/api/v1${base}/dashboard`)).statusCode, 200, 'the dashboard stays public');
    });

    test('a phase dashboard kept for organizers until its synthesis', async () => {
      const organizer = f.browsers.orgAdmin;
      const url = `/consultations/${slug}/phases/1/dashboard`;
      assert.equal((await organizer.post(`${url}/settings`, { privateUntilSynthesis: '1' }, { csrfFrom: url })).statusCode, 303);
      const visitor = new Browser(t.app, '10.30.0.5');
      for (const path of [url, `/consultations/${slug}/phases/1/opinions`, `/api/v1/consultations/${slug}/phases/1/dashboard`]) {
        const refused = await visitor.get(path);
        assert.ok([401, 303].includes(refused.statusCode), `${path} -> ${refused.statusCode}`);
        assert.equal((await f.browsers.member.get(path)).statusCode, 403, path);
        assert.equal((await organizer.get(path)).statusCode, 200, path);
      }
      const consultationPage = await visitor.get(`/consultations/${slug}/dashboard`);
      assert.match(consultationPage.body, /Une phase n&#39;est pas comptée|Une phase n'est pas comptée/);
      // Once the synthesis is out, everyone sees it.
      await t.app.ctx.db.insert(syntheses).values({ phaseId, body: 'Synthèse.', publishedAt: new Date() });
      t.app.pageServing.outdate();
      assert.equal((await visitor.get(url)).statusCode, 200);
    });

    test('merged contributions leave the figures at the next run', async () => {
      const db = t.app.ctx.db;
      await db.update(contributions).set({ mergedIntoId: ids[1]! }).where(eq(contributions.id, ids[0]!));
      await sweep(db);
      const [snapshot] = await db.select().from(analyticsSnapshots).where(eq(analyticsSnapshots.scope, `phase:${phaseId}`));
      assert.equal((snapshot!.figures as Figures).totals.contributions, 12);
      t.app.pageServing.outdate();
      const api = JSON.parse((await new Browser(t.app, '10.30.0.6').get(`/api/v1/consultations/${slug}/phases/1/opinions`)).body);
      assert.ok(!api.divisive.includes(ids[0]));
    });

    test('the platform dashboard is for admins', async () => {
      await sweep(t.app.ctx.db);
      const page = await f.browsers.admin.get('/admin/dashboard');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Tableau de bord de la plateforme/);
      assert.match(page.body, /<svg class="chart-svg"/);
      assert.equal((await f.browsers.moderator.get('/admin/dashboard')).statusCode, 403);
      const api = JSON.parse((await f.browsers.admin.get('/api/v1/admin/dashboard')).body);
      assert.ok(api.accounts.total >= 44);
    });
  });
}
