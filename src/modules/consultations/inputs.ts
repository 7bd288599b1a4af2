// The shapes of what people send to the consultations module, for forms, the API and its OpenAPI entries.
import { Type, type Static } from 'typebox';
import { Id } from '../../platform/validation.ts';
import { answerStatuses, contributionKinds, voteValues } from './schema.ts';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const KindSchema = literals(contributionKinds);
export const VoteSchema = literals(voteValues);

export const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 80 }) });
export const PhaseParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 80 }), phase: Type.Integer({ minimum: 1, maximum: 50 }) });
export const IdParams = Type.Object({ id: Id });

export const ContributionInput = Type.Object({
  title: Type.String({ minLength: 5, maxLength: 140 }),
  body: Type.String({ minLength: 20, maxLength: 10_000 }),
  kind: KindSchema,
  themes: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 20 })),
  territory: Type.Optional(Type.String({ maxLength: 40, pattern: '^(commune|epci|departement|region):[0-9AB]{2,9}$', 'x-error': 'choice' })),
  /** the id of an organization the author is an active member of; absent when they speak for themselves */
  organization: Type.Optional(Type.String({ maxLength: 12, pattern: '^[0-9]{1,10}$', 'x-error': 'choice' })),
  /** ids of the contributions of an earlier phase this one answers (needs for an idea, ideas for a feature) */
  answers: Type.Optional(Type.Array(Type.String({ maxLength: 12, pattern: '^[0-9]{1,10}$' }), { maxItems: 20, 'x-error': 'consultations:validation.answers' })),
});
export type ContributionInput = Static<typeof ContributionInput>;

export const VoteInput = Type.Object({ value: Type.Union([Type.Literal('agree'), Type.Literal('mixed'), Type.Literal('disagree'), Type.Literal('none')], { 'x-error': 'choice' }) });
export type VoteInput = Static<typeof VoteInput>;

const iso = { pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}', 'x-error': 'consultations:validation.date' };

export const ConsultationInput = Type.Object({
  title: Type.String({ minLength: 5, maxLength: 140 }),
  description: Type.String({ minLength: 20, maxLength: 20_000 }),
  /** ids of the organizations that organize it: each must be one the author belongs to, unless a platform admin */
  organizers: Type.Array(Type.String({ pattern: '^[0-9]{1,10}$' }), { minItems: 1, maxItems: 10, 'x-error': 'consultations:validation.organizers' }),
  // Bare codes, and régions as their key ("region:93"): a région's code is also a département's.
  territoryCodes: Type.Optional(Type.String({ maxLength: 500, pattern: '^[0-9ABegionr:, ]*$', 'x-error': 'consultations:validation.territoryCodes' })),
});
export type ConsultationInput = Static<typeof ConsultationInput>;

export const PhaseInput = Type.Object({
  title: Type.String({ minLength: 3, maxLength: 140 }),
  question: Type.String({ minLength: 5, maxLength: 500 }),
  // datetime-local inputs, read in Europe/Paris
  startsAt: Type.String({ maxLength: 20, ...iso }),
  endsAt: Type.String({ maxLength: 20, ...iso }),
  kinds: Type.Array(KindSchema, { minItems: 1, maxItems: 3, 'x-error': 'consultations:validation.kinds' }),
  commentsOpenUntil: Type.Optional(Type.String({ maxLength: 20, ...iso })),
});
export type PhaseInput = Static<typeof PhaseInput>;

export const ThemeInput = Type.Object({ label: Type.String({ minLength: 2, maxLength: 80 }) });
export type ThemeInput = Static<typeof ThemeInput>;
export const ThemeParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 80 }), theme: Type.String({ minLength: 1, maxLength: 100 }) });

export const MoveInput = Type.Object({ direction: Type.Union([Type.Literal('up'), Type.Literal('down')], { 'x-error': 'choice' }) });
export type MoveInput = Static<typeof MoveInput>;

/** Forms send one checkbox as a string and several as an array. */
export function withLists(body: unknown, ...names: string[]): Record<string, unknown> {
  const values = body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
  for (const name of names) if (values[name] !== undefined) values[name] = [values[name]].flat().filter((v) => typeof v === 'string' && v !== '');
  return values;
}

export const ArgumentInput = Type.Object({
  side: Type.Union([Type.Literal('for'), Type.Literal('against')], { 'x-error': 'choice' }),
  text: Type.String({ minLength: 3, maxLength: 500 }),
});
export type ArgumentInput = Static<typeof ArgumentInput>;

export const CommentInput = Type.Object({
  body: Type.String({ minLength: 2, maxLength: 3000 }),
  parent: Type.Optional(Type.String({ pattern: '^[0-9]{1,10}$', 'x-error': 'choice' })),
});
export type CommentInput = Static<typeof CommentInput>;

export const CommentEdit = Type.Object({ body: Type.String({ minLength: 2, maxLength: 3000 }) });
export type CommentEdit = Static<typeof CommentEdit>;

export const AnswerInput = Type.Object({
  status: Type.Union(answerStatuses.map((s) => Type.Literal(s)), { 'x-error': 'choice' }),
  answer: Type.String({ minLength: 10, maxLength: 10_000 }),
});
export type AnswerInput = Static<typeof AnswerInput>;

export const MergeInput = Type.Object({
  /** the contribution to keep, as its number (with or without #) */
  into: Type.String({ minLength: 1, maxLength: 12, pattern: '^#?[0-9]{1,10}$', 'x-error': 'consultations:merge.format' }),
});
export type MergeInput = Static<typeof MergeInput>;

export const SynthesisInput = Type.Object({
  body: Type.String({ minLength: 20, maxLength: 50_000 }),
});
export type SynthesisInput = Static<typeof SynthesisInput>;

export const SimilarQuery = Type.Object({
  title: Type.Optional(Type.String({ maxLength: 300 })),
  exclude: Type.Optional(Id),
});

export const ChainQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  unanswered: Type.Optional(Type.String({ maxLength: 1 })),
});
