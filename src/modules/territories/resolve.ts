// What a person typed in a territory field, read as one territory or as the few it could mean. Forms and filters
// show names, so the text may be a name, an official code, a "kind:code" key (links, the API) or the label the
// field itself shows ("Villeurbanne (commune, 69266)"), in either language.
import { fold, getTerritory, parseTerritoryKey, searchTerritories, territoryKey, type Territory } from './data.ts';

export interface TerritoryResolution {
  /** what was typed, trimmed */
  text: string;
  /** the one territory it names */
  territory?: Territory;
  /** when it names none for sure: the territories it may mean, best first (none: nothing matches) */
  choices: Territory[];
}

const kinds = ['commune', 'epci', 'departement', 'region'] as const;
const choiceLimit = 20;

/** "Name (kind, CODE)": the code and name must both agree, the kind word is whatever the language calls it. */
function fromLabel(text: string): Territory | undefined {
  const label = /^(.+?)\s*\(([^()]*),\s*([0-9A-Za-z]{2,9})\)$/.exec(text);
  if (!label) return undefined;
  const name = fold(label[1]!);
  const code = label[3]!.toUpperCase();
  for (const kind of kinds) {
    const t = getTerritory(kind, code);
    if (t && fold(t.name) === name) return t;
  }
  return undefined;
}

export function resolveTerritory(raw: unknown): TerritoryResolution {
  const text = typeof raw === 'string' ? raw.trim().slice(0, 200) : '';
  if (!text) return { text, choices: [] };
  const known = parseTerritoryKey(text) ?? fromLabel(text);
  if (known) return { text, territory: known, choices: [] };
  const matches = searchTerritories(text, choiceLimit);
  const code = text.toUpperCase();
  const folded = fold(text);
  const exact = matches.filter((t) => t.code === code || fold(t.name) === folded);
  // One exact name or code is the one meant; several ("Paris", the commune and the département; "84") are asked about.
  if (exact.length === 1) return { text, territory: exact[0], choices: [] };
  if (exact.length > 1) return { text, choices: exact };
  if (matches.length === 1) return { text, territory: matches[0], choices: [] };
  return { text, choices: matches };
}

/** The key of the territory a field names, or what was typed when it names none for sure (the schema then refuses it). */
export function territoryValue(text: unknown, choice?: unknown): string | undefined {
  const chosen = typeof choice === 'string' ? parseTerritoryKey(choice) : undefined;
  if (chosen) return territoryKey(chosen);
  const { text: typed, territory } = resolveTerritory(text);
  return territory ? territoryKey(territory) : typed || undefined;
}

/**
 * A posted form with its territory fields read as keys before the schema checks them: a field `name` holds what was
 * typed, `nameChoice` the radio picked among the matches of an earlier try. Several values (a list of territories)
 * are each read alone.
 */
export function withTerritories(body: unknown, ...names: string[]): Record<string, unknown> {
  const values = body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
  for (const name of names.length ? names : ['territory']) {
    // A list's field that adds one has a name of its own (a name shared with the ticked boxes is not valid HTML).
    const added = values[`${name}Add`];
    delete values[`${name}Add`];
    const raw = added === undefined ? values[name] : [values[name], added].flat().filter((v) => v !== undefined);
    const choice = values[`${name}Choice`] ?? values[`${name}AddChoice`];
    delete values[`${name}Choice`];
    delete values[`${name}AddChoice`];
    if (Array.isArray(raw)) {
      // The picked ones are keys; the one typed field among them, if anything, is read with the choice made for it.
      const keys = raw.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => (parseTerritoryKey(v) ? v : territoryValue(v, choice)));
      if (typeof choice === 'string' && raw.every((v) => typeof v !== 'string' || v.trim() === '' || parseTerritoryKey(v))) keys.push(territoryValue(undefined, choice));
      values[name] = [...new Set(keys.filter((k): k is string => k !== undefined))];
    } else {
      values[name] = territoryValue(raw, choice);
      if (values[name] === undefined) delete values[name];
    }
  }
  return values;
}

/** What a territory field shows from a form's values: the territory it names, or what was typed and its matches. */
export function pickerState(values: Record<string, unknown>, name = 'territory'): { current?: Territory; matches: Territory[]; query?: string } {
  const { text, territory, choices } = resolveTerritory(territoryValue(values[name], values[`${name}Choice`]));
  return territory ? { current: territory, matches: [] } : { matches: choices, query: text || undefined };
}

/** A list field's state: the territories it holds, and what was typed to add one (with its matches). */
export function listState(values: Record<string, unknown>, name: string): { picked: Territory[]; adding: TerritoryResolution } {
  const entries = [values[name]].flat().filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  const picked = [...new Map(entries.flatMap((v) => parseTerritoryKey(v) ?? []).map((t) => [territoryKey(t), t])).values()];
  const typed = entries.find((v) => !parseTerritoryKey(v));
  return { picked, adding: typed ? resolveTerritory(typed) : { text: '', choices: [] } };
}

/** An older form sent a list as one text of keys, one a line or separated by commas; a label holds a comma, so only keys are split. */
export function splitKeys(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const parts = value.split(/[\s,;]+/).filter(Boolean);
  return parts.length > 1 && parts.every((p) => parseTerritoryKey(p)) ? parts : value;
}

/**
 * A consultation names its territories by bare codes, read by their length (a département's 2 or 3 characters, a
 * commune's 5, an EPCI's 9); a région's code is also a département's, so a région is stored as its key.
 */
export function territoryOfCode(code: string): Territory | undefined {
  const key = parseTerritoryKey(code);
  if (key) return key;
  return getTerritory(code.length === 9 ? 'epci' : code.length === 5 ? 'commune' : 'departement', code);
}

export function codeOf(territory: Territory): string {
  return territory.kind === 'region' ? territoryKey(territory) : territory.code;
}

/**
 * The consultation form's territories, as the list field sends them, made the text of codes the schema takes; one
 * typed that names no territory for sure stays a list, which the schema refuses.
 */
export function withTerritoryCodes(body: Record<string, unknown>): Record<string, unknown> {
  const raw = [body.territoryCodes, body.territoryCodesAdd].flat().filter((v): v is string => typeof v === 'string');
  // The older text field: bare codes separated by commas, each read as a territory.
  const entries = raw.flatMap((v) => (/^[0-9AB, ]+$/.test(v) ? v.split(/[\s,]+/).filter(Boolean).map((c) => { const t = territoryOfCode(c); return t ? territoryKey(t) : c; }) : [v]));
  const values = withTerritories({ ...body, territoryCodes: entries, territoryCodesAdd: undefined }, 'territoryCodes');
  const keys = values.territoryCodes as string[];
  const territories = keys.map((k) => parseTerritoryKey(k));
  if (territories.every((t) => t !== undefined)) values.territoryCodes = territories.map((t) => codeOf(t!)).join(', ');
  return values;
}

/** The list field's state from the stored codes (a text) or from what the form sent. */
export function codesState(values: Record<string, unknown>, name = 'territoryCodes'): ReturnType<typeof listState> {
  const raw = values[name];
  if (typeof raw === 'string') return { picked: raw.split(/[\s,]+/).flatMap((c) => (c ? (territoryOfCode(c) ?? []) : [])), adding: { text: '', choices: [] } };
  return listState(values, name);
}
