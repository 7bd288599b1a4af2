// Offline input: after an event, the animators enter the contributions produced in the room into the phase the event
// feeds — one by one, or imported from a CSV file (a whiteboard tool's export). An import is all or nothing: every row
// is checked first, and the rows are written in one transaction only when none is in error.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import type { Db, Tx } from '../../platform/db/client.ts';
import { NotFound, ValidationFailed } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { now } from '../../platform/clock.ts';
import { insertContributions, recordPublished } from '../consultations/contribution-insert.ts';
import { consultationThemes, contributions, type ContributionKind, type ContributionState } from '../consultations/schema.ts';
import { registerOriginResolver } from '../consultations/origins.ts';
import { eventContributions, events } from './schema.ts';
import type { EventDetail } from './service.ts';
import { parisLocal } from '../consultations/phases.ts';
import { fold, parseTerritoryKey, searchTerritories, type Territory } from '../territories/data.ts';

export const maxImportBytes = 256 * 1024;
export const maxImportRows = 1000;

export interface RoomContribution {
  title: string;
  body: string;
  kind?: string;
  participant?: string;
}

const kindWords: Record<string, ContributionKind> = { need: 'need', besoin: 'need', idea: 'idea', idee: 'idea', 'idée': 'idea', solution: 'idea', feature: 'feature', fonctionnalite: 'feature', 'fonctionnalité': 'feature', service: 'feature' };

function targetPhase(event: EventDetail) {
  if (!event.phaseId || !event.consultationId || !event.phase || !event.consultation) throw ValidationFailed.one('form', 'events:offline.noPhase');
  return {
    kinds: event.phase.kinds as ContributionKind[],
    destination: { consultation: { id: event.consultationId, slug: event.consultation.slug, title: event.consultation.title }, phase: { id: event.phaseId, position: event.phase.position, title: event.phase.title } },
  };
}

/** A contribution checked and ready to write; a CSV row may also give its themes and its own territory. */
interface RoomValue {
  title: string;
  body: string;
  kind: ContributionKind;
  participant: string | null;
  themeIds?: number[];
  territory?: Pick<Territory, 'kind' | 'code'>;
}

type CellError = { field: string; key: string; values?: Record<string, string | number> };

/** Checks one contribution; returns the message key of the first problem, or the values to write. */
function checkRow(row: RoomContribution, kinds: ContributionKind[]): { error: CellError } | { value: RoomValue } {
  const title = row.title.trim();
  const body = row.body.trim() || title;
  const participant = (row.participant ?? '').trim();
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(title + body + participant)) return { error: { field: 'title', key: 'validation:controlCharacters' } };
  if (title.length < 3) return { error: { field: 'title', key: title ? 'validation:tooShort' : 'validation:required', values: { min: 3 } } };
  if (title.length > 140) return { error: { field: 'title', key: 'validation:tooLong', values: { max: 140 } } };
  if (body.length > 10_000) return { error: { field: 'body', key: 'validation:tooLong', values: { max: 10000 } } };
  if (participant.length > 100) return { error: { field: 'participant', key: 'validation:tooLong', values: { max: 100 } } };
  const word = (row.kind ?? '').trim().toLowerCase();
  const kind = word ? kindWords[word] : kinds[0];
  if (!kind || !kinds.includes(kind)) return { error: { field: 'kind', key: 'events:offline.kind' } };
  return { value: { title, body, kind, participant: participant || null } };
}

/**
 * Through the consultations module's one way in (insertContributions), so room input is a contribution like any
 * other — its revision, and one event telling the phase's followers of the whole batch — then tied to the workshop.
 */
async function insertAll(tx: Tx, actor: Actor, event: EventDetail, rows: RoomValue[], state: ContributionState = 'published'): Promise<number[]> {
  const target = targetPhase(event);
  const created = await insertContributions(tx, {
    authorId: actor.user?.id ?? null,
    to: target.destination,
    state,
    items: rows.map((r) => ({
      kind: r.kind,
      title: r.title,
      body: r.body,
      territoryKind: r.territory ? r.territory.kind : event.territoryKind,
      territoryCode: r.territory ? r.territory.code : event.territoryCode,
      // The room speaks, not the animating organization: the workshop is the origin, the animator who types it only
      // enters it (consultations/attribution.tsx).
      organizationId: null,
      themeIds: r.themeIds,
    })),
    workshop: { id: event.id, title: event.title },
  });
  if (created.length > 0) await tx.insert(eventContributions).values(created.map((row, i) => ({ contributionId: row.id, eventId: event.id, participantName: rows[i]!.participant })));
  return created.map((row) => row.id);
}

/** One contribution typed from the room; the phase may be closed by now, which is the point. */
export async function addRoomContribution(db: Db, actor: Actor, event: EventDetail, input: RoomContribution): Promise<number> {
  const target = targetPhase(event);
  const checked = checkRow(input, target.kinds);
  if ('error' in checked) throw ValidationFailed.one(checked.error.field, checked.error.key, checked.error.values);
  const [id] = await db.transaction((tx) => insertAll(tx, actor, event, [checked.value]));
  return id!;
}

// ---- CSV

export interface ParsedCsv {
  header: string[];
  /** data rows with the line of the file each starts on (1 = the header's line) */
  rows: { line: number; cells: string[] }[];
  delimiter: string;
}

export interface Mapping {
  title: number;
  body: number | null;
  participant: number | null;
  kind: number | null;
  themes: number | null;
  territory: number | null;
}

export interface RowError extends CellError {
  line: number;
}

/** Reads an upload: UTF-8 only (a Latin-1 or Windows-1252 file is refused with a message), BOM dropped, `;`, `,` or tab. */
export function decodeCsv(data: Buffer): string {
  if (data.length === 0) throw ValidationFailed.one('file', 'events:import.empty');
  if (data.length > maxImportBytes) throw ValidationFailed.one('file', 'events:import.tooLarge', { max: "256 Ko" });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw ValidationFailed.one('file', 'events:import.encoding');
  }
  if (text.includes('\u0000')) throw ValidationFailed.one('file', 'events:import.notText');
  return text.replace(/^\uFEFF/, '');
}

function guessDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

export function parseCsvText(text: string): ParsedCsv {
  const delimiter = guessDelimiter(text);
  let records: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true, info: true, raw: true, bom: true, trim: true }) as never;
  } catch (error) {
    if (error instanceof CsvError) throw ValidationFailed.one('file', 'events:import.malformed', { line: Number((error as CsvError & { lines?: number }).lines ?? 0) });
    throw error;
  }
  const [first, ...rest] = records;
  if (!first) throw ValidationFailed.one('file', 'events:import.empty');
  if (rest.length === 0) throw ValidationFailed.one('file', 'events:import.noRows');
  if (rest.length > maxImportRows) throw ValidationFailed.one('file', 'events:import.tooManyRows', { max: maxImportRows });
  // csv-parse gives the line a record ends on; a quoted cell may span lines, so count back to where it starts.
  const startLine = (r: { raw: string; info: { lines: number } }) => r.info.lines - (r.raw.replace(/^(\r?\n)+/, '').replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
  return { header: first.record.map((h) => h.slice(0, 100)), rows: rest.map((r) => ({ line: startLine(r), cells: r.record })), delimiter };
}

/**
 * The usual names of each column, in French and English, folded (no case, accents or punctuation). A header is
 * recognised when it is one of them, or starts with one as a whole word ("Texte de la proposition", "Nom du
 * participant", "Thème(s)").
 */
const headerWords: Record<keyof Mapping, string[]> = {
  title: ['titre', 'title', 'intitule', 'sujet', 'subject', 'post it', 'postit', 'idee', 'idea'],
  body: ['texte', 'text', 'contenu', 'content', 'body', 'description', 'proposition', 'proposal', 'detail', 'details', 'corps', 'message'],
  participant: ['auteur', 'auteurs', 'author', 'authors', 'participant', 'participante', 'participants', 'nom', 'name', 'signature', 'par', 'by', 'contributeur', 'contributrice'],
  themes: ['theme', 'themes', 'thematique', 'thematiques', 'topic', 'topics'],
  territory: ['territoire', 'territory', 'commune', 'ville', 'city', 'town'],
  kind: ['type', 'kind', 'nature', 'categorie', 'category'],
};
const fields = Object.keys(headerWords) as (keyof Mapping)[];

/**
 * Each field takes the first column whose header names it, exact names before leading words, and a column serves
 * one field only: "Titre;Texte;Auteur;Thème" maps all four, and "Nom;Nom de l'idée" gives the participant "Nom".
 */
export function guessMapping(header: string[]): Mapping {
  const folded = header.map((h) => fold(h));
  const taken = new Set<number>();
  const found: Partial<Record<keyof Mapping, number>> = {};
  const pass = (matches: (cell: string, word: string) => boolean) => {
    for (const field of fields) {
      if (found[field] !== undefined) continue;
      const i = folded.findIndex((cell, i) => !taken.has(i) && headerWords[field].some((word) => matches(cell, word)));
      if (i >= 0) {
        found[field] = i;
        taken.add(i);
      }
    }
  };
  pass((cell, word) => cell === word);
  pass((cell, word) => cell.startsWith(`${word} `));
  const column = (field: keyof Mapping) => found[field] ?? null;
  // Without a title column, the first column no other field took is the likeliest (a bare list of post-its).
  const title = found.title ?? Math.max(0, header.findIndex((_, i) => !taken.has(i)));
  return { title, body: column('body'), participant: column('participant'), kind: column('kind'), themes: column('themes'), territory: column('territory') };
}

/** What rows are checked against: the phase's kinds and the consultation's themes. */
export interface ImportTarget {
  kinds: ContributionKind[];
  themes: { id: number; slug: string; label: string }[];
}

export async function importTarget(db: Db, event: EventDetail): Promise<ImportTarget> {
  const { kinds } = targetPhase(event);
  const themes = await db.select({ id: consultationThemes.id, slug: consultationThemes.slug, label: consultationThemes.label }).from(consultationThemes).where(eq(consultationThemes.consultationId, event.consultationId!));
  return { kinds, themes };
}

/** "Mobilité ; eau-potable" -> the themes' ids, by label or slug; the first unknown one is the row's error. */
function themesOf(cell: string, themes: ImportTarget['themes']): { error: CellError } | { ids: number[] } {
  const ids: number[] = [];
  for (const name of cell.split(/[,;]/).map((n) => n.trim()).filter(Boolean)) {
    const wanted = fold(name);
    const theme = themes.find((t) => fold(t.label) === wanted || fold(t.slug) === wanted);
    if (!theme) return { error: { field: 'themes', key: 'events:importColumns.unknownTheme', values: { theme: name.slice(0, 100) } } };
    ids.push(theme.id);
  }
  return { ids };
}

/** A territory by key ("commune:69123") or by its exact name, the largest or most populated first when names repeat. */
function territoryOf(cell: string): Territory | undefined {
  const wanted = fold(cell);
  return parseTerritoryKey(cell.trim()) ?? searchTerritories(cell, 20).find((t) => fold(t.name) === wanted || t.code === cell.trim());
}

/** Every problem of every row, with its line; an empty list means the import may go ahead. */
export function checkRows(parsed: ParsedCsv, mapping: Mapping, target: ImportTarget): { errors: RowError[]; values: RoomValue[] } {
  const errors: RowError[] = [];
  const values: RoomValue[] = [];
  const cell = (cells: string[], i: number | null) => (i === null ? '' : (cells[i] ?? '').trim());
  for (const { line, cells } of parsed.rows) {
    const checked = checkRow({ title: cell(cells, mapping.title), body: cell(cells, mapping.body), participant: cell(cells, mapping.participant), kind: cell(cells, mapping.kind) }, target.kinds);
    if ('error' in checked) {
      errors.push({ line, ...checked.error });
      continue;
    }
    const themes = themesOf(cell(cells, mapping.themes), target.themes);
    if ('error' in themes) {
      errors.push({ line, ...themes.error });
      continue;
    }
    const place = cell(cells, mapping.territory);
    const territory = place ? territoryOf(place) : undefined;
    if (place && !territory) {
      errors.push({ line, field: 'territory', key: 'events:importColumns.unknownTerritory', values: { territory: place.slice(0, 100) } });
      continue;
    }
    values.push({ ...checked.value, themeIds: themes.ids, territory });
  }
  return { errors, values };
}

export function kindsOf(event: EventDetail): ContributionKind[] {
  return targetPhase(event).kinds;
}

/**
 * Writes every row or none: refuses when any row is in error, and the inserts share one transaction. As drafts, the
 * rows wait for the animators to read them over (`roomDrafts`) and publish them together (`publishRoomDrafts`).
 */
export async function importRows(db: Db, actor: Actor, event: EventDetail, parsed: ParsedCsv, mapping: Mapping, state: ContributionState = 'published'): Promise<{ imported: number; errors: RowError[] }> {
  const { errors, values } = checkRows(parsed, mapping, await importTarget(db, event));
  if (errors.length > 0) return { imported: 0, errors };
  const ids = await db.transaction((tx) => insertAll(tx, actor, event, values, state));
  return { imported: ids.length, errors: [] };
}

// ---- Drafts from the room: every animator of the event reviews them, whoever imported them.

export interface RoomDraft {
  id: number;
  kind: ContributionKind;
  title: string;
  body: string;
  participantName: string | null;
}

const ofEvent = (eventId: number) => inArray(contributions.id, sql`(select ${eventContributions.contributionId} from ${eventContributions} where ${eventContributions.eventId} = ${eventId})`);

export async function roomDrafts(db: Db, eventId: number): Promise<RoomDraft[]> {
  return db
    .select({ id: contributions.id, kind: contributions.kind, title: contributions.title, body: contributions.body, participantName: eventContributions.participantName })
    .from(eventContributions)
    .innerJoin(contributions, eq(contributions.id, eventContributions.contributionId))
    .where(and(eq(eventContributions.eventId, eventId), eq(contributions.state, 'draft')))
    .orderBy(asc(contributions.id))
    .limit(maxImportRows * 2);
}

export async function roomDraftCount(db: Db, eventId: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(contributions).where(and(eq(contributions.state, 'draft'), ofEvent(eventId)));
  return row?.n ?? 0;
}

/**
 * Publishes the event's drafts in one transaction, dated from now, with one event telling the phase's followers of
 * the whole batch. The phase may be closed: room input is entered after the workshop. Two animators publishing at once
 * publish each draft once (the update takes only rows still drafts).
 */
export async function publishRoomDrafts(db: Db, actor: Actor, event: EventDetail): Promise<number> {
  const target = targetPhase(event);
  const at = now();
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(contributions)
      .set({ state: 'published', createdAt: at, updatedAt: at })
      .where(and(eq(contributions.state, 'draft'), ofEvent(event.id)))
      .returning({ id: contributions.id, title: contributions.title, organizationId: contributions.organizationId });
    rows.sort((a, b) => a.id - b.id);
    if (rows.length > 0) await recordPublished(tx, actor.user?.id ?? null, target.destination, rows, [], { id: event.id, title: event.title });
    return rows.length;
  });
}

/** A post-it the animators decide not to publish; only a draft of this event can go. */
export async function discardRoomDraft(db: Db, event: EventDetail, contributionId: number): Promise<void> {
  const gone = await db.delete(contributions).where(and(eq(contributions.id, contributionId), eq(contributions.state, 'draft'), ofEvent(event.id))).returning({ id: contributions.id });
  if (gone.length === 0) throw new NotFound('contribution');
}

export interface EventContribution {
  id: number;
  title: string;
  participantName: string | null;
}

export async function eventContributionList(db: Db, eventId: number): Promise<EventContribution[]> {
  return db
    .select({ id: contributions.id, title: contributions.title, participantName: eventContributions.participantName })
    .from(eventContributions)
    .innerJoin(contributions, eq(contributions.id, eventContributions.contributionId))
    // Drafts wait for the animators' review, hidden input for the moderators: neither is the room's public record.
    .where(and(eq(eventContributions.eventId, eventId), eq(contributions.state, 'published')))
    .orderBy(asc(contributions.id))
    .limit(2000);
}

/** "From the workshop of …" on the contribution pages: the event's title and date, linking to it. */
registerOriginResolver(async (db, ids) => {
  const rows = await db
    .select({ contributionId: eventContributions.contributionId, eventId: events.id, title: events.title, startsAt: events.startsAt, participant: eventContributions.participantName })
    .from(eventContributions)
    .innerJoin(events, eq(events.id, eventContributions.eventId))
    .where(inArray(eventContributions.contributionId, ids));
  return new Map(rows.map((r) => [r.contributionId, { label: `${r.title} (${parisLocal(r.startsAt).slice(0, 10).split('-').reverse().join('/')})`, href: `/events/${r.eventId}`, saidBy: r.participant }]));
});

