// The one way modules say that something happened: one row, written by the transaction that makes it happen, so the
// event exists if and only if the change committed — and one statement, however many people follow what changed
// (the fan-out job tells them later, a batch at a time). This file depends on nothing of the other modules.
import { sql, type SQL } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { EventType } from './kinds.ts';
import { notificationEvents } from './schema.ts';

/** Where an event belongs, for the digest's groups and the links: a consultation or a project. */
export interface EventContext {
  consultationId?: number;
  consultationSlug?: string;
  consultationTitle?: string;
  projectId?: number;
  projectTitle?: string;
}

/** What each type of event carries: ids for the audience and the checks at delivery, titles as they were. */
export interface EventData {
  'contribution.published': EventContext & {
    contributionIds: number[];
    phaseId: number;
    phasePosition: number;
    phaseTitle: string;
    /** the first contribution's title; `count` when several came at once (a workshop's import) */
    title: string;
    count: number;
    organizationId: number | null;
    /** the contributions it answers or comes from: their authors are told */
    linkedIds: number[];
    workshop?: { id: number; title: string };
  };
  'comment.created': EventContext & { contributionId: number; title: string; commentId: number; parentId: number | null };
  /** `argumentId` is missing from events recorded before it was added */
  'argument.created': EventContext & { contributionId: number; title: string; argumentId?: number; side: string };
  'contribution.answered': EventContext & { contributionId: number; title: string; status: string | null };
  'contribution.merged': EventContext & { duplicateId: number; duplicateTitle: string; keptId: number; title: string; authorIds: number[] };
  'synthesis.published': EventContext & { phaseId: number; phasePosition: number; phaseTitle: string; citedIds: number[] };
  'phase.opened': EventContext & { phaseId: number; phasePosition: number; phaseTitle: string };
  'phase.closed': EventContext & { phaseId: number; phasePosition: number; phaseTitle: string };
  'event.created': EventContext & { eventId: number; title: string; startsAt: string; animatorId: number | null; territories: string[] };
  'event.minutes': EventContext & { eventId: number; title: string };
  'project.opened': EventContext & { projectId: number; projectTitle: string; ownerOrganizationId: number; ownerName: string; territories: string[] };
  'project.invited': EventContext & { projectId: number; projectTitle: string; organizationIds: number[] };
  'project.deadline': EventContext & { projectId: number; projectTitle: string; deadline: string };
  'question.asked': EventContext & { projectId: number; projectTitle: string; questionId: number; ownerOrganizationId: number };
  'question.answered': EventContext & { projectId: number; projectTitle: string; questionId: number; askerId: number | null; faq: boolean };
  'response.submitted': EventContext & { projectId: number; projectTitle: string; responseId: number; ownerOrganizationId: number; organizationName: string };
  'response.status': EventContext & { projectId: number; projectTitle: string; responseId: number; organizationId: number; status: string };
  /**
   * A moderator's decision about someone's content (for the moderation module): `recipients` are told, whatever
   * they follow; `decision` names it (hidden, restored…), `reason` is shown to them.
   */
  'moderation.decision': { recipients: number[]; decision: string; title: string; reason?: string; href?: string };
}

/**
 * Records that something happened, in the caller's transaction: one insert. The consultation's or project's name and
 * address, when the caller does not have them at hand, are read by that same statement. `dedupeKey` makes an event
 * found by a scan (a phase that opened) recorded once whatever runs the scan.
 */
export async function recordEvent<T extends EventType>(tx: Tx | Db, type: T, actorId: number | null | undefined, data: EventData[T], dedupeKey?: string): Promise<void> {
  const values = eventValues(type, actorId, data, dedupeKey);
  if (dedupeKey) await tx.insert(notificationEvents).values(values).onConflictDoNothing({ target: notificationEvents.dedupeKey });
  else await tx.insert(notificationEvents).values(values);
}

/** Several events of one type made by one write (contributions arriving in one batch): one insert for them all. */
export async function recordEvents<T extends EventType>(tx: Tx | Db, type: T, events: { actorId: number | null; data: EventData[T] }[]): Promise<void> {
  if (events.length > 0) await tx.insert(notificationEvents).values(events.map((e) => eventValues(type, e.actorId, e.data)));
}

function eventValues<T extends EventType>(type: T, actorId: number | null | undefined, data: EventData[T], dedupeKey?: string) {
  const given = data as unknown as Record<string, unknown>;
  const lookups: SQL[] = [];
  if (typeof given.consultationId === 'number' && given.consultationTitle === undefined)
    lookups.push(sql`coalesce((select jsonb_build_object('consultationSlug', c.slug, 'consultationTitle', c.title) from consultations c where c.id = ${given.consultationId}::int), '{}'::jsonb)`);
  if (typeof given.projectId === 'number' && given.projectTitle === undefined)
    lookups.push(sql`coalesce((select jsonb_build_object('projectTitle', p.title) from projects p where p.id = ${given.projectId}::int), '{}'::jsonb)`);
  const json = sql`${JSON.stringify(given)}::jsonb`;
  return { type, actorId: actorId ?? null, data: (lookups.length ? sql.join([json, ...lookups], sql` || `) : json) as unknown as Record<string, unknown>, dedupeKey: dedupeKey ?? null, createdAt: now() };
}
