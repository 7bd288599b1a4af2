// Tabs for long management pages, drawn on the server: each tab is a link to its own address (`?tab=…`), so it works
// without JavaScript, can be bookmarked, and the back button goes back a tab. Not the ARIA tab pattern (which needs a
// script to move focus): a navigation whose current link says so with aria-current.
import type { ViewContext } from './context.ts';

export interface Tab<Id extends string = string> {
  id: Id;
  label: string;
}

/** The tab a query asks for, or the first one: a mistyped or stale `?tab=` shows the page rather than an error. */
export function tabOf<Id extends string>(query: unknown, tabs: readonly Tab<Id>[]): Id {
  const asked = (query as { tab?: unknown } | undefined)?.tab;
  return tabs.find((t) => t.id === asked)?.id ?? tabs[0]!.id;
}

/** A tab's address: the first tab is the page's plain address, the others carry `?tab=`. */
export function tabHref<Id extends string>(base: string, tabs: readonly Tab<Id>[], id: Id): string {
  return id === tabs[0]?.id ? base : `${base}?tab=${encodeURIComponent(id)}`;
}

export function Tabs<Id extends string>({ ctx, base, tabs, current, label }: { ctx: ViewContext; base: string; tabs: readonly Tab<Id>[]; current: Id; label?: string }) {
  return (
    <nav class="tabs" aria-label={label ?? ctx.ta('tabs.label')}>
      <ul>
        {tabs.map((tab) => (
          <li>
            <a href={tabHref(base, tabs, tab.id)} aria-current={tab.id === current ? 'page' : undefined} safe>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
