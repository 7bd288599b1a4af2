// The official geography (COG) from @etalab/decoupage-administratif, held in memory and searched by name or code.
// The 36,000 territories are kept in a few flat columns (one string of folded names searched with indexOf, typed
// arrays, one string per code) rather than three objects each: 3 MB of heap instead of 11 MB, and a search in a
// fraction of a millisecond. A Territory object is made when one is asked for.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TerritoryKind } from '../organizations/schema.ts';

export interface Territory {
  kind: TerritoryKind;
  code: string;
  name: string;
  /** for communes: where they sit, so matching can say "same département" or "same région" */
  departement?: string;
  region?: string;
  epci?: string;
}

/** In the order searches rank them: larger areas first. A kind's number is its rank. */
const kinds = ['region', 'departement', 'epci', 'commune'] as const satisfies readonly TerritoryKind[];
const [regionKind, departementKind, epciKind, communeKind] = [0, 1, 2, 3];

interface Geography {
  size: number;
  kind: Uint8Array;
  /** communes and EPCI weigh by population so "Lyon" comes before "Lyons-la-Forêt" */
  weight: Float64Array;
  code: string[];
  /** "\n" + each name + "\n" …; names[nameStart[i] .. nameStart[i + 1] - 1) is territory i's */
  names: string;
  nameStart: Uint32Array;
  /** the same for the lower-case, accent-free names with punctuation folded to spaces, which searches scan */
  folded: string;
  foldedStart: Uint32Array;
  /** where a commune sits (a département: its region), as codes shared between territories */
  departement: (string | undefined)[];
  region: (string | undefined)[];
  epci: (string | undefined)[];
  /** territories of kind k are [kindStart[k], kindStart[k + 1]), sorted by code */
  kindStart: number[];
}

/** Folds case, accents and punctuation so "Bouches du Rhone" finds "Bouches-du-Rhône". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[''`\-_.,/()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// The package's main entry fails to load under ESM, so its data files are read directly.
const require = createRequire(import.meta.url);
const dataDir = () => join(dirname(require.resolve('@etalab/decoupage-administratif/package.json')), 'data');

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  population?: number;
}
interface RawEpci {
  code: string;
  nom: string;
  populationTotale?: number;
  membres: { code: string }[];
}
interface RawArea {
  code: string;
  nom: string;
  region?: string;
}

const files = { regions: 'regions.json', departements: 'departements.json', epcis: 'epci.json', communes: 'communes.json' } as const;
type FileKey = keyof typeof files;
const fileList = Object.entries(files) as [FileKey, string][];

/** One territory as read, before it goes into the columns. */
interface Row {
  kind: number;
  code: string;
  name: string;
  weight: number;
  departement?: string;
  region?: string;
  epci?: string;
}

/**
 * The rows of one file. The files hold one object a line, so each line is decoded and parsed alone and dropped at
 * once: the file stays bytes outside the JS heap (as a string, communes.json alone was 17 MB, for it holds characters
 * beyond Latin-1), and parsing a whole file made some 60 MB of objects (every field of 37,000 communes) for the few
 * kept here. Should a version of the package lay its files out otherwise, the whole file is parsed instead.
 */
function parseRows<T, R>(bytes: Buffer, pick: (raw: T) => R | undefined): R[] {
  const rows: R[] = [];
  try {
    for (let start = 0; start < bytes.length; ) {
      const newline = bytes.indexOf(10, start);
      const end = newline === -1 ? bytes.length : newline;
      const item = bytes.toString('utf8', start, end).trim().replace(/,$/, '');
      start = end + 1;
      if (item === '' || item === '[' || item === ']') continue;
      const row = pick(JSON.parse(item) as T);
      if (row) rows.push(row);
    }
    return rows;
  } catch {
    return (JSON.parse(bytes.toString('utf8')) as T[]).flatMap((raw) => pick(raw) ?? []);
  }
}

/** Turns each file into rows as soon as it is read, so that only one file is held at a time. */
function reader() {
  // Codes repeat (a département's code in each of its communes): each is kept once.
  const shared = new Map<string, string>();
  const intern = (code: string | undefined) => {
    if (code === undefined) return undefined;
    const known = shared.get(code);
    if (known !== undefined) return known;
    shared.set(code, code);
    return code;
  };
  const epciOf = new Map<string, string>();
  const rows: Row[] = [];
  // In the order of `files`: the EPCI are read before the communes that belong to them.
  const parsers: Record<FileKey, (bytes: Buffer) => Row[]> = {
    regions: (bytes) => parseRows<RawArea, Row>(bytes, (r) => ({ kind: regionKind, code: r.code, name: r.nom, weight: 0 })),
    departements: (bytes) => parseRows<RawArea, Row>(bytes, (d) => ({ kind: departementKind, code: d.code, name: d.nom, weight: 0, region: intern(d.region) })),
    epcis: (bytes) =>
      parseRows<RawEpci, Row>(bytes, (e) => {
        for (const member of e.membres) epciOf.set(member.code, e.code);
        return { kind: epciKind, code: intern(e.code)!, name: e.nom, weight: e.populationTotale ?? 0 };
      }),
    // Delegated and associated communes and municipal districts are not territories one can pick.
    communes: (bytes) =>
      parseRows<RawCommune, Row>(bytes, (c) =>
        c.type === 'commune-actuelle'
          ? { kind: communeKind, code: c.code, name: c.nom, weight: c.population ?? 0, departement: intern(c.departement), region: intern(c.region), epci: intern(epciOf.get(c.code)) }
          : undefined,
      ),
  };
  return {
    read: (key: FileKey, bytes: Buffer) => {
      for (const row of parsers[key](bytes)) rows.push(row);
    },
    build: () => build(rows),
  };
}

function build(rows: Row[]): Geography {
  rows.sort((a, b) => a.kind - b.kind || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const size = rows.length;
  const geography: Geography = {
    size,
    kind: new Uint8Array(size),
    weight: new Float64Array(size),
    code: new Array<string>(size),
    names: '',
    nameStart: new Uint32Array(size + 1),
    folded: '',
    foldedStart: new Uint32Array(size + 1),
    departement: new Array<string | undefined>(size).fill(undefined),
    region: new Array<string | undefined>(size).fill(undefined),
    epci: new Array<string | undefined>(size).fill(undefined),
    kindStart: [],
  };
  const names: string[] = [];
  const folded: string[] = [];
  let nameAt = 1;
  let foldedAt = 1;
  rows.forEach((row, i) => {
    while (geography.kindStart.length <= row.kind) geography.kindStart.push(i);
    geography.kind[i] = row.kind;
    geography.weight[i] = row.weight;
    geography.code[i] = row.code;
    geography.departement[i] = row.departement;
    geography.region[i] = row.region;
    geography.epci[i] = row.epci;
    const foldedName = fold(row.name);
    names.push(row.name);
    folded.push(foldedName);
    geography.nameStart[i] = nameAt;
    geography.foldedStart[i] = foldedAt;
    nameAt += row.name.length + 1;
    foldedAt += foldedName.length + 1;
  });
  while (geography.kindStart.length <= kinds.length) geography.kindStart.push(size);
  geography.nameStart[size] = nameAt;
  geography.foldedStart[size] = foldedAt;
  // Joined once into flat strings, which hold no pointer to the parsed lines they came from.
  geography.names = `\n${names.join('\n')}\n`;
  geography.folded = `\n${folded.join('\n')}\n`;
  return geography;
}

let geography: Geography | undefined;
function data(): Geography {
  if (!geography) {
    const parsed = reader();
    for (const [key, name] of fileList) parsed.read(key, readFileSync(join(dataDir(), name)));
    geography = parsed.build();
  }
  return geography;
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Loads the geography when the app starts, reading one file at a time and yielding in between, so the ~12 MB of
 * JSON never holds the event loop for long; the first search would otherwise pay for it.
 */
export async function loadTerritories(): Promise<void> {
  if (geography) return;
  const parsed = reader();
  for (const [key, name] of fileList) {
    parsed.read(key, await readFile(join(dataDir(), name)));
    await pause();
  }
  geography ??= parsed.build();
}

function nameOf(g: Geography, i: number): string {
  return g.names.slice(g.nameStart[i], g.nameStart[i + 1]! - 1);
}

function foldedOf(g: Geography, i: number): string {
  return g.folded.slice(g.foldedStart[i], g.foldedStart[i + 1]! - 1);
}

/** The same object, field for field, as the one each kind always had. */
function territoryAt(g: Geography, i: number): Territory {
  const kind = g.kind[i]!;
  const base = { kind: kinds[kind]!, code: g.code[i]!, name: nameOf(g, i) };
  if (kind === communeKind) return { ...base, departement: g.departement[i], region: g.region[i], epci: g.epci[i] };
  if (kind === departementKind) return { ...base, region: g.region[i] };
  return base;
}

/** The index of a territory by kind and code (binary search in its kind's sorted codes), or -1. */
function find(g: Geography, kind: number, code: string): number {
  let low = g.kindStart[kind]!;
  let high = g.kindStart[kind + 1]! - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = g.code[middle]!;
    if (at === code) return middle;
    if (at < code) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

export function getTerritory(kind: string, code: string): Territory | undefined {
  const rank = (kinds as readonly string[]).indexOf(kind);
  if (rank < 0) return undefined;
  const g = data();
  const i = find(g, rank, code);
  return i < 0 ? undefined : territoryAt(g, i);
}

/** "commune:69123" -> the territory, or undefined for anything unknown. */
export function parseTerritoryKey(key: string | undefined): Territory | undefined {
  if (!key) return undefined;
  const [kind, code] = key.split(':');
  return kind && code ? getTerritory(kind, code) : undefined;
}

export function territoryKey(territory: Pick<Territory, 'kind' | 'code'>): string {
  return `${territory.kind}:${territory.code}`;
}

/** The territory whose folded name holds position `at` of the folded string: the last one starting at or before it. */
function entryAt(g: Geography, at: number): number {
  let low = 0;
  let high = g.size - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (g.foldedStart[middle]! <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Exact codes first, then names that start with the query, then names that contain it;
 * within each, larger areas before smaller and more populated before less.
 */
export function searchTerritories(query: string, limit = 10): Territory[] {
  const q = fold(query);
  if (q.length === 0) return [];
  const g = data();
  const code = query.trim().toUpperCase();
  const scores = new Map<number, number>();
  const note = (i: number, score: number) => {
    const had = scores.get(i);
    if (had === undefined || score < had) scores.set(i, score);
  };
  for (let kind = 0; kind < kinds.length; kind++) {
    const i = find(g, kind, code);
    if (i >= 0) note(i, 0);
  }
  // Every place the folded query occurs; it holds no line break, so each lies within one name.
  for (let at = g.folded.indexOf(q); at !== -1; at = g.folded.indexOf(q, at + 1)) {
    const before = g.folded.charCodeAt(at - 1);
    const atStart = before === 10; // "\n": the name starts with the query
    if (!atStart && before !== 32 && q.length < 3) continue;
    const i = entryAt(g, at);
    if (atStart) note(i, g.foldedStart[i + 1]! - 1 - at === q.length ? 1 : 2);
    else note(i, before === 32 ? 3 : 4);
  }
  if (/^\d{3,}/.test(code)) {
    for (let i = 0; i < g.size; i++) if (g.code[i]!.startsWith(code)) note(i, 5);
  }
  const scored = [...scores].map(([i, score]) => ({ i, score, folded: foldedOf(g, i) }));
  scored.sort((a, b) => a.score - b.score || g.kind[a.i]! - g.kind[b.i]! || g.weight[b.i]! - g.weight[a.i]! || a.folded.localeCompare(b.folded) || a.i - b.i);
  return scored.slice(0, Math.max(1, Math.min(limit, 50))).map((s) => territoryAt(g, s.i));
}

/**
 * Every territory code that lies within the ones carrying this code (a region holds its départements and
 * communes, a département or an EPCI its communes), so a directory filtered on "13" finds Marseille's organizations.
 */
export function codesWithin(code: string): string[] {
  const g = data();
  const codes = new Set<string>([code]);
  for (let i = g.kindStart[departementKind]!; i < g.kindStart[departementKind + 1]!; i++) if (g.region[i] === code) codes.add(g.code[i]!);
  for (let i = g.kindStart[communeKind]!; i < g.kindStart[communeKind + 1]!; i++) {
    const epci = g.epci[i];
    if (g.departement[i] === code || g.region[i] === code || epci === code) {
      codes.add(g.code[i]!);
      if (epci && g.region[i] === code) codes.add(epci);
    }
  }
  return [...codes];
}
