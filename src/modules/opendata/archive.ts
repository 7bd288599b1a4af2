// The open-data archive, written as a stream: a zip (yazl) whose entries are generators reading one batch of rows at
// a time, so memory stays flat whatever the number of rows; each resource three times — csv/ (UTF-8, commas, as
// RFC 4180), excel/ (BOM, semicolons, CRLF, what Excel opens as is) and json/ (an array of objects) — then the README
// and datapackage.json (Frictionless Data) describing every column, with the counts once they are known.
import { Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import yazl from 'yazl';
import type { Db } from '../../platform/db/client.ts';
import { resourcesFor, type ExportScope, type Field, type Resource, type Row } from './resources.ts';

export const batchSize = 2000;
export const formats = ['csv', 'excel', 'json'] as const;
export type Format = (typeof formats)[number];

export const licence = {
  name: 'Licence Ouverte 2.0 / Open Licence 2.0 (Etalab), compatible ODbL and CC-BY 4.0',
  id: 'etalab-2.0',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
};

/** A cell as text: dates in ISO 8601 (UTC), lists joined by " | ", booleans as true/false, nothing as empty. */
export function cellText(value: unknown, type: Field['type']): string {
  if (value === null || value === undefined) return '';
  if (type === 'datetime') return toIso(value);
  if (type === 'array') return (Array.isArray(value) ? value : parseArray(value)).join(' | ');
  if (type === 'boolean') return value === true || value === 't' || value === 'true' ? 'true' : 'false';
  return String(value);
}

/** The same in JSON: numbers, booleans, lists and null as themselves. */
export function jsonValue(value: unknown, type: Field['type']): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'integer' || type === 'number') return Number(value);
  if (type === 'datetime') return toIso(value);
  if (type === 'array') return Array.isArray(value) ? value : parseArray(value);
  if (type === 'boolean') return value === true || value === 't' || value === 'true';
  return String(value);
}

function toIso(value: unknown): string {
  const date = value instanceof Date ? value : new Date(String(value).replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

/** A text[] read as its literal ({a,"b c"}) by a driver that does not parse it. */
function parseArray(value: unknown): string[] {
  const text = String(value);
  if (!text.startsWith('{')) return [text];
  const inner = text.slice(1, -1);
  if (inner === '') return [];
  return [...inner.matchAll(/"((?:[^"\\]|\\.)*)"|([^,]+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!));
}

/** Excel runs a cell starting with = + - @ (or a tab, a return) as a formula: the Excel variant quotes it with '. */
function excelSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export interface Progress {
  (rows: number): void;
}

/** Every row of a resource, a batch at a time, by keyset on its key. */
export async function* resourceRows(db: Db, resource: Resource, scope: ExportScope): AsyncGenerator<Row[]> {
  let after = 0;
  let left = scope.limitRows ?? Infinity;
  for (;;) {
    if (left <= 0) return;
    let batch = await resource.batch(db, scope, after, Math.min(batchSize, left));
    if (batch.length === 0) return;
    if (resource.grouped && batch.length === batchSize) {
      const last = batch.at(-1)![resource.key];
      const whole = batch.filter((r) => r[resource.key] !== last);
      if (whole.length > 0) batch = whole;
    }
    const full = batch.length === batchSize;
    after = Number(batch.at(-1)![resource.key]);
    const kept = batch.filter((r) => r._keep !== false);
    left -= kept.length;
    if (kept.length) yield kept;
    if (!full && !resource.grouped) return;
  }
}

async function* encode(db: Db, resource: Resource, scope: ExportScope, format: Format, counted: (n: number) => void): AsyncGenerator<Buffer> {
  const names = resource.fields.map((f) => f.name).concat(scope.organizer && resource.name === 'contributions' ? ['author_organizations'] : []);
  const types = new Map(resource.fields.map((f) => [f.name, f.type]));
  const type = (name: string) => types.get(name) ?? 'string';
  if (format === 'json') {
    yield Buffer.from('[');
    let first = true;
    for await (const batch of resourceRows(db, resource, scope)) {
      const text = batch.map((r) => JSON.stringify(Object.fromEntries(names.map((n) => [n, jsonValue(r[n], type(n))])))).join(',\n');
      yield Buffer.from(`${first ? '\n' : ',\n'}${text}`);
      first = false;
      counted(batch.length);
    }
    yield Buffer.from('\n]\n');
    return;
  }
  const excel = format === 'excel';
  const options = excel ? { delimiter: ';', record_delimiter: 'windows' as const, quoted_match: /[;"\r\n]/ } : { delimiter: ',', record_delimiter: 'unix' as const };
  yield Buffer.from((excel ? '\uFEFF' : '') + stringify([names], options));
  for await (const batch of resourceRows(db, resource, scope)) {
    const records = batch.map((r) => names.map((n) => (excel ? excelSafe(cellText(r[n], type(n))) : cellText(r[n], type(n)))));
    yield Buffer.from(stringify(records, options));
    counted(batch.length);
  }
}

export function entryPath(resource: string, format: Format): string {
  return format === 'json' ? `json/${resource}.json` : `${format}/${resource}.csv`;
}

export interface ArchiveMeta {
  title: string;
  description: string;
  /** where the dataset lives, for the README and datapackage.json */
  homepage: string;
  builtAt: Date;
}

/** Writes the archive to `out` and resolves with the rows of each resource once the last byte is out. */
export async function writeArchive(db: Db, scope: ExportScope, meta: ArchiveMeta, out: Writable, progress?: Progress): Promise<Record<string, number>> {
  const zip = new yazl.ZipFile();
  const done = finished(zip.outputStream.pipe(out));
  const counts: Record<string, number> = {};
  const list = resourcesFor(scope);
  const mtime = meta.builtAt;
  for (const resource of list) {
    counts[resource.name] = 0;
    for (const format of formats) {
      const counted = (n: number) => {
        if (format === 'csv') counts[resource.name]! += n;
        progress?.(n);
      };
      // Readable.from pulls the generator only as the zip reads it: one entry, one batch at a time.
      zip.addReadStream(Readable.from(encode(db, resource, scope, format, counted), { objectMode: false }), entryPath(resource.name, format), { mtime, compress: true });
    }
  }
  // The README and the descriptor come last, with the counts: yazl reads an entry's stream only once the entries
  // before it are written, and a generator's body runs at its first read.
  const late = (text: () => string) => Readable.from((async function* () { yield Buffer.from(text()); })(), { objectMode: false });
  zip.addReadStream(late(() => readmeText(meta, list, counts, scope)), 'README.md', { mtime });
  zip.addReadStream(late(() => JSON.stringify(datapackage(meta, list, scope), null, 2)), 'datapackage.json', { mtime });
  zip.on('error', (error: Error) => out.destroy(error));
  zip.end();
  await done;
  return counts;
}

export function datapackage(meta: ArchiveMeta, list: Resource[], scope: Pick<ExportScope, 'organizer'>) {
  const kind = (t: Field['type']) => (t === 'datetime' ? { type: 'datetime', format: 'default' } : t === 'array' ? { type: 'string', description: 'values separated by " | " in CSV, a list in JSON' } : { type: t });
  return {
    profile: 'data-package',
    name: meta.homepage.replace(/^https?:\/\//, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase().replace(/^-|-$/g, ''),
    title: meta.title,
    description: meta.description,
    homepage: meta.homepage,
    created: meta.builtAt.toISOString(),
    licenses: [{ name: licence.id, title: licence.name, path: licence.url }],
    resources: list.flatMap((r) =>
      formats.map((format) => ({
        name: `${r.name}-${format}`.replace(/_/g, '-'),
        title: r.title,
        description: r.description + (scope.organizer && r.name === 'contributions' ? ' (export des organisateurs : avec les organisations des auteurs)' : ''),
        path: entryPath(r.name, format),
        profile: format === 'json' ? 'data-resource' : 'tabular-data-resource',
        format: format === 'json' ? 'json' : 'csv',
        mediatype: format === 'json' ? 'application/json' : 'text/csv',
        encoding: format === 'excel' ? 'utf-8-sig' : 'utf-8',
        ...(format === 'json' ? {} : { dialect: format === 'excel' ? { delimiter: ';', lineTerminator: '\r\n', header: true } : { delimiter: ',', lineTerminator: '\n', header: true } }),
        schema: {
          fields: [...r.fields, ...(scope.organizer && r.name === 'contributions' ? [{ name: 'author_organizations', type: 'string' as const, description: 'Organisations dont l’auteur est membre (export des organisateurs)' }] : [])].map((field) => ({ name: field.name, description: field.description, ...kind(field.type) })),
          ...(r.fields.some((field) => field.name === 'id') ? { primaryKey: 'id' } : {}),
        },
      })),
    ),
  };
}

function readmeText(meta: ArchiveMeta, list: Resource[], counts: Record<string, number>, scope: Pick<ExportScope, 'organizer'>): string {
  const lines = [
    `# ${meta.title}`,
    '',
    meta.description,
    '',
    `Source : ${meta.homepage} — produit le ${meta.builtAt.toISOString()}.`,
    `Licence : ${licence.name} — ${licence.url}`,
    '',
    scope.organizer
      ? 'Export des organisateurs : il contient des informations qui ne sont pas publiques (organisations des auteurs, participation aux ateliers). Ne le publiez pas tel quel.'
      : 'Aucune donnée personnelle : ni adresse électronique, ni identifiant de compte. Une personne est désignée par un pseudonyme stable (le même dans tous les fichiers) et par son nom seulement là où elle a publié sous ce nom. Les contenus masqués par la modération, les brouillons, les doublons fusionnés et les commentaires supprimés sont exclus.',
    '',
    '## Formats',
    '',
    '- `csv/` : CSV UTF-8, séparateur virgule, fin de ligne LF (RFC 4180).',
    "- `excel/` : CSV pour Excel — UTF-8 avec BOM, séparateur point-virgule, fin de ligne CRLF ; une cellule qui commence par = + - @ est précédée d'une apostrophe pour qu'Excel ne l'exécute pas.",
    '- `json/` : un tableau d’objets par fichier ; nombres, booléens, listes et valeurs absentes (null) y gardent leur type.',
    '- `datapackage.json` : la description de chaque fichier et de chaque colonne (Frictionless Data).',
    '',
    'Dates en ISO 8601 (UTC). Dans les CSV, les listes sont séparées par « | ».',
    '',
    '## Fichiers',
    '',
  ];
  for (const r of list) {
    lines.push(`### ${r.name} — ${r.title} (${counts[r.name] ?? 0} lignes)`, '', r.description, '', '| colonne | type | description |', '|---|---|---|');
    for (const field of r.fields) lines.push(`| ${field.name} | ${field.type} | ${field.description} |`);
    if (scope.organizer && r.name === 'contributions') lines.push('| author_organizations | string | Organisations dont l’auteur est membre |');
    lines.push('');
  }
  return lines.join('\n');
}
