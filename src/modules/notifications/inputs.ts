// The inputs of notifications, one TypeBox schema each for the forms and the API.
import { Type, type Static } from 'typebox';
import { Id } from '../../platform/validation.ts';
import { kindNames } from './kinds.ts';
import { channels } from './schema.ts';

export const ChannelSchema = Type.Union(
  channels.map((c) => Type.Literal(c)),
  { description: 'immediate: one mail at once; daily or weekly: in the digest sent at 08:00 Paris time (weekly on Mondays); never' },
);

export const FollowInput = Type.Object({
  target: Type.String({ maxLength: 60, description: 'what to follow: consultation:ID, phase:ID, contribution:ID, project:ID, organization:ID, event:ID or territory:KIND:CODE', 'x-error': 'notifications:validation.target' }),
  follow: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Boolean()], { description: 'true (default) to follow, false to stop' })),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type FollowInput = Static<typeof FollowInput>;

/** Every kind is a field of the settings form; the API may send only some. */
export const SettingsInput = Type.Object(Object.fromEntries(kindNames.map((k) => [k, Type.Optional(ChannelSchema)])) as Record<string, ReturnType<typeof Type.Optional<typeof ChannelSchema>>>, { additionalProperties: false });
export type SettingsInput = Static<typeof SettingsInput>;

export const ListQuery = Type.Object({
  before: Type.Optional(Id),
  unread: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('true'), Type.Literal('0'), Type.Literal('false')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type ListQuery = Static<typeof ListQuery>;

export const IdParams = Type.Object({ id: Id });
export const TokenParams = Type.Object({ token: Type.String({ maxLength: 120 }) });

export const MarkReadInput = Type.Object({
  ids: Type.Optional(Type.Array(Id, { maxItems: 500, description: 'the notifications to mark read; without it, all of them' })),
});
export type MarkReadInput = Static<typeof MarkReadInput>;
