// What a person may be notified of, as data: each kind, whether it is about their own content or something they
// follow, and how it is mailed unless they choose otherwise (PRODUCT.md §E; issue 12). Read top to bottom like a table.
import type { Channel } from './schema.ts';

export const kinds = {
  // About my own content, my organization's projects and responses: mailed at once unless I choose otherwise.
  reply: { about: 'own', channel: 'immediate' },
  reaction: { about: 'own', channel: 'immediate' },
  answer: { about: 'own', channel: 'immediate' },
  link: { about: 'own', channel: 'immediate' },
  merge: { about: 'own', channel: 'immediate' },
  moderation: { about: 'own', channel: 'immediate' },
  question_answered: { about: 'own', channel: 'immediate' },
  project_question: { about: 'own', channel: 'immediate' },
  project_response: { about: 'own', channel: 'immediate' },
  project_invitation: { about: 'own', channel: 'immediate' },
  response_status: { about: 'own', channel: 'immediate' },
  project_match: { about: 'own', channel: 'immediate' },
  // About what I follow: in a weekly digest unless I choose otherwise.
  new_contribution: { about: 'followed', channel: 'weekly' },
  activity: { about: 'followed', channel: 'weekly' },
  phase: { about: 'followed', channel: 'weekly' },
  synthesis: { about: 'followed', channel: 'weekly' },
  new_event: { about: 'followed', channel: 'weekly' },
  event_update: { about: 'followed', channel: 'weekly' },
  new_project: { about: 'followed', channel: 'weekly' },
  project_update: { about: 'followed', channel: 'weekly' },
} as const satisfies Record<string, { about: 'own' | 'followed'; channel: Channel }>;

export type Kind = keyof typeof kinds;
export const kindNames = Object.keys(kinds) as Kind[];

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && Object.hasOwn(kinds, value);
}

export function defaultChannel(kind: string): Channel {
  return isKind(kind) ? kinds[kind].channel : 'weekly';
}

/** What happened, as written in an event row by the module where it happened. */
export const eventTypes = [
  'contribution.published',
  'comment.created',
  'argument.created',
  'contribution.answered',
  'contribution.merged',
  'synthesis.published',
  'phase.opened',
  'phase.closed',
  'event.created',
  'event.minutes',
  'project.opened',
  'project.invited',
  'project.deadline',
  'question.asked',
  'question.answered',
  'response.submitted',
  'response.status',
  'moderation.decision',
] as const;
export type EventType = (typeof eventTypes)[number];
