// HTML pages and forms of notifications: the list, the bell's fragment, opening and marking read, following, the
// e-mail settings under the account, and the one-click unsubscribe. Thin: schema, rule, service, view.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { safeNext, submitForm } from '../../platform/http/forms.ts';
import { fragmentOf } from '../../platform/http/fragments.ts';
import { NotFound, ValidationFailed } from '../../platform/errors.ts';
import { registerPersonalData } from '../../platform/personal-data.ts';
import { now } from '../../platform/clock.ts';
import { parse } from '../../platform/validation.ts';
import { FollowInput, IdParams, ListQuery, SettingsInput, TokenParams } from './inputs.ts';
import { isFollowing, listFollows, setFollow } from './follows.ts';
import { isKind } from './kinds.ts';
import { notificationPersonalData } from './personal-data.ts';
import './policy.ts';
import { listNotifications, markRead, openNotification, unreadCount } from './service.ts';
import { getChannels, hasAccount, readUnsubscribeToken, setChannels, unsubscribe, type Channels, type Scope } from './settings.ts';
import { Bell } from './views/bell.tsx';
import { FollowButton } from './views/follow.tsx';
import { NotificationItem, NotificationsPage } from './views/list.tsx';
import { FollowingPage, SettingsPage, UnsubscribeInvalidPage, UnsubscribePage } from './views/pages.tsx';
import type { Translator } from '../../platform/http/i18n.ts';

const truthy = (v: unknown) => v === '1' || v === 'true' || v === true;

export function scopeLabel(i18n: Translator, scope: Scope): string {
  return isKind(scope) ? i18n.ta('notifications:unsubscribe.kind', { kind: i18n.ta(`notifications:kind.${scope}.label`) }) : i18n.ta(`notifications:unsubscribe.${scope}`);
}

export function notificationRoutes(app: FastifyInstance): void {
  const env = app.ctx;
  registerPersonalData('notifications', notificationPersonalData);

  // The bell in every signed-in page's header, and the follow buttons of other modules' pages: filled per request.
  app.pageServing.everyPage('header', async (req) => (req.actor.user ? String(await Bell({ i18n: req.i18n, count: await unreadCount(env.db, req.actor.user.id) })) : ''));
  app.pageServing.everyPage('follow', async (req, target) => {
    if (!target) return '';
    // The page's path, as the header's sign-in link has it: the same for every query, so visitors' copies match.
    const next = req.url.split(/[?#]/)[0] ?? '/';
    const following = req.actor.user ? await isFollowing(env.db, req.actor.user.id, target) : false;
    return String(await FollowButton({ ctx: req.view(), target, following, next }));
  });

  app.get('/notifications', { config: { rule: 'notification.read' } }, async (req, reply) => {
    const query = parse(ListQuery, req.query);
    const unreadOnly = truthy(query.unread);
    const page = await listNotifications(env.db, req.actor, { before: query.before, unread: unreadOnly });
    const unread = await unreadCount(env.db, req.actor.user!.id);
    return reply.page(NotificationsPage({ ctx: req.view(), page, unreadOnly, unread, today: now() }));
  });

  // Asked by htmx every minute from the header: the bell again, with its count of now.
  app.get('/notifications/bell', { config: { rule: 'notification.bell' }, preHandler: fragmentOf(() => '/notifications') }, async (req, reply) => {
    reply.header('cache-control', 'private, no-store');
    if (!req.actor.user) return reply.type('text/html; charset=utf-8').send('');
    return reply.type('text/html; charset=utf-8').send(await Bell({ i18n: req.i18n, count: await unreadCount(env.db, req.actor.user.id) }));
  });

  app.get('/notifications/:id/open', { config: { rule: 'notification.read' } }, async (req, reply) => {
    const { id } = parse(IdParams, req.params);
    return reply.redirect(await openNotification(env.db, req.actor, id), 303);
  });

  app.post('/notifications/:id/read', { config: { rule: 'notification.mark' } }, async (req, reply) => {
    const { id } = parse(IdParams, req.params);
    await markRead(env.db, req.actor.user!.id, [id]);
    if (req.htmx) {
      const [item] = (await listNotifications(env.db, req.actor, { before: id + 1, limit: 1 })).items.filter((i) => i.id === id);
      if (!item) throw new NotFound('notification');
      // The bell is out of band: its count follows the item just read.
      const bell = await Bell({ i18n: req.i18n, count: await unreadCount(env.db, req.actor.user!.id), oob: true });
      return reply.type('text/html; charset=utf-8').send(`${await NotificationItem({ ctx: req.view(), item })}${bell}`);
    }
    return reply.redirect('/notifications', 303);
  });

  app.post('/notifications/read-all', { config: { rule: 'notification.mark' } }, async (req, reply) => {
    const count = await markRead(env.db, req.actor.user!.id, 'all');
    return reply.flash({ kind: 'success', key: 'notifications:flash.allRead', vars: { count: String(count) } }).redirect('/notifications', 303);
  });

  app.get('/following', { config: { rule: 'follow.manage' } }, async (req, reply) => reply.page(FollowingPage({ ctx: req.view(), follows: await listFollows(env.db, req.actor) })));

  app.post('/follow', { config: { rule: 'follow.manage' } }, async (req, reply) => {
    const next = safeNext((req.body as { next?: unknown } | undefined)?.next, '/following');
    let active: boolean;
    let target: Awaited<ReturnType<typeof setFollow>>;
    try {
      const input: FollowInput = parse(FollowInput, req.body);
      active = input.follow === undefined ? true : truthy(input.follow);
      target = await setFollow(env.db, req.actor, input.target, active);
    } catch (error) {
      // Without JavaScript the person is sent back where they were, with the message; htmx gets the error's status.
      if (error instanceof ValidationFailed && !req.htmx) return reply.flash({ kind: 'error', key: 'notifications:validation.target' }).redirect(next, 303);
      throw error;
    }
    if (req.htmx) return reply.type('text/html; charset=utf-8').send(await FollowButton({ ctx: req.view(), target: target.target, following: active, next }));
    return reply.flash({ kind: 'success', key: active ? 'notifications:flash.followed' : 'notifications:flash.unfollowed', vars: { label: target.label } }).redirect(next, 303);
  });

  const settingsForm = (channels: Channels) => ({ values: channels as Record<string, unknown>, errors: {} });
  app.get('/account/notifications', { config: { rule: 'notification.settings' } }, async (req, reply) => reply.page(SettingsPage({ ctx: req.view(), form: settingsForm(await getChannels(env.db, req.actor.user!.id)) })));
  app.post('/account/notifications', { config: { rule: 'notification.settings' } }, async (req, reply) =>
    submitForm(reply, req.body, SettingsInput, async (input) => {
      await setChannels(env.db, req.actor.user!.id, input as Partial<Channels>);
      return reply.flash({ kind: 'success', key: 'notifications:flash.settingsSaved' }).redirect('/account/notifications', 303);
    }, (form) => SettingsPage({ ctx: req.view(), form })),
  );

  // One-click unsubscribe (RFC 8058): the mail client posts here without cookies; the signed token names one person
  // and one kind, and nothing else changes. A GET (a person following the link, or a scanner) only asks to confirm.
  // A link this server did not sign for an account that still exists — cut, altered, someone else's — gets a page
  // saying so, and changes nothing.
  const token = async (req: FastifyRequest) => {
    let raw: string;
    try {
      raw = parse(TokenParams, req.params).token;
    } catch (error) {
      if (error instanceof ValidationFailed) return undefined;
      throw error;
    }
    const read = readUnsubscribeToken(env.config.sessionSecret, raw);
    return read && (await hasAccount(env.db, read.userId)) ? { raw, ...read } : undefined;
  };
  const unsubscribePage = (req: FastifyRequest, reply: FastifyReply, found: Awaited<ReturnType<typeof token>>, done: boolean) => {
    reply.header('referrer-policy', 'no-referrer');
    if (!found) return reply.page(UnsubscribeInvalidPage({ ctx: req.view() }), 404);
    return reply.page(UnsubscribePage({ ctx: req.view(), token: found.raw, scopeLabel: scopeLabel(req.i18n, found.scope), done }));
  };
  app.get('/unsubscribe/:token', { config: { rule: 'notification.unsubscribe' } }, async (req, reply) => unsubscribePage(req, reply, await token(req), false));
  app.post('/unsubscribe/:token', { config: { rule: 'notification.unsubscribe', csrf: false } }, async (req, reply) => {
    const found = await token(req);
    if (found) await unsubscribe(env.db, found.userId, found.scope);
    return unsubscribePage(req, reply, found, true);
  });
}
