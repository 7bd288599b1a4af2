// The bell in the header: a link to the notifications with the unread count — a plain link without JavaScript; with
// htmx it asks for its own fragment again every minute. Personal, so it is a slot filled for each request, never
// part of a page kept for a persona.
import type { Translator } from '../../../platform/http/i18n.ts';
import { countCap } from '../service.ts';

export function BellIcon(): JSX.Element {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M22 20H2v-2h1v-6.969C3 6.043 7.03 2 12 2s9 4.043 9 9.031V18h1v2ZM5 18h14v-6.969C19 7.148 15.866 4 12 4s-7 3.148-7 7.031V18Zm4.5 3h5a2.5 2.5 0 0 1-5 0Z"
      />
    </svg>
  );
}

/** `oob`: sent beside another fragment (an item marked read), htmx swaps it into the header in passing. */
export function Bell({ i18n, count, oob }: { i18n: Translator; count: number; oob?: boolean }): JSX.Element {
  const shown = count >= countCap ? `${countCap - 1}+` : String(count);
  return (
    <a href="/notifications" id="notification-bell" class="bell" data-hx-get="/notifications/bell" data-hx-trigger="every 60s" data-hx-swap="outerHTML" data-hx-swap-oob={oob ? 'true' : undefined}>
      <BellIcon />
      {count > 0 ? (
        <>
          <span class="bell-count" aria-hidden="true" safe>
            {shown}
          </span>
          <span class="visually-hidden">{i18n.t('notifications:bell.unread', { count, shown })}</span>
        </>
      ) : (
        <span class="visually-hidden">{i18n.t('notifications:bell.none')}</span>
      )}
    </a>
  );
}
