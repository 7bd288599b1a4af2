// The open-data archive: built by the job into chunks and served with an ETag; its CSV and JSON parse back (with a
// CSV library) to the rows of the database; no e-mail, no hidden content anywhere in it; the Excel variant has its BOM
// and semicolons; datapackage.json describes every column; the organizers' export is theirs and audited.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { unzip } from '../../../test/support/zip.ts';
import { consultationFixture, roleFixture, type RoleFixture } from '../../../test/support/roles.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { rows } from '../../platform/db/client.ts';
import { comments, consultations, contributions, phases } from '../consultations/schema.ts';
import { buildArchive, consultationScope, platformScope, sweepArchives } from './service.ts';

async function download(browser: Browser, url: string, headers: Record<string, string> = {}) {
  const response = await browser.app.inject({ method: 'GET', url, headers });
  return response;
}

for (const kind of testDatabases()) {
  describe(`open data on ${kind}`, () => {
    let t: TestApp;
    let f: RoleFixture;
    let slug: string;
    let consultationId: number;
    let files: Map<string, Buffer>;
    before(async () => {
      t = await testApp(kind);
      f = await roleFixture(t.app, 'od');
      slug = (await consultationFixture(t.app, f.organizationSlug, f.userIds.orgAdmin)).slug;
      const db = t.app.ctx.db;
      const [c] = await db.select().from(consultations).where(eq(consultations.slug, slug));
      consultationId = c!.id;
      const [p] = await db.select().from(phases).where(eq(phases.consultationId, c!.id)).orderBy(phases.position);
      const base = { consultationId: c!.id, phaseId: p!.id, kind: 'need' as const, authorId: f.userIds.member, body: 'Un texte assez long, avec "guillemets", virgules; points-virgules\net retour à la ligne.' };
      await db.insert(contributions).values([
        { ...base, title: '=HYPERLINK("http://x") formule' },
        { ...base, title: 'Brouillon secret', state: 'draft' },
        { ...base, title: 'Doublon fusionné secret', mergedIntoId: 1 },
        { ...base, title: 'Accents é à ç ; et émoji 🚲' },
      ]);
      const [visible] = await db.select().from(contributions).where(eq(contributions.title, 'Accents é à ç ; et émoji 🚲'));
      await db.insert(comments).values([
        { contributionId: visible!.id, authorId: f.userIds.member, body: 'Commentaire supprimé secret', deletedAt: new Date() },
        { contributionId: visible!.id, authorId: f.userIds.member, body: 'Commentaire gardé' },
      ]);
      const archive = await buildArchive(t.app.ctx, consultationScope(consultationId));
      assert.equal(archive.status, 'ready');
      const response = await download(new Browser(t.app, '10.40.0.1'), `/consultations/${slug}/open-data.zip`);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'application/zip');
      files = await unzip(response.rawPayload);
    });
    after(() => t.close());

    test('the archive holds every resource in three formats, a README and datapackage.json', () => {
      for (const name of ['consultations', 'phases', 'themes', 'contributions', 'contribution_themes', 'contribution_links', 'arguments', 'comments', 'syntheses', 'synthesis_citations', 'events', 'event_contributions', 'organizations']) {
        for (const path of [`csv/${name}.csv`, `excel/${name}.csv`, `json/${name}.json`]) assert.ok(files.has(path), path);
      }
      assert.ok(!files.has('csv/attendance.csv'), 'attendance is for organizers');
      assert.ok(!files.has('csv/projects.csv'), 'projects belong to the platform archive');
      const readme = files.get('README.md')!.toString();
      assert.match(readme, /Licence Ouverte 2\.0/);
      assert.match(readme, /### contributions — Contributions \(3 lignes\)/);
      const descriptor = JSON.parse(files.get('datapackage.json')!.toString());
      const contributionsCsv = descriptor.resources.find((r: { path: string }) => r.path === 'csv/contributions.csv');
      const header = parseCsv(files.get('csv/contributions.csv')!, { to_line: 1 })[0];
      assert.deepEqual(contributionsCsv.schema.fields.map((x: { name: string }) => x.name), header, 'every column described');
      assert.equal(descriptor.licenses[0].name, 'etalab-2.0');
    });

    test('CSV and JSON parse back to the rows of the database', async () => {
      const db = t.app.ctx.db;
      const expected = await rows<{ id: number; title: string; body: string; agree: number }>(db, sql`select id, title, body, t.agree from contributions join contribution_tallies t on t.contribution_id = id where consultation_id = ${consultationId} and state = 'published' and merged_into_id is null order by id`);
      const csv = parseCsv(files.get('csv/contributions.csv')!, { columns: true }) as Record<string, string>[];
      const json = JSON.parse(files.get('json/contributions.json')!.toString()) as Record<string, unknown>[];
      assert.deepEqual(csv.map((r) => [Number(r.id), r.title, r.body, Number(r.agree)]), expected.map((r) => [r.id, r.title, r.body, r.agree]));
      assert.deepEqual(json.map((r) => [r.id, r.title, r.body, r.agree]), expected.map((r) => [r.id, r.title, r.body, r.agree]));
      // Every CSV says the same as its JSON, cell for cell.
      for (const [path, content] of files) {
        if (!path.startsWith('csv/')) continue;
        const name = path.slice(4, -4);
        const fromCsv = parseCsv(content, { columns: true }) as Record<string, string>[];
        const fromJson = JSON.parse(files.get(`json/${name}.json`)!.toString()) as Record<string, unknown>[];
        assert.equal(fromCsv.length, fromJson.length, name);
        fromJson.forEach((row, i) => {
          for (const [key, value] of Object.entries(row)) {
            const text = value === null ? '' : Array.isArray(value) ? value.join(' | ') : String(value);
            assert.equal(fromCsv[i]![key], text, `${name}[${i}].${key}`);
          }
        });
      }
      const keptComments = JSON.parse(files.get('json/comments.json')!.toString()) as { body: string; author: string }[];
      assert.deepEqual(keptComments.map((c) => c.body).sort(), ['Commentaire gardé', 'Un commentaire.']);
    });

    test('no e-mail, no account id, no hidden content anywhere in the archive', async () => {
      const everything = [...files.values()].map((b) => b.toString()).join('\n');
      assert.doesNotMatch(everything, /@example\.org/);
      assert.doesNotMatch(everything, /secret/i);
      assert.doesNotMatch(everything, /author_id|user_id|email/);
      const json = JSON.parse(files.get('json/contributions.json')!.toString()) as { author: string | null; author_name: string | null }[];
      assert.ok(json.every((r) => r.author === null || /^[0-9a-f]{16}$/.test(r.author)), 'pseudonyms only');
      const member = json.filter((r) => r.author_name === 'od-member');
      assert.ok(member.length >= 2 && new Set(member.map((r) => r.author)).size === 1, 'one person, one stable pseudonym');
      const inComments = JSON.parse(files.get('json/comments.json')!.toString()) as { author: string; author_name: string }[];
      assert.equal(inComments.find((c) => c.author_name === 'od-member')?.author, member[0]!.author, 'the same pseudonym across files');
    });

    test('the Excel variant opens with a BOM and semicolons, and defuses formulas', () => {
      const excel = files.get('excel/contributions.csv')!;
      assert.deepEqual([...excel.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const text = excel.toString('utf8').slice(1);
      assert.match(text.split('\r\n')[0]!, /^id;consultation_id;phase_id;kind;title;/);
      const parsed = parseCsv(text, { columns: true, delimiter: ';' }) as Record<string, string>[];
      assert.ok(parsed.some((r) => r.title === `'=HYPERLINK("http://x") formule`));
      assert.ok(parsed.some((r) => r.title === 'Accents é à ç ; et émoji 🚲'));
    });

    test('served with an ETag; the job makes missing archives; the catalogue in DCAT', async () => {
      const visitor = new Browser(t.app, '10.40.0.2');
      const first = await download(visitor, `/consultations/${slug}/open-data.zip`);
      const again = await download(visitor, `/consultations/${slug}/open-data.zip`, { 'if-none-match': String(first.headers.etag) });
      assert.equal(again.statusCode, 304);
      const due = await sweepArchives(t.app.ctx);
      assert.ok(due.includes(platformScope), 'the platform archive is asked for');
      await t.app.ctx.jobs.drainAll();
      const platform = await download(visitor, '/open-data/parvis-open-data.zip');
      assert.equal(platform.statusCode, 200);
      const all = await unzip(platform.rawPayload);
      assert.ok(all.has('csv/projects.csv') && all.has('json/organizations.json'));
      const catalog = JSON.parse((await visitor.get('/open-data/catalog.jsonld')).body);
      assert.equal(catalog['@type'], 'dcat:Catalog');
      assert.ok(catalog['dcat:dataset'].some((d: { 'dcat:distribution': { 'dcat:downloadURL': { '@id': string } }[] }) => d['dcat:distribution'][0]!['dcat:downloadURL']['@id'].endsWith(`/consultations/${slug}/open-data.zip`)));
      const page = await visitor.get('/open-data');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /parvis-open-data\.zip/);
      const api = JSON.parse((await visitor.get(`/api/v1/open-data/contributions?consultation=${slug}&limit=2`)).body);
      assert.equal(api.items.length, 2);
      const next = JSON.parse((await visitor.get(`/api/v1/open-data/contributions?consultation=${slug}&limit=2&after=${api.next}`)).body);
      assert.ok(next.items.every((i: { id: number }) => i.id > api.next));
      assert.equal((await visitor.get('/api/v1/open-data/contributions?limit=5000')).statusCode, 400);
    });

    test("the organizers' export adds what is not public, and is audited", async () => {
      const url = `/consultations/${slug}/open-data`;
      const response = await f.browsers.orgAdmin.post(`/consultations/${slug}/export.zip`, {}, { csrfFrom: url });
      assert.equal(response.statusCode, 200);
      const organizer = await unzip(response.rawPayload);
      assert.ok(organizer.has('csv/attendance.csv'));
      assert.match(parseCsv(organizer.get('csv/contributions.csv')!, { to_line: 1 })[0]!.join(','), /author_organizations/);
      const [audit] = await t.app.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'opendata.export'));
      assert.equal(audit?.actorId, f.userIds.orgAdmin);
      assert.equal((await f.browsers.member.post(`/consultations/${slug}/export.zip`, {}, { csrfFrom: url })).statusCode, 403);
    });
  });
}
