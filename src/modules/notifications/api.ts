// The notifications part of the JSON API: one's notifications (list, mark read), follows and e-mail choices, through
// the same services as the pages.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { parse } from '../../platform/validation.ts';
import { checkedInHandler } from '../consultations/api.ts';
import { groupOf, sentenceKey, varsOf } from './delivery.ts';
import { listFollows, setFollow } from './follows.ts';
import { ChannelSchema, FollowInput, ListQuery, MarkReadInput, SettingsInput } from './inputs.ts';
import { kindNames } from './kinds.ts';
import './policy.ts';
import { listNotifications, markRead, unreadCount } from './service.ts';
import { getChannels, setChannels, type Channels } from './settings.ts';
import { translator } from '../../platform/http/i18n.ts';

const NotificationItem = Type.Object({
  id: Type.Integer(),
  kind: Type.String({ description: `the kind, whose e-mail choice applies: ${kindNames.join(', ')}` }),
  type: Type.String({ description: 'what happened: contribution.published, comment.created, phase.opened…' }),
  text: Type.String({ description: 'the sentence shown in the app, in the account’s language' }),
  url: Type.String(),
  read: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  group: Type.Object({ key: Type.String({ description: 'consultation:ID, project:ID or other' }), title: Type.String() }),
});

const Channels = Type.Object(Object.fromEntries(kindNames.map((k) => [k, ChannelSchema])));
const FollowItem = Type.Object({ target: Type.String(), type: Type.String(), label: Type.String(), url: Type.String(), auto: Type.Boolean({ description: 'followed by taking part' }), since: Type.String({ format: 'date-time' }) });

export function notificationApi(app: FastifyInstance): void {
  const env = app.ctx;
  const url = (path: string) => `${env.config.publicUrl}${path}`;
  const mine = { tags: ['notifications'], security: [{ token: [] }] };

  app.get(
    '/api/v1/notifications',
    { config: { rule: 'notification.read' }, schema: { ...mine, summary: 'My notifications, newest first (30 a page; `next` asks for the following page)', querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(NotificationItem), next: Type.Union([Type.Integer(), Type.Null()]), unread: Type.Integer({ description: 'unread notifications, counted up to 100' }) }) } } },
    async (req) => {
      const q = parse(ListQuery, req.query);
      const page = await listNotifications(env.db, req.actor, { before: q.before, unread: q.unread === '1' || q.unread === 'true', limit: q.limit });
      const { ta } = translator(req.locale);
      return {
        items: page.items.map((i) => ({ id: i.id, kind: i.kind, type: i.type, text: ta(sentenceKey(i), varsOf(i, ta)), url: url(i.href), read: i.readAt !== null, createdAt: i.happenedAt.toISOString(), group: { key: groupOf(i).key, title: groupOf(i).title } })),
        next: page.next ?? null,
        unread: await unreadCount(env.db, req.actor.user!.id),
      };
    },
  );

  app.post(
    '/api/v1/notifications/read',
    { config: { rule: 'notification.mark' }, validatorCompiler: checkedInHandler, schema: { ...mine, summary: 'Mark some of my notifications read (`ids`: one that is not mine answers 404 and nothing is marked), or all of them', body: MarkReadInput, response: { 200: Type.Object({ marked: Type.Integer(), unread: Type.Integer() }) } } },
    async (req) => {
      const input = parse(MarkReadInput, req.body);
      const marked = await markRead(env.db, req.actor.user!.id, input.ids ?? 'all');
      return { marked, unread: await unreadCount(env.db, req.actor.user!.id) };
    },
  );

  app.get(
    '/api/v1/follows',
    { config: { rule: 'follow.manage' }, schema: { ...mine, summary: 'What I follow', response: { 200: Type.Object({ items: Type.Array(FollowItem) }) } } },
    async (req) => ({ items: (await listFollows(env.db, req.actor)).map((f) => ({ target: f.target, type: f.type, label: f.label, url: url(f.href), auto: f.auto, since: f.since.toISOString() })) }),
  );

  app.post(
    '/api/v1/follows',
    { config: { rule: 'follow.manage' }, validatorCompiler: checkedInHandler, schema: { ...mine, summary: 'Follow something I may see, or stop (`follow: false`)', body: FollowInput, response: { 200: Type.Object({ target: Type.String(), following: Type.Boolean(), label: Type.String() }) } } },
    async (req) => {
      const input = parse(FollowInput, req.body);
      const following = input.follow === undefined || input.follow === true || input.follow === '1';
      const target = await setFollow(env.db, req.actor, input.target, following);
      return { target: target.target, following, label: target.label };
    },
  );

  app.get(
    '/api/v1/notification-settings',
    { config: { rule: 'notification.settings' }, schema: { ...mine, summary: 'How each kind of notification reaches me by e-mail', response: { 200: Channels } } },
    async (req) => getChannels(env.db, req.actor.user!.id),
  );

  app.post(
    '/api/v1/notification-settings',
    { config: { rule: 'notification.settings' }, validatorCompiler: checkedInHandler, schema: { ...mine, summary: 'Change how some kinds reach me by e-mail (the others keep theirs)', body: SettingsInput, response: { 200: Channels } } },
    async (req) => setChannels(env.db, req.actor.user!.id, parse(SettingsInput, req.body) as Partial<Channels>),
  );
}
