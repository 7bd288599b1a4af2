// What each module holds about a person, for the download of their data (a right under the GDPR): modules register
// a section; the accounts module gathers them.
import type { Db } from './db/client.ts';

export type PersonalDataSection = (db: Db, userId: number) => Promise<unknown>;

const sections = new Map<string, PersonalDataSection>();

/** Called when a module loads; one section per name. */
export function registerPersonalData(name: string, section: PersonalDataSection): void {
  sections.set(name, section);
}

export async function personalDataSections(db: Db, userId: number): Promise<Record<string, unknown>> {
  const entries = await Promise.all([...sections].map(async ([name, section]) => [name, await section(db, userId)] as const));
  return Object.fromEntries(entries);
}
