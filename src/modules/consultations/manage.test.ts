// Organizers — active members of the organizer organizations — and platform admins manage a consultation, its
// phases and themes; nobody else does. Bad input on each of their forms is shown beside the field and writes nothing.
import assert from 'node:assert/strict';
import { count, eq } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { activeContent, xssPayloads } from '../../../test/support/inert.ts';
import { multipart, tinyPng } from '../../../test/support/files.ts';
import { consultationFixture, makeOrganization, makeUser, signIn } from '../../../test/support/roles.ts';
import { memberships } from '../organizations/schema.ts';
import { consultations, consultationThemes, phases } from './schema.ts';

const who = ['visitor', 'member', 'otherAdmin', 'organizer', 'platformAdmin'] as const;
type Who = (typeof who)[number];
const managers: Who[] = ['organizer', 'platformAdmin'];

const phase = { title: 'Une phase', question: 'Une question ?', startsAt: '2030-01-10T09:00', endsAt: '2030-02-10T18:00', kinds: ['need', 'idea'] };

for (const kind of testDatabases()) {
  describe(`managing consultations on ${kind}`, () => {
    let t: TestApp;
    let b: Record<Who, Browser>;
    let orgId: number;
    let otherOrgId: number;
    const slug = 'm-ville-consultation';

    before(async () => {
      t = await testApp(kind);
      const founder = await makeUser(t.app, 'm-founder@example.org');
      const organizer = await makeUser(t.app, 'm-organizer@example.org');
      const otherAdmin = await makeUser(t.app, 'm-other@example.org');
      await makeUser(t.app, 'm-member@example.org');
      await makeUser(t.app, 'm-admin@example.org', 'admin');
      orgId = await makeOrganization(t.app, 'm-ville', founder);
      otherOrgId = await makeOrganization(t.app, 'm-autre', otherAdmin);
      // A plain member of the organizer organization is an organizer too.
      await t.app.ctx.db.insert(memberships).values({ organizationId: orgId, userId: organizer, role: 'member' });
      await consultationFixture(t.app, 'm-ville', founder, slug);
      b = {
        visitor: new Browser(t.app, '10.6.0.1'),
        member: await signIn(t.app, 'm-member@example.org', '10.6.0.2'),
        otherAdmin: await signIn(t.app, 'm-other@example.org', '10.6.0.3'),
        organizer: await signIn(t.app, 'm-organizer@example.org', '10.6.0.4'),
        platformAdmin: await signIn(t.app, 'm-admin@example.org', '10.6.0.5'),
      };
    });
    after(() => t.close());

    const cases: { method: 'GET' | 'POST'; path: string; allow: Who[]; body?: Record<string, string> }[] = [
      { method: 'GET', path: `/consultations/${slug}/edit`, allow: managers },
      { method: 'POST', path: `/consultations/${slug}/edit`, allow: managers, body: { title: '' } },
      { method: 'GET', path: `/consultations/${slug}/phases/new`, allow: managers },
      { method: 'POST', path: `/consultations/${slug}/phases`, allow: managers, body: { title: '' } },
      { method: 'GET', path: `/consultations/${slug}/phases/1/edit`, allow: managers },
      { method: 'POST', path: `/consultations/${slug}/phases/1/edit`, allow: managers, body: { title: '' } },
      { method: 'POST', path: `/consultations/${slug}/themes`, allow: managers, body: { label: '' } },
      // Starting a consultation is for an organization's admins (in its name) and platform admins.
      { method: 'GET', path: '/consultations/new', allow: ['otherAdmin', 'platformAdmin'] },
      { method: 'POST', path: '/consultations/new', allow: ['otherAdmin', 'platformAdmin'], body: { title: '' } },
    ];

    for (const role of who) {
      test(`${role}: organizers' routes answer only organizers and platform admins`, async () => {
        for (const c of cases) {
          const response = c.method === 'GET' ? await b[role].get(c.path) : await b[role].post(c.path, c.body ?? {}, { csrfFrom: '/login' });
          const label = `${role} ${c.method} ${c.path} -> ${response.statusCode}`;
          assert.ok(response.statusCode < 500, label);
          const refused = response.statusCode === 401 || response.statusCode === 403 || (response.statusCode === 303 && String(response.headers.location).startsWith('/login'));
          assert.equal(refused, !c.allow.includes(role), label);
        }
      });
    }

    test('the consultation page offers management to organizers only', async () => {
      assert.match((await b.organizer.get(`/consultations/${slug}`)).body, /\/edit"/);
      assert.doesNotMatch((await b.otherAdmin.get(`/consultations/${slug}`)).body, new RegExp(`/consultations/${slug}/edit`));
    });

    test('an organization admin starts a consultation in its name, then adds a phase and a theme', async () => {
      const created = await b.otherAdmin.post('/consultations/new', { title: 'Nos quais en 2030', description: 'Une consultation sur l’avenir des quais, ouverte à tous.', organizers: String(otherOrgId), territoryCodes: '69123, 13' });
      assert.equal(created.statusCode, 303);
      const [row] = await t.app.ctx.db.select().from(consultations).where(eq(consultations.slug, 'nos-quais-en-2030'));
      assert.deepEqual(row!.territoryCodes, ['69123', '13']);
      assert.equal((await b.otherAdmin.post('/consultations/nos-quais-en-2030/phases', phase)).statusCode, 303);
      assert.equal((await b.otherAdmin.post('/consultations/nos-quais-en-2030/themes', { label: 'Berges' })).statusCode, 303);
      const [added] = await t.app.ctx.db.select().from(phases).where(eq(phases.consultationId, row!.id));
      assert.equal(added!.startsAt.toISOString(), '2030-01-10T08:00:00.000Z', 'typed in Paris time');
      assert.deepEqual(added!.kinds, ['need', 'idea']);
      // A draft until published (drafts.test.ts): its organizers preview it, visitors see it once published.
      assert.equal((await b.visitor.get('/consultations/nos-quais-en-2030')).statusCode, 404);
      assert.match((await b.otherAdmin.get('/consultations/nos-quais-en-2030')).body, /Une phase/);
      assert.equal((await b.otherAdmin.post('/consultations/nos-quais-en-2030/publish', {})).statusCode, 303);
      const page = await b.visitor.get('/consultations/nos-quais-en-2030');
      assert.match(page.body, /Une phase/);
      assert.match(page.body, /Berges/);
    });

    test('bad input on every form: the message beside the field, the input kept, nothing written', async () => {
      const countOf = async (table: typeof consultations | typeof phases | typeof consultationThemes) => Number((await t.app.ctx.db.select({ n: count() }).from(table))[0]!.n);
      const before = [await countOf(consultations), await countOf(phases), await countOf(consultationThemes)];
      const attempts: [string, Record<string, string | string[]>, string][] = [
        ['/consultations/new', { title: 'Un titre correct', description: 'trop court', organizers: String(otherOrgId) }, 'description'],
        ['/consultations/new', { title: 'Un titre correct', description: 'Une description assez longue pour passer.', organizers: String(orgId) }, 'organizers'],
        ['/consultations/new', { title: 'Un titre correct', description: 'Une description assez longue pour passer.', organizers: String(otherOrgId), territoryCodes: '<script>' }, 'territoryCodes'],
        [`/consultations/${slug}/phases`, { ...phase, endsAt: '2029-01-01T00:00' }, 'endsAt'],
        [`/consultations/${slug}/phases`, { ...phase, startsAt: 'demain' }, 'startsAt'],
        [`/consultations/${slug}/phases`, { ...phase, kinds: [] }, 'kinds'],
        [`/consultations/${slug}/phases`, { ...phase, kinds: ['bogus'] }, 'kinds'],
        [`/consultations/${slug}/phases`, { ...phase, commentsOpenUntil: '2030-01-20T00:00' }, 'commentsOpenUntil'],
        [`/consultations/${slug}/themes`, { label: 'Mobilité' }, 'label'],
        [`/consultations/${slug}/edit`, { title: 'x', description: 'Une description assez longue pour passer.', organizers: String(orgId) }, 'title'],
      ];
      for (const [path, body, field] of attempts) {
        const browser = path === '/consultations/new' ? b.otherAdmin : b.organizer;
        const response = await browser.post(path, body);
        assert.equal(response.statusCode, 422, `${path} ${field}`);
        assert.match(response.body, new RegExp(`id="error-${field}"`), `${path} ${field}`);
        if (typeof body.title === 'string' && body.title.length > 1) assert.ok(response.body.includes(body.title), 'input kept');
      }
      assert.deepEqual([await countOf(consultations), await countOf(phases), await countOf(consultationThemes)], before);
    });

    test('hostile titles and descriptions come out inert', async () => {
      for (const payload of xssPayloads().slice(0, 15)) {
        const response = await b.platformAdmin.post('/consultations/new', { title: `Consultation ${payload}`.slice(0, 140), description: `Description assez longue ${payload}`, organizers: String(orgId) });
        if (response.statusCode !== 303) {
          assert.equal(response.statusCode, 422);
          continue;
        }
        const location = String(response.headers.location).replace(/\/edit$/, '');
        assert.deepEqual(activeContent((await b.platformAdmin.get(location)).body), [], payload);
        assert.deepEqual(activeContent((await b.platformAdmin.get(`${location}/edit`)).body), [], payload);
      }
      assert.deepEqual(activeContent((await b.visitor.get('/consultations')).body), []);
    });

    test('organizers set a cover image: only raster images by their bytes, 2 MB at most, served so it cannot run', async () => {
      const url = `/consultations/${slug}/cover`;
      const send = async (browser: Browser, file: { name: string; type: string; data: Buffer }) => {
        const csrf = await browser.csrf('/account');
        const { payload, headers } = multipart(csrf, file, 'cover');
        return browser.request({ method: 'POST', url, payload, headers });
      };
      const png = { name: 'cover.png', type: 'image/png', data: tinyPng() };
      assert.equal((await send(b.otherAdmin, png)).statusCode, 403);
      for (const bad of [
        { name: 'cover.svg', type: 'image/svg+xml', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') },
        { name: 'cover.png', type: 'image/png', data: Buffer.from('<html><script>alert(1)</script></html>') },
        { name: 'huge.png', type: 'image/png', data: Buffer.concat([tinyPng(), Buffer.alloc(2 * 1024 * 1024)]) },
      ]) {
        const refused = await send(b.organizer, bad);
        assert.equal(refused.statusCode, 422, bad.name);
        assert.match(refused.body, /id="cover-error-cover"/);
      }
      assert.equal((await t.app.ctx.db.select().from(consultations).where(eq(consultations.slug, slug)))[0]!.coverFileId, null, 'nothing stored');
      assert.equal((await send(b.organizer, png)).statusCode, 303);
      const served = await b.visitor.get(url);
      assert.equal(served.statusCode, 200);
      assert.equal(served.headers['content-type'], 'image/png');
      assert.equal(served.headers['x-content-type-options'], 'nosniff');
      assert.match(String(served.headers['content-security-policy']), /sandbox/);
      assert.match((await b.visitor.get(`/consultations/${slug}`)).body, new RegExp(`<img src="/consultations/${slug}/cover\\?v=[0-9a-f-]+" alt="" class="cover"/>`));
    });
  });
}
