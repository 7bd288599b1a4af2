// The notifications page: newest first, grouped by day (Paris time), unread ones marked in words and in weight,
// each a link to what it is about; mark one read, or all; older ones a page further.
import { dateFormat, formatLocale } from '../../../platform/intl.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { parisLocal } from '../../consultations/phases.ts';
import { sentenceKey, varsOf, type Item } from '../delivery.ts';
import type { NotificationPage } from '../service.ts';

export function dayOf(date: Date): string {
  return parisLocal(date).slice(0, 10);
}

function dayLabel(ctx: ViewContext, day: string, today: string, yesterday: string): JSX.Element {
  if (day === today) return ctx.t('notifications:list.today');
  if (day === yesterday) return ctx.t('notifications:list.yesterday');
  return <span safe>{dateFormat(formatLocale(ctx.locale), { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`))}</span>;
}

export function NotificationItem({ ctx, item }: { ctx: ViewContext; item: Item }): JSX.Element {
  const time = dateFormat(formatLocale(ctx.locale), { timeStyle: 'short', timeZone: 'Europe/Paris' }).format(item.happenedAt);
  const unread = item.readAt === null;
  return (
    <li id={`notification-${item.id}`} class={unread ? 'notification unread' : 'notification'}>
      <a href={`/notifications/${item.id}/open`}>
        {unread ? <span class="visually-hidden">{ctx.t('notifications:list.unread')} </span> : ''}
        {ctx.t(sentenceKey(item), varsOf(item, ctx.ta))}
      </a>{' '}
      <small>
        <time datetime={item.happenedAt.toISOString()} safe>
          {time}
        </time>
      </small>
      {unread ? (
        <form method="post" action={`/notifications/${item.id}/read`} class="inline" data-hx-post={`/notifications/${item.id}/read`} data-hx-target={`#notification-${item.id}`} data-hx-swap="outerHTML">
          <CsrfField ctx={ctx} />
          <button type="submit" class="secondary outline">
            {ctx.t('notifications:list.markRead')}
            <span class="visually-hidden">{ctx.t('notifications:list.markReadWhich', varsOf(item, ctx.ta))}</span>
          </button>
        </form>
      ) : (
        ''
      )}
    </li>
  );
}

export function NotificationsPage({ ctx, page, unreadOnly, unread, today }: { ctx: ViewContext; page: NotificationPage; unreadOnly: boolean; unread: number; today: Date }): JSX.Element {
  const todayKey = dayOf(today);
  const yesterdayKey = dayOf(new Date(today.getTime() - 86_400_000));
  const days = new Map<string, Item[]>();
  for (const item of page.items) {
    const key = dayOf(item.happenedAt);
    days.set(key, [...(days.get(key) ?? []), item]);
  }
  const title = ctx.ta('notifications:list.title');
  return (
    <Layout ctx={ctx} title={unreadOnly ? ctx.ta('notifications:list.unreadTitle') : title} crumbs={[{ label: title }]} noindex>
      <h1>{ctx.t('notifications:list.title')}</h1>
      <p>{unread > 0 ? ctx.t('notifications:list.unreadCount', { count: unread }) : ctx.t('notifications:list.allRead')}</p>
      <nav aria-label={ctx.ta('notifications:list.tools')} class="notification-tools">
        <ul>
          <li>{unreadOnly ? <a href="/notifications">{ctx.t('notifications:list.showAll')}</a> : <a href="/notifications?unread=1">{ctx.t('notifications:list.showUnread')}</a>}</li>
          <li>
            <a href="/following">{ctx.t('notifications:following.title')}</a>
          </li>
          <li>
            <a href="/account/notifications">{ctx.t('notifications:settings.title')}</a>
          </li>
        </ul>
      </nav>
      {unread > 0 ? (
        <form method="post" action="/notifications/read-all">
          <CsrfField ctx={ctx} />
          <button type="submit" class="secondary">
            {ctx.t('notifications:list.markAllRead')}
          </button>
        </form>
      ) : (
        ''
      )}
      {page.items.length === 0 ? <p>{ctx.t(unreadOnly ? 'notifications:list.noneUnread' : 'notifications:list.none')}</p> : ''}
      {[...days].map(([day, items]) => (
        <section aria-labelledby={`day-${day}`}>
          <h2 id={`day-${day}`}>{dayLabel(ctx, day, todayKey, yesterdayKey)}</h2>
          <ul class="notifications">
            {items.map((item) => (
              <NotificationItem ctx={ctx} item={item} />
            ))}
          </ul>
        </section>
      ))}
      {page.next ? (
        <p>
          <a href={`/notifications?before=${page.next}${unreadOnly ? '&unread=1' : ''}`} rel="next">
            {ctx.t('notifications:list.older')}
          </a>
        </p>
      ) : (
        ''
      )}
      <p>
        <small>{ctx.t('notifications:list.kept')}</small>
      </p>
    </Layout>
  );
}
