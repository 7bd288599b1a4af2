// A workshop's CSV import guesses its columns from the usual French and English headers (whatever their case and
// accents), so a "texte" or "auteur" column is not left on "no column" and its text dropped; a themes column gives
// each contribution the consultation's themes, by label or slug, an unknown one reported on its row; a territory
// column, by name, overrides the event's.
import assert from 'node:assert/strict';
import { eq, inArray } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { consultationFixture, makeOrganization, makeUser, signIn } from '../../../test/support/roles.ts';
import { consultationThemes, contributions, contributionThemes } from '../consultations/schema.ts';
import { eventFixture } from './fixture.ts';
import { guessMapping, type Mapping } from './offline.ts';
import { eventContributions } from './schema.ts';

const none = { body: null, participant: null, kind: null, themes: null, territory: null };

describe('guessing the column mapping', () => {
  const table: [string[], Mapping][] = [
    [['Titre', 'Texte', 'Auteur', 'Thème'], { ...none, title: 0, body: 1, participant: 2, themes: 3 }],
    [['title', 'body', 'author', 'themes', 'territory', 'kind'], { title: 0, body: 1, participant: 2, themes: 3, territory: 4, kind: 5 }],
    [['INTITULÉ', 'Contenu', 'Participant', 'Thèmes', 'Commune', 'Type'], { title: 0, body: 1, participant: 2, themes: 3, territory: 4, kind: 5 }],
    [['Nom', 'Intitulé de l’idée', 'Description', 'Thématiques'], { ...none, title: 1, body: 2, participant: 0, themes: 3 }],
    [['Proposition', 'Titre court', 'Nom du participant', 'Thème(s)', 'Territoire'], { ...none, title: 1, body: 0, participant: 2, themes: 3, territory: 4 }],
    [['  texte ', 'TITRE'], { ...none, title: 1, body: 0 }],
    [['Theme', 'Titre', 'Texte de la proposition', 'Kind'], { ...none, title: 1, body: 2, themes: 0, kind: 3 }],
    [['Post-it', 'Détails'], { ...none, title: 0, body: 1 }],
    [['Colonne A', 'Colonne B'], { ...none, title: 0 }],
    [['Texte', 'Texte'], { ...none, title: 1, body: 0 }],
    [['Auteur', 'Post-its'], { ...none, title: 1, participant: 0 }],
    [['Texte'], { ...none, title: 0, body: 0 }],
  ];
  for (const [header, mapping] of table) test(header.join(' | '), () => assert.deepEqual(guessMapping(header), mapping));
});

function multipart(csrf: string, data: Buffer) {
  const boundary = '----parvis-import-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="atelier.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The values of the mapping's selects as the preview chose them. */
function chosen(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<select[^>]*name="(\w+)"[^>]*>([\s\S]*?)<\/select>/g)) out[m[1]!] = /<option value="([^"]*)"[^>]*selected/.exec(m[2]!)?.[1] ?? '';
  return out;
}

for (const kind of testDatabases()) {
  describe(`a CSV import with "texte", "auteur" and "thème" columns, on ${kind}`, () => {
    let t: TestApp;
    let animator: Browser;
    let eventId: number;
    let consultationId: number;

    before(async () => {
      t = await testApp(kind);
      const animatorId = await makeUser(t.app, 'im-animator@example.org');
      await makeOrganization(t.app, 'im-reseau', animatorId, 'reseau');
      const f = await consultationFixture(t.app, 'im-reseau', animatorId, 'im-consultation');
      consultationId = (await t.app.ctx.db.select({ id: contributions.consultationId }).from(contributions).where(eq(contributions.id, f.contributionId)))[0]!.id;
      await t.app.ctx.db.insert(consultationThemes).values({ consultationId, slug: 'eau-potable', label: 'Eau potable' });
      eventId = (await eventFixture(t.app, 'im-reseau', { consultationId, title: 'Atelier de l’eau' })).eventId;
      animator = await signIn(t.app, 'im-animator@example.org', '10.10.0.1');
    });
    after(() => t.close());

    test('the columns are guessed, an unknown theme is reported on its row, and the fixed file stores bodies, authors, themes and territories', async () => {
      const csrf = await animator.csrf(`/events/${eventId}/import`);
      const file = (third: string) =>
        Buffer.from(
          `Titre;Texte;Auteur;Thème;Commune\n` +
            `Fontaines;Des fontaines d'eau potable dans chaque parc;Ana;eau-potable;\n` +
            `Pistes cyclables;Des pistes séparées des voitures, en continu;Karim;"MOBILITE ; eau potable";Villeurbanne\n` +
            `Bancs;Plus de bancs à l'ombre;;${third};\n`,
          'utf8',
        );
      const preview = await animator.request({ method: 'POST', url: `/events/${eventId}/import`, ...multipart(csrf, file('Ombrage')) });
      assert.equal(preview.statusCode, 200);
      assert.deepEqual(chosen(preview.body), { title: '0', body: '1', participant: '2', kind: '', themes: '3', territory: '4' }, 'every column guessed from its header');
      assert.match(preview.body, /1 ligne à corriger/);
      assert.match(preview.body, /Ligne 4 :[\s\S]*?Thèmes[\s\S]*?Le thème « Ombrage » n&#39;existe pas|Ligne 4 :[\s\S]*?Thèmes[\s\S]*?Le thème « Ombrage » n'existe pas/);
      const data = /name="data" value="([^"]+)"/.exec(preview.body)![1]!;
      const refused = await animator.post(`/events/${eventId}/import/confirm`, { data, ...chosen(preview.body), action: 'import' }, { csrf });
      assert.equal(refused.statusCode, 422);

      const fixed = await animator.request({ method: 'POST', url: `/events/${eventId}/import`, ...multipart(csrf, file('Mobilité')) });
      assert.match(fixed.body, /3 contributions prêtes à importer/);
      const data2 = /name="data" value="([^"]+)"/.exec(fixed.body)![1]!;
      const imported = await animator.post(`/events/${eventId}/import/confirm`, { data: data2, ...chosen(fixed.body), action: 'import' }, { csrf });
      assert.equal(imported.statusCode, 303);

      const db = t.app.ctx.db;
      const rows = await db
        .select({ id: contributions.id, title: contributions.title, body: contributions.body, territoryCode: contributions.territoryCode, participant: eventContributions.participantName })
        .from(eventContributions)
        .innerJoin(contributions, eq(contributions.id, eventContributions.contributionId))
        .where(eq(eventContributions.eventId, eventId))
        .orderBy(contributions.id);
      assert.deepEqual(rows.map((r) => [r.title, r.body, r.participant, r.territoryCode]), [
        ['Fontaines', "Des fontaines d'eau potable dans chaque parc", 'Ana', '69123'],
        ['Pistes cyclables', 'Des pistes séparées des voitures, en continu', 'Karim', '69266'],
        ['Bancs', "Plus de bancs à l'ombre", null, '69123'],
      ]);
      const themes = await db
        .select({ contributionId: contributionThemes.contributionId, slug: consultationThemes.slug })
        .from(contributionThemes)
        .innerJoin(consultationThemes, eq(consultationThemes.id, contributionThemes.themeId))
        .where(inArray(contributionThemes.contributionId, rows.map((r) => r.id)));
      const slugsOf = (id: number) => themes.filter((x) => x.contributionId === id).map((x) => x.slug).sort();
      assert.deepEqual(rows.map((r) => slugsOf(r.id)), [['eau-potable'], ['eau-potable', 'mobilite'], ['mobilite']]);
    });

    test('a territory nobody is called is reported on its row', async () => {
      const csrf = await animator.csrf(`/events/${eventId}/import`);
      const preview = await animator.request({ method: 'POST', url: `/events/${eventId}/import`, ...multipart(csrf, Buffer.from('title;body;territory\nUn titre;Un texte;Nullepart-sur-Rien\n', 'utf8')) });
      assert.match(preview.body, /Ligne 2 :[\s\S]*?Territoire[\s\S]*?Nullepart-sur-Rien/);
    });
  });
}
