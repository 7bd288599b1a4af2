// What people send to moderation, as TypeBox schemas: one each for the form, the API body and the OpenAPI document.
import { Type, type Static } from 'typebox';
import { Id } from '../../platform/validation.ts';
import { reportableKinds, reportReasons } from './schema.ts';

// A union of literals built from a list is typed as its members (TypeBox types a union over an array as never).
const literals = <T extends string>(values: readonly T[], options: Record<string, unknown> = {}) => Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v)), options));

export const KindSchema = literals(reportableKinds, { description: 'what is reported' });
export const ReasonSchema = literals(reportReasons);

export const ReportInput = Type.Object({
  kind: KindSchema,
  id: Id,
  reason: ReasonSchema,
  details: Type.Optional(Type.String({ maxLength: 1000, description: 'what the moderators should know' })),
});
export type ReportInput = Static<typeof ReportInput>;

export const DecisionInput = Type.Object({
  reason: Type.String({ minLength: 3, maxLength: 500, description: 'shown in place of the content and sent to its author' }),
});
export type DecisionInput = Static<typeof DecisionInput>;

/** Restoring or dismissing may say why, to the author; it need not. */
export const NoteInput = Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) });
export type NoteInput = Static<typeof NoteInput>;

export const bulkActions = ['hide', 'restore', 'dismiss'] as const;
export type BulkAction = (typeof bulkActions)[number];

export const BulkInput = Type.Object({
  items: Type.Array(Id, { minItems: 1, maxItems: 100, 'x-error': 'moderation:validation.selection' }),
  action: literals(bulkActions),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
});
export type BulkInput = Static<typeof BulkInput>;

export const BlockInput = Type.Object({
  reason: Type.String({ minLength: 3, maxLength: 500 }),
  /** '1' (a ticked box) or true: hide everything the account wrote in debates, in the same transaction */
  hideContent: Type.Optional(Type.Union([Type.Literal('1'), Type.Boolean()])),
});
export type BlockInput = Static<typeof BlockInput>;

export const CharterInput = Type.Object({ accept: Type.Literal('1', { 'x-error': 'charterRequired' }) });

export const CharterVersionInput = Type.Object({
  version: Type.String({ minLength: 2, maxLength: 40, pattern: '^[0-9A-Za-z][0-9A-Za-z._-]*$', 'x-error': 'moderation:validation.version' }),
  summary: Type.String({ minLength: 3, maxLength: 1000 }),
});
export type CharterVersionInput = Static<typeof CharterVersionInput>;

export const queueTabs = ['open', 'hidden', 'blocked'] as const;
export type QueueTab = (typeof queueTabs)[number];
export const queueOrders = ['newest', 'most'] as const;
export type QueueOrder = (typeof queueOrders)[number];

export const ItemParams = Type.Object({ id: Id });
