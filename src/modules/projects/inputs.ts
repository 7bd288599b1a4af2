// The shapes of what people send to the projects module, for forms, the API and its OpenAPI entries.
import { Type, type Static } from 'typebox';
import { Id } from '../../platform/validation.ts';
import { DomainSchema } from '../organizations/inputs.ts';
import { projectStages, projectStates, projectVisibilities, questionVisibilities, responseConfidentialities, responseStatuses } from './schema.ts';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const StageSchema = literals(projectStages);
export const StateSchema = literals(projectStates);
export const VisibilitySchema = literals(projectVisibilities);
export const QuestionVisibilitySchema = literals(questionVisibilities);
export const ConfidentialitySchema = literals(responseConfidentialities);
export const ResponseStatusSchema = literals(responseStatuses);

const euros = Type.Integer({ minimum: 0, maximum: 2_000_000_000, 'x-error': 'projects:validation.amount' });
const localDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2})?$', maxLength: 16, 'x-error': 'projects:validation.date' });
const slugList = Type.Array(Type.String({ minLength: 1, maxLength: 80, pattern: '^[a-z0-9-]+$' }), { maxItems: 50 });

export const ProjectInput = Type.Object({
  title: Type.String({ minLength: 5, maxLength: 200 }),
  organization: Type.Integer({ minimum: 1, maximum: 2_147_483_647, 'x-error': 'choice', description: 'id of the owner organization (one the author publishes for)' }),
  context: Type.Optional(Type.String({ maxLength: 10000 })),
  problem: Type.String({ minLength: 10, maxLength: 10000 }),
  expected: Type.Optional(Type.String({ maxLength: 10000 })),
  territory: Type.Optional(Type.String({ maxLength: 40, pattern: '^(commune|epci|departement|region):[0-9AB]{2,9}$', 'x-error': 'choice' })),
  latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90, 'x-error': 'projects:validation.latitude' })),
  longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180, 'x-error': 'projects:validation.longitude' })),
  domains: Type.Optional(Type.Array(DomainSchema, { maxItems: 14 })),
  stage: StageSchema,
  timeline: Type.Optional(Type.String({ maxLength: 500 })),
  deadline: Type.Optional(localDate),
  budgetMin: Type.Optional(euros),
  budgetMax: Type.Optional(euros),
  visibility: VisibilitySchema,
  invited: Type.Optional(slugList),
});
export type ProjectInput = Static<typeof ProjectInput>;

/** The project form's numbers and the decimals each keeps: a point to about a millimetre, whole euros. */
export const projectNumbers = { latitude: 10, longitude: 10, budgetMin: 0, budgetMax: 0 };

export const StateInput = Type.Object({ state: StateSchema });

export const QuestionInput = Type.Object({
  body: Type.String({ minLength: 10, maxLength: 3000 }),
  visibility: QuestionVisibilitySchema,
});
export type QuestionInput = Static<typeof QuestionInput>;

export const AnswerInput = Type.Object({
  answer: Type.String({ minLength: 2, maxLength: 5000 }),
  /** for a private question: the owner's anonymised wording published in the FAQ */
  faqQuestion: Type.Optional(Type.String({ minLength: 10, maxLength: 3000 })),
  /** the owner has read the warning and means to publish a text that repeats the asker's name, organization or e-mail */
  namesConfirmed: Type.Optional(Type.Union([Type.Literal('1'), Type.Boolean()], { description: 'true to publish although the text repeats who asked (after a `projects:faqCheck.namesAsker` warning)' })),
});
export type AnswerInput = Static<typeof AnswerInput>;

export const ResponseInput = Type.Object({
  summary: Type.String({ minLength: 10, maxLength: 1000 }),
  approach: Type.String({ minLength: 10, maxLength: 10000 }),
  references: Type.Optional(Type.String({ maxLength: 5000 })),
  maturity: Type.Integer({ minimum: 1, maximum: 9, 'x-error': 'projects:validation.maturity' }),
  priceMin: Type.Optional(euros),
  priceMax: Type.Optional(euros),
  team: Type.Optional(Type.String({ maxLength: 3000 })),
  confidentiality: ConfidentialitySchema,
});
export type ResponseInput = Static<typeof ResponseInput>;

export const responseNumbers = { maturity: 0, priceMin: 0, priceMax: 0 };

export const CriterionInput = Type.Object({
  label: Type.String({ minLength: 2, maxLength: 200 }),
  weight: Type.Integer({ minimum: 1, maximum: 100, 'x-error': 'projects:validation.weight' }),
});
export type CriterionInput = Static<typeof CriterionInput>;

export const criterionNumbers = { weight: 0 };

export const StatusInput = Type.Object({
  status: ResponseStatusSchema,
  message: Type.Optional(Type.String({ maxLength: 3000 })),
});
export type StatusInput = Static<typeof StatusInput>;

export const NoteInput = Type.Object({ body: Type.String({ minLength: 2, maxLength: 3000 }) });
export const MessageInput = Type.Object({ body: Type.String({ minLength: 2, maxLength: 5000 }) });

export const AlertInput = Type.Object({
  domains: Type.Optional(Type.Array(DomainSchema, { maxItems: 14 })),
  territories: Type.Optional(Type.Array(Type.String({ maxLength: 40, pattern: '^(commune|epci|departement|region):[0-9AB]{2,9}$' }), { maxItems: 20 })),
});
export type AlertInput = Static<typeof AlertInput>;

export const IdParams = Type.Object({ id: Id });
export const AttachmentParams = Type.Object({ id: Id, attachmentId: Id });
export const ResponseAttachmentParams = Type.Object({ id: Id, responseId: Id, attachmentId: Id });
export const QuestionParams = Type.Object({ id: Id, questionId: Id });
export const ResponseParams = Type.Object({ id: Id, responseId: Id });
export const CriterionParams = Type.Object({ id: Id, criterionId: Id });

export const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  domain: Type.Optional(DomainSchema),
  stage: Type.Optional(StageSchema),
  state: Type.Optional(StateSchema),
  territory: Type.Optional(Type.String({ maxLength: 40, pattern: '^(commune|epci|departement|region):[0-9AB]{2,9}$' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
});
export type ListQuery = Static<typeof ListQuery>;

/** Forms send one checkbox as a string and several as an array. */
export function withLists(body: unknown, ...names: string[]): Record<string, unknown> {
  const values = body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
  for (const name of names) if (values[name] !== undefined) values[name] = [values[name]].flat().filter((v) => typeof v === 'string' && v !== '');
  return values;
}

/** The invited organizations are typed as slugs, one per line or separated by commas. */
export function projectForm(body: unknown): Record<string, unknown> {
  const values = withLists(body, 'domains');
  if (typeof values.invited === 'string') values.invited = values.invited.split(/[\s,;]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);
  return values;
}
