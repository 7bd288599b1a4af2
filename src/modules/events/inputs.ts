// The shapes of what people send to the events module, for forms, the API and its OpenAPI entries.
import { Type, type Static } from 'typebox';
import { Id } from '../../platform/validation.ts';
import { eventKinds } from './schema.ts';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const KindSchema = literals(eventKinds);
export const IdParams = Type.Object({ id: Id });
export const DraftParams = Type.Object({ id: Id, contribution: Id });
const localDate = { maxLength: 20, pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}', 'x-error': 'events:validation.date' };
const numeric = (max: number) => ({ maxLength: 12, pattern: `^-?[0-9]{1,${max}}([.][0-9]{1,8})?$`, 'x-error': 'validation:number' });

export const EventInput = Type.Object({
  title: Type.String({ minLength: 5, maxLength: 140 }),
  kind: Type.Union([Type.Literal('webinar'), Type.Literal('in_person'), Type.Literal('online_workshop')], { 'x-error': 'choice' }),
  description: Type.String({ minLength: 20, maxLength: 20_000 }),
  // datetime-local inputs, read in Europe/Paris
  startsAt: Type.String(localDate),
  endsAt: Type.String(localDate),
  registrationDeadline: Type.Optional(Type.String(localDate)),
  venue: Type.Optional(Type.String({ maxLength: 300 })),
  latitude: Type.Optional(Type.String(numeric(2))),
  longitude: Type.Optional(Type.String(numeric(3))),
  onlineUrl: Type.Optional(Type.String({ maxLength: 500, pattern: '^https?://[^\\s<>"]+$', 'x-error': 'events:validation.url' })),
  territory: Type.Optional(Type.String({ maxLength: 40, pattern: '^(commune|epci|departement|region):[0-9AB]{2,9}$', 'x-error': 'choice' })),
  capacity: Type.Optional(Type.String({ maxLength: 6, pattern: '^[1-9][0-9]{0,5}$', 'x-error': 'events:validation.capacity' })),
  /** id of an animator organization */
  animator: Type.String({ maxLength: 12, pattern: '^[0-9]{1,10}$', 'x-error': 'events:validation.animator' }),
  /** "consultation-slug:phase-position", or empty */
  phase: Type.Optional(Type.String({ maxLength: 100, pattern: '^[a-z0-9-]{1,80}:[0-9]{1,2}$', 'x-error': 'choice' })),
  /** one registration question a line */
  questions: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type EventInput = Static<typeof EventInput>;

export const RegistrationInput = Type.Object({
  organization: Type.Optional(Type.String({ maxLength: 12, pattern: '^[0-9]{1,10}$', 'x-error': 'choice' })),
  /** answers as q<questionId> fields; checked against the event's questions by the service */
});
export type RegistrationInput = Static<typeof RegistrationInput> & { answers: Record<string, string> };

export const MinutesInput = Type.Object({
  minutes: Type.String({ minLength: 20, maxLength: 50_000 }),
  publish: Type.Optional(Type.String({ maxLength: 5 })),
});
export type MinutesInput = Static<typeof MinutesInput>;

export const MessageInput = Type.Object({
  subject: Type.String({ minLength: 3, maxLength: 140 }),
  body: Type.String({ minLength: 10, maxLength: 5000 }),
});
export type MessageInput = Static<typeof MessageInput>;

export const RoomContributionInput = Type.Object({
  title: Type.String({ minLength: 5, maxLength: 140 }),
  body: Type.String({ minLength: 20, maxLength: 10_000 }),
  kind: Type.Optional(Type.String({ maxLength: 10 })),
  participant: Type.Optional(Type.String({ maxLength: 100 })),
});
export type RoomContributionInput = Static<typeof RoomContributionInput>;

export const AnimatorInput = Type.Object({ organization: Type.String({ minLength: 1, maxLength: 80, pattern: '^[a-z0-9-]+$', 'x-error': 'events:validation.organization' }) });
export type AnimatorInput = Static<typeof AnimatorInput>;

export const AgendaQuery = Type.Object({
  when: Type.Optional(Type.Union([Type.Literal('upcoming'), Type.Literal('past')])),
  kind: Type.Optional(KindSchema),
  consultation: Type.Optional(Type.String({ maxLength: 80, pattern: '^[a-z0-9-]*$' })),
  territory: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
});
export type AgendaQuery = Static<typeof AgendaQuery>;

export const CallOffInput = Type.Object({
  reason: Type.String({ minLength: 10, maxLength: 1000 }),
  /** the checkbox that says the animator means it */
  confirm: Type.Literal('1', { 'x-error': 'events:validation.confirmCallOff' }),
});
export type CallOffInput = Static<typeof CallOffInput>;
