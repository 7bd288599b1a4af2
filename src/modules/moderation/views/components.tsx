// Small pieces the moderation pages share, and the banner other modules show above a hidden item to those who still
// see it (its author, the moderators).
import type { ViewContext } from '../../../platform/views/context.ts';
import { dateFormat } from '../../../platform/intl.ts';
import type { HiddenNotice } from '../visibility.ts';

export function formatWhen(ctx: ViewContext, date: Date | null): string {
  return date ? dateFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(date) : '';
}

/** A date and time as a `<time>` element: read in Paris time, machine-readable in `datetime`. */
export function When({ ctx, date }: { ctx: ViewContext; date: Date | null }): JSX.Element {
  return date ? (
    <time datetime={date.toISOString()} safe>
      {formatWhen(ctx, date)}
    </time>
  ) : (
    ''
  );
}

/** "Hidden by the moderators: <reason>", for the author (and the moderators) above what only they still see. */
export function HiddenBanner({ ctx, notice, author }: { ctx: ViewContext; notice: HiddenNotice; author: boolean }) {
  return (
    <div class="notice hidden-notice" role="note">
      <p>
        <strong>{ctx.t(notice.automatic ? 'moderation:hidden.automaticTitle' : 'moderation:hidden.title')}</strong>{' '}
        {notice.reason ? <span safe>{notice.reason}</span> : ctx.t('moderation:hidden.automatic')}
      </p>
      <p class="meta">{ctx.t(author ? 'moderation:hidden.authorOnly' : 'moderation:hidden.moderatorsOnly')}</p>
    </div>
  );
}

/** What readers see in place of a hidden item that keeps its place (a comment in its thread). */
export function HiddenPlaceholder({ ctx, notice }: { ctx: ViewContext; notice: HiddenNotice }) {
  return (
    <p class="meta hidden-placeholder">
      {ctx.t('moderation:hidden.placeholder')} {notice.reason ? <span safe>{notice.reason}</span> : ctx.t('moderation:hidden.automatic')}
    </p>
  );
}

export function KindBadge({ ctx, kind }: { ctx: ViewContext; kind: string }) {
  return <span class="badge">{ctx.t(`moderation:kind.${kind}`)}</span>;
}

export function ModerationTabs({ ctx, current, counts }: { ctx: ViewContext; current: string; counts?: { open?: number } }) {
  const tabs: [string, string][] = [
    ['open', '/moderation'],
    ['hidden', '/moderation?tab=hidden'],
    ['blocked', '/moderation?tab=blocked'],
  ];
  return (
    <nav aria-label={ctx.ta('moderation:queue.tabs')} class="tabs">
      <ul>
        {tabs.map(([tab, href]) => (
          <li>
            <a href={href} aria-current={current === tab ? 'page' : undefined}>
              {ctx.t(`moderation:queue.tab.${tab}`)}
              {tab === 'open' && counts?.open !== undefined ? ` (${counts.open})` : ''}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
