// The official geography (COG) from @etalab/decoupage-administratif, held in memory and searched by name or code.
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

interface Indexed {
  territory: Territory;
  /** lower-case, accent-free name with punctuation folded to spaces */
  folded: string;
  /** communes weigh by population so "Lyon" comes before "Lyons-la-Forêt" */
  weight: number;
}

interface Geography {
  all: Indexed[];
  byKey: Map<string, Territory>;
}

const kindRank: Record<TerritoryKind, number> = { region: 0, departement: 1, epci: 2, commune: 3 };

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
interface RawData {
  regions: RawArea[];
  departements: RawArea[];
  epcis: RawEpci[];
  communes: RawCommune[];
}

const files = { regions: 'regions.json', departements: 'departements.json', epcis: 'epci.json', communes: 'communes.json' } as const;

function build(raw: RawData): Geography {
  const epciOf = new Map<string, string>();
  for (const epci of raw.epcis) for (const member of epci.membres) epciOf.set(member.code, epci.code);
  const all: Indexed[] = [];
  const add = (territory: Territory, weight: number) => all.push({ territory, folded: fold(territory.name), weight });
  for (const region of raw.regions) add({ kind: 'region', code: region.code, name: region.nom }, 0);
  for (const dep of raw.departements) add({ kind: 'departement', code: dep.code, name: dep.nom, region: dep.region }, 0);
  for (const epci of raw.epcis) add({ kind: 'epci', code: epci.code, name: epci.nom }, epci.populationTotale ?? 0);
  for (const commune of raw.communes) {
    // Delegated and associated communes and municipal districts are not territories one can pick.
    if (commune.type !== 'commune-actuelle') continue;
    add({ kind: 'commune', code: commune.code, name: commune.nom, departement: commune.departement, region: commune.region, epci: epciOf.get(commune.code) }, commune.population ?? 0);
  }
  return { all, byKey: new Map(all.map((entry) => [`${entry.territory.kind}:${entry.territory.code}`, entry.territory])) };
}

let geography: Geography | undefined;
function data(): Geography {
  if (!geography) {
    const read = (name: string) => JSON.parse(readFileSync(join(dataDir(), name), 'utf8'));
    geography = build({ regions: read(files.regions), departements: read(files.departements), epcis: read(files.epcis), communes: read(files.communes) });
  }
  return geography;
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Loads the geography when the app starts, reading and parsing one file at a time and yielding in between,
 * so the ~12 MB of JSON never holds the event loop for long; the first search would otherwise pay for it.
 */
export async function loadTerritories(): Promise<void> {
  if (geography) return;
  const raw: Partial<RawData> = {};
  for (const [key, name] of Object.entries(files) as [keyof RawData, string][]) {
    const text = await readFile(join(dataDir(), name), 'utf8');
    await pause();
    (raw as Record<string, unknown>)[key] = JSON.parse(text);
    await pause();
  }
  geography ??= build(raw as RawData);
}

export function getTerritory(kind: string, code: string): Territory | undefined {
  return data().byKey.get(`${kind}:${code}`);
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

/**
 * Exact codes first, then names that start with the query, then names that contain it;
 * within each, larger areas before smaller and more populated before less.
 */
export function searchTerritories(query: string, limit = 10): Territory[] {
  const q = fold(query);
  if (q.length === 0) return [];
  const code = query.trim().toUpperCase();
  const scored: { entry: Indexed; score: number }[] = [];
  for (const entry of data().all) {
    let score: number;
    if (entry.territory.code === code) score = 0;
    else if (entry.folded === q) score = 1;
    else if (entry.folded.startsWith(q)) score = 2;
    else if (entry.folded.includes(` ${q}`)) score = 3;
    else if (q.length >= 3 && entry.folded.includes(q)) score = 4;
    else if (/^\d{3,}/.test(code) && entry.territory.code.startsWith(code)) score = 5;
    else continue;
    scored.push({ entry, score });
  }
  scored.sort((a, b) => a.score - b.score || kindRank[a.entry.territory.kind] - kindRank[b.entry.territory.kind] || b.entry.weight - a.entry.weight || a.entry.folded.localeCompare(b.entry.folded));
  return scored.slice(0, Math.max(1, Math.min(limit, 50))).map((s) => s.entry.territory);
}

/**
 * Every territory code that lies within the ones carrying this code (a region holds its départements and
 * communes, a département or an EPCI its communes), so a directory filtered on "13" finds Marseille's organizations.
 */
export function codesWithin(code: string): string[] {
  const codes = new Set<string>([code]);
  for (const { territory: t } of data().all) {
    if (t.kind === 'commune' && (t.departement === code || t.region === code || t.epci === code)) {
      codes.add(t.code);
      if (t.epci && t.region === code) codes.add(t.epci);
    }
    if (t.kind === 'departement' && t.region === code) codes.add(t.code);
  }
  return [...codes];
}
