// Hidden means hidden everywhere (issue 11): one item of every reportable kind in the demo is given a text found
// nowhere else and hidden by the moderator; then every place content is shown — the pages reached by following links
// (the crawl of html.test.ts), the lists, searches, feeds, .ics files, API answers and the open-data archive — is read
// as a visitor and as another member, and the hidden text appears in none of them, while the item's own address
// answers 410. Its author and the moderator still read it. A blocked account's name reads "blocked account" until
// it is unblocked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rows } from '../src/platform/db/client.ts';
import { demoPassword } from '../src/modules/accounts/demo.ts';
import { seedDemo } from '../src/modules/demo.ts';
import { buildArchive, platformScope } from '../src/modules/opendata/service.ts';
import type { ReportableKind } from '../src/modules/moderation/schema.ts';
import { Browser, testApp, type TestApp } from './support/app.ts';
import { crawl, routePatterns } from './support/crawl.ts';
import { testDatabases } from './support/databases.ts';
import { unzip } from './support/zip.ts';

const memberEmail = 'thomas.petit@example.org';
const moderatorEmail = 'moderation@parvis.example';
const reason = 'Propos contraires à la charte (walk)';
const marker = (kind: ReportableKind) => `zorblax${kind}`;
/** Another word of the hidden text, to search it by: a search page repeats the words it was asked for. */
const searchWord = (kind: ReportableKind) => `quuxfind${kind}`;
const textOf = (kind: ReportableKind, what: string) => `${marker(kind)} ${searchWord(kind)} ${what}`;

interface Hidden {
  kind: ReportableKind;
  id: number;
  authorId: number | null;
  /** where the item itself is read (410 for others) */
  own?: string[];
  /** where it would be listed, for those who still read it */
  readAt: string;
}

async function signedIn(t: TestApp, email: string, ip: string): Promise<Browser> {
  const browser = new Browser(t.app, ip);
  const response = await browser.post('/login', { email, password: demoPassword, next: '/' });
  assert.equal(response.statusCode, 303, `sign-in of ${email}`);
  return browser;
}

for (const kind of testDatabases()) {
  describe(`hidden content on ${kind}: absent everywhere but for its author and the moderators`, () => {
    let t: TestApp;
    let moderator: Browser;
    const hidden: Hidden[] = [];
    /** lists, searches, feeds and API answers where the hidden items would otherwise be */
    const places: string[] = [];
    let archive: Map<string, Buffer>;
    /** the hidden items whose text is in this answer */
    const found = (text: string) => hidden.filter((h) => text.toLowerCase().includes(marker(h.kind))).map((h) => h.kind);

    const one = async <T,>(query: ReturnType<typeof sql>): Promise<T> => {
      const [row] = await rows<T>(t.app.ctx.db, query);
      assert.ok(row, 'the demo has such an item');
      return row;
    };

    before(async () => {
      t = await testApp(kind);
      await seedDemo(t.app.ctx);
      const db = t.app.ctx.db;
      const { id: memberId } = await one<{ id: number }>(sql`select id from users where email = ${memberEmail}`);
      // Authors the walk can sign in as: demo people other than the walking member and the moderators.
      const signable = (column: string) => `${column} in (select id from users where id <> ${memberId} and platform_role = 'member' and blocked_at is null and deleted_at is null and password_hash is not null)`;
      const author = (column: string) => sql.raw(signable(column));
      // Or, for what an organization writes (its profile, its responses, the events it runs), one of its members.
      const memberOf = (column: string) => sql.raw(`(select m.user_id from memberships m where m.organization_id = ${column} and m.status = 'active' and ${signable('m.user_id')} order by m.user_id limit 1)`);
      const open = sql.raw(`not exists (select 1 from moderation_items mi where mi.item_id = x.id and mi.hidden_at is not null)`);

      const contribution = await one<{ id: number; author_id: number; slug: string; position: number }>(
        sql`select x.id, x.author_id, k.slug, p.position from contributions x join phases p on p.id = x.phase_id join consultations k on k.id = x.consultation_id
            where x.state = 'published' and x.merged_into_id is null and ${author('x.author_id')} and ${open} order by x.id limit 1`,
      );
      const argument = await one<{ id: number; author_id: number; contribution_id: number }>(
        sql`select x.id, x.author_id, x.contribution_id from contribution_arguments x join contributions c on c.id = x.contribution_id
            where c.state = 'published' and c.id <> ${contribution.id} and ${author('x.author_id')} and ${open} order by x.id limit 1`,
      );
      const comment = await one<{ id: number; author_id: number; contribution_id: number }>(
        sql`select x.id, x.author_id, x.contribution_id from comments x join contributions c on c.id = x.contribution_id
            where c.state = 'published' and c.id <> ${contribution.id} and x.deleted_at is null and ${author('x.author_id')} and ${open} order by x.id limit 1`,
      );
      const question = await one<{ id: number; author_id: number; project_id: number }>(
        sql`select x.id, x.asker_id as author_id, x.project_id from project_questions x join projects p on p.id = x.project_id
            where x.visibility = 'public' and p.visibility = 'public' and p.state <> 'draft' and ${author('x.asker_id')} order by x.id limit 1`,
      );
      const response = await one<{ id: number; author_id: number; project_id: number }>(
        sql`select * from (select x.id, coalesce(x.author_id, ${memberOf('x.organization_id')}, ${memberOf('p.owner_organization_id')}) as author_id, x.project_id from project_responses x join projects p on p.id = x.project_id
            where x.confidentiality = 'public' and x.withdrawn_at is null and p.visibility = 'public' and p.state <> 'draft') r where r.author_id is not null order by r.id limit 1`,
      );
      const event = await one<{ id: number; author_id: number; territory_kind: string | null; territory_code: string | null }>(
        sql`select * from (select x.id, case when ${author('x.created_by')} then x.created_by else ${memberOf('x.animator_id')} end as author_id, x.territory_kind, x.territory_code from events x
            where x.cancelled_at is null and x.ends_at > now()) e where e.author_id is not null order by e.id limit 1`,
      );
      const organization = await one<{ id: number; author_id: number; slug: string }>(
        sql`select * from (select x.id, ${memberOf('x.id')} as author_id, x.slug from organizations x
            where not exists (select 1 from memberships m where m.organization_id = x.id and m.user_id = ${memberId})) o where o.author_id is not null order by o.id limit 1`,
      );
      // A person who writes in the debates, so their name is shown somewhere.
      const person = await one<{ id: number; contribution_id: number }>(
        sql`select x.id, min(c.id) as contribution_id from users x join comments m on m.author_id = x.id and m.deleted_at is null join contributions c on c.id = m.contribution_id and c.state = 'published'
            where ${author('x.id')} and x.id not in (${contribution.author_id}, ${argument.author_id}, ${comment.author_id}) and c.id <> ${contribution.id} group by x.id order by x.id limit 1`,
      );

      // Each hidden item's text is found nowhere else.
      await db.execute(sql`update contributions set title = ${`Walk ${marker('contribution')}`}, body = ${textOf('contribution', 'body')} where id = ${contribution.id}`);
      await db.execute(sql`update contribution_arguments set text = ${textOf('argument', 'text')} where id = ${argument.id}`);
      await db.execute(sql`update comments set body = ${textOf('comment', 'body')} where id = ${comment.id}`);
      await db.execute(sql`update project_questions set body = ${textOf('question', 'body')} where id = ${question.id}`);
      await db.execute(sql`update project_responses set summary = ${textOf('response', 'summary')}, approach = ${`${marker('response')} approach`} where id = ${response.id}`);
      await db.execute(sql`update events set title = ${`Walk ${marker('event')}`}, description = ${textOf('event', 'description')} where id = ${event.id}`);
      await db.execute(sql`update organizations set description = ${textOf('organization', 'description')} where id = ${organization.id}`);
      await db.execute(sql`update users set display_name = ${`Walk ${marker('user')}`} where id = ${person.id}`);

      const contributionPage = `/contributions/${contribution.id}`;
      hidden.push(
        { kind: 'contribution', id: contribution.id, authorId: contribution.author_id, own: [contributionPage, `/api/v1/contributions/${contribution.id}`], readAt: contributionPage },
        { kind: 'argument', id: argument.id, authorId: argument.author_id, readAt: `/contributions/${argument.contribution_id}` },
        { kind: 'comment', id: comment.id, authorId: comment.author_id, readAt: `/contributions/${comment.contribution_id}` },
        { kind: 'question', id: question.id, authorId: question.author_id, readAt: `/projects/${question.project_id}/questions` },
        { kind: 'response', id: response.id, authorId: response.author_id, own: [`/projects/${response.project_id}/responses/${response.id}`], readAt: `/projects/${response.project_id}/responses/${response.id}` },
        { kind: 'event', id: event.id, authorId: event.author_id, own: [`/events/${event.id}`, `/events/${event.id}/calendar.ics`, `/api/v1/events/${event.id}`, `/api/v1/events/${event.id}/calendar.ics`], readAt: `/events/${event.id}` },
        { kind: 'organization', id: organization.id, authorId: organization.author_id, own: [`/organizations/${organization.slug}`, `/api/v1/organizations/${organization.slug}`], readAt: `/organizations/${organization.slug}` },
        { kind: 'user', id: person.id, authorId: person.id, readAt: `/moderation/accounts/${person.id}` },
      );

      const phase = `/consultations/${contribution.slug}/phases/${contribution.position}`;
      places.push(
        '/',
        '/events',
        '/events?when=past',
        '/organizations',
        phase,
        `/api/v1/consultations/${contribution.slug}/phases/${contribution.position}/contributions`,
        `/consultations/${contribution.slug}`,
        ...hidden.map((h) => h.readAt).filter((url) => !hidden.some((h) => h.own?.includes(url)) && !url.startsWith('/moderation')),
        `/contributions/${person.contribution_id}`,
        `/projects/${question.project_id}`,
        `/projects/${response.project_id}`,
        `/api/v1/projects/${question.project_id}/questions`,
        `/api/v1/projects/${response.project_id}/responses`,
        `/api/v1/contributions/${argument.contribution_id}/arguments`,
        `/api/v1/contributions/${comment.contribution_id}/comments`,
        '/api/v1/events',
        '/api/v1/organizations',
        `/api/v1/organizations?q=${searchWord('organization')}`,
        ...hidden.flatMap((h) => [`/search?q=${searchWord(h.kind)}`, `/api/v1/search?q=${searchWord(h.kind)}`]),
        ...(event.territory_kind && event.territory_code ? [`/events/calendar/${event.territory_kind}/${event.territory_code}`] : []),
      );
      // The walk proves something only if these places show the items before they are hidden.
      const visitor = new Browser(t.app, '10.60.0.3');
      const shownBefore = new Set<ReportableKind>();
      for (const url of places) for (const k of found((await visitor.get(url)).body)) shownBefore.add(k);
      assert.deepEqual([...shownBefore].sort(), hidden.map((h) => h.kind).sort(), 'each item is shown in one of the places before it is hidden');

      moderator = await signedIn(t, moderatorEmail, '10.60.0.1');
      for (const item of hidden) {
        assert.equal((await moderator.post('/reports', { kind: item.kind, id: String(item.id), reason: 'other' }, { csrfFrom: `/reports/new?kind=${item.kind}&id=${item.id}` })).statusCode, 303, `report of ${item.kind}`);
        const { id } = await one<{ id: number }>(sql`select id from moderation_items where kind = ${item.kind} and item_id = ${item.id}`);
        assert.equal((await moderator.post(`/moderation/items/${id}/hide`, { reason }, { csrfFrom: `/moderation/items/${id}` })).statusCode, 303, `hiding of ${item.kind}`);
      }

      await buildArchive(t.app.ctx, platformScope);
      archive = await unzip((await new Browser(t.app, '10.60.0.2').get('/open-data/parvis-open-data.zip')).rawPayload);
    });
    after(() => t?.close());

    for (const role of ['visitor', 'member'] as const) {
      test(`as a ${role}: every hidden item answers 410 at its address, and its text is nowhere`, async () => {
        const browser = role === 'visitor' ? new Browser(t.app, '10.60.1.1') : await signedIn(t, memberEmail, '10.60.1.2');
        for (const url of hidden.flatMap((h) => h.own ?? [])) {
          const answer = await browser.get(url);
          assert.equal(answer.statusCode, 410, `${url} -> ${answer.statusCode}`);
          assert.deepEqual(found(answer.body), [], url);
        }
        for (const url of places) {
          const answer = await browser.get(url);
          assert.ok(answer.statusCode < 400, `${url} -> ${answer.statusCode}`);
          assert.deepEqual(found(answer.body), [], url);
        }
        const pages = await crawl(browser, routePatterns(t.app), ['/'], 120);
        assert.ok(pages.size > 50, `only ${pages.size} pages reached`);
        for (const [url, html] of pages) assert.deepEqual(found(html), [], url);
      });
    }

    test('the open-data archive holds none of it', () => {
      assert.ok(archive.size > 5);
      for (const [name, bytes] of archive) assert.deepEqual(found(bytes.toString('utf8')), [], name);
    });

    test('its author and the moderator still read it, with why it is hidden', async () => {
      for (const [n, item] of hidden.entries()) {
        for (const reader of [item.kind === 'user' ? undefined : await authorBrowser(item, n), moderator]) {
          if (!reader) continue;
          const page = await reader.get(item.readAt);
          assert.equal(page.statusCode, 200, `${item.kind} at ${item.readAt}`);
          assert.ok(found(page.body).includes(item.kind), `${item.kind} read at ${item.readAt}`);
          if (item.kind !== 'user') assert.ok(page.body.includes(reason), `${item.kind}: the reason is shown`);
        }
      }
    });

    async function authorBrowser(item: Hidden, n: number): Promise<Browser> {
      const { email } = await one<{ email: string }>(sql`select email from users where id = ${item.authorId}`);
      return signedIn(t, email, `10.60.2.${n + 1}`);
    }

    test("a blocked account's name reads 'blocked account' wherever it is shown, until it is unblocked", async () => {
      const { id, display_name: name, contribution_id: contributionId } = await one<{ id: number; display_name: string; contribution_id: number }>(
        sql`select u.id, u.display_name, c.id as contribution_id from users u join contributions c on c.author_id = u.id
            where c.state = 'published' and u.platform_role = 'member' and u.blocked_at is null and u.display_name not like 'Walk%' order by c.id limit 1`,
      );
      const visitor = new Browser(t.app, '10.60.3.1');
      const page = `/contributions/${contributionId}`;
      assert.ok((await visitor.get(page)).body.includes(name));
      assert.equal((await moderator.post(`/moderation/accounts/${id}/block`, { reason: 'Spam (walk)' }, { csrfFrom: `/moderation/accounts/${id}` })).statusCode, 303);
      const blocked = await visitor.get(page);
      assert.ok(!blocked.body.includes(name), 'the name is gone');
      assert.match(blocked.body, /Blocked account|Compte bloqué/);
      const api = (await visitor.get(`/api/v1/contributions/${contributionId}`)).json() as { author: string };
      assert.equal(api.author, '', 'the API names nobody');
      assert.equal((await moderator.post(`/moderation/accounts/${id}/unblock`, {}, { csrfFrom: `/moderation/accounts/${id}` })).statusCode, 303);
      assert.ok((await visitor.get(page)).body.includes(name), 'unblocking restores the name');
    });
  });
}
