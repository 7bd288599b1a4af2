// The page frame: skip link, header with navigation, account menu and language switch, breadcrumbs, footer.
import type { Children } from '@kitajs/html';
import type { ViewContext } from './context.ts';
import { Icon } from './icons.tsx';
import { CsrfField } from './form.tsx';

export interface Crumb {
  href?: string;
  label: string;
}

interface LayoutProps {
  ctx: ViewContext;
  title: string;
  crumbs?: Crumb[];
  /** pages that only serve people signed in, or forms with tokens, must not be indexed */
  noindex?: boolean;
  children?: Children;
}

function NavLink({ ctx, href, children }: { ctx: ViewContext; href: string; children: JSX.Element }) {
  const current = ctx.path === href || ctx.path.startsWith(`${href}/`);
  return (
    <li>
      <a href={href} aria-current={current ? 'page' : undefined}>
        {children}
      </a>
    </li>
  );
}

function AccountMenu({ ctx }: { ctx: ViewContext }) {
  if (!ctx.user) {
    return (
      <ul class="nav-account">
        <li>
          <a href={`/login?next=${encodeURIComponent(ctx.path)}`}>{ctx.t('nav.login')}</a>
        </li>
        <li>
          <a href="/register" class="button outline">
            {ctx.t('nav.register')}
          </a>
        </li>
      </ul>
    );
  }
  // A marker filled in for each person as the page is sent (page-serving.ts `everyPage('header')`): the notification
  // bell. No text of anyone's.
  const safeHeaderSlot = ctx.slot?.('header') ?? '';
  // The person's own links behind their name (a disclosure, so without JavaScript too): the header keeps one item for
  // them whatever their roles, and holds on one line from 1024 px. On small screens the list shows inside the menu.
  return (
    <ul class="nav-account">
      {safeHeaderSlot ? <li class="header-slot">{safeHeaderSlot}</li> : ''}
      <li>
        <details class="account-menu">
          <summary>
            <Icon name="user" /> <span safe>{ctx.user.displayName}</span>
          </summary>
          <ul>
            <li>
              <a href="/me">{ctx.t('me:title')}</a>
            </li>
            <li>
              <a href="/account">{ctx.t('nav.account')}</a>
            </li>
            {ctx.user.platformRole === 'admin' ? (
              <li>
                <a href="/admin">{ctx.t('nav.admin')}</a>
              </li>
            ) : ctx.user.platformRole === 'moderator' ? (
              <li>
                <a href="/admin/users">{ctx.t('nav.moderation')}</a>
              </li>
            ) : (
              ''
            )}
            <li>
              <form method="post" action={ctx.signOutAction} class="inline">
                <CsrfField ctx={ctx} />
                <button type="submit" class="secondary outline">
                  {ctx.t('nav.logout')}
                </button>
              </form>
            </li>
          </ul>
        </details>
      </li>
    </ul>
  );
}

/** A visitor's choice is only a cookie, so a link will do and the page stays free of tokens (and cacheable). */
function LanguageSwitch({ ctx }: { ctx: ViewContext }) {
  const other = ctx.locale === 'fr' ? 'en' : 'fr';
  if (!ctx.user) {
    return (
      <a href={`/language?locale=${other}&next=${encodeURIComponent(ctx.path)}`} lang={other} hreflang={other} class="secondary">
        {ctx.t(`nav.switchTo.${other}`)}
      </a>
    );
  }
  return (
    <form method="post" action="/language" class="inline">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="next" value={ctx.path} />
      <button type="submit" name="locale" value={other} class="secondary outline" lang={other}>
        {ctx.t(`nav.switchTo.${other}`)}
      </button>
    </form>
  );
}

function Breadcrumbs({ ctx, crumbs }: { ctx: ViewContext; crumbs: Crumb[] }) {
  return (
    <nav aria-label={ctx.ta('nav.breadcrumb')} class="breadcrumb">
      <ul>
        <li>
          <a href="/">{ctx.t('nav.home')}</a>
        </li>
        {crumbs.map((crumb) => (
          <li>{crumb.href ? <a href={crumb.href} safe>{crumb.label}</a> : <span aria-current="page" safe>{crumb.label}</span>}</li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * A flash travels in a cookie, its values as text; i18next chooses a plural form only for a numeric `count`, so the
 * count is a number again here ("1 contribution publiée", "2 contributions publiées").
 */
function flashVars(vars: Record<string, string> | undefined): Record<string, string | number> | undefined {
  if (!vars?.count || !/^\d+$/.test(vars.count)) return vars;
  return { ...vars, count: Number(vars.count) };
}

function FlashMessage({ ctx }: { ctx: ViewContext }) {
  if (!ctx.flash) return '';
  return (
    <div class={`flash flash-${ctx.flash.kind}`} role={ctx.flash.kind === 'error' ? 'alert' : 'status'}>
      {ctx.t(ctx.flash.key, flashVars(ctx.flash.vars))}
    </div>
  );
}

/**
 * A page that answers a rejected form (its fields checked and refused, or its sending refused) says so first in its
 * title, the first thing a screen reader announces and what the tab shows. Done on the finished page, so every form
 * has it whatever view re-renders it.
 */
export function rejectedTitle(ctx: ViewContext, html: string): string {
  return html.replace('<title>', `<title>${ctx.t('site.rejected')}`);
}

export function Layout({ ctx, title, crumbs, noindex, children }: LayoutProps): JSX.Element {
  const v = ctx.assetVersion;
  return (
    <>
      {'<!doctype html>'}
      <html lang={ctx.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{`${title} · Parvis`}</title>
          <meta name="description" content={ctx.ta('site.tagline')} />
          {noindex ? <meta name="robots" content="noindex" /> : ''}
          <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowScriptTags":false}' />
          <link rel="icon" href={`/assets/icons/favicon.svg?v=${v}`} type="image/svg+xml" />
          <link rel="stylesheet" href={`/assets/pico.min.css?v=${v}`} />
          <link rel="stylesheet" href={`/assets/css/parvis.css?v=${v}`} />
          <script src={`/assets/htmx.min.js?v=${v}`} defer></script>
          <script src={`/assets/js/parvis.js?v=${v}`} defer></script>
        </head>
        <body data-hx-headers={ctx.user ? JSON.stringify({ 'csrf-token': ctx.csrfToken }) : undefined}>
          <a href="#main" class="skip-link">
            {ctx.t('nav.skip')}
          </a>
          <header class="site-header">
            <nav class="container site-nav" aria-label={ctx.ta('nav.main')}>
              <a href="/" class="brand" aria-label={ctx.ta('nav.homeBrand')}>
                Parvis
              </a>
              {/* A disclosure, so the menu opens without JavaScript; wide screens show its content inline (parvis.css). */}
              <details class="site-menu">
                <summary>{ctx.t('nav.menu')}</summary>
                <div class="site-menu-panel">
                  <ul class="nav-links">
                    <NavLink ctx={ctx} href="/consultations">
                      {ctx.t('consultations:nav')}
                    </NavLink>
                    <NavLink ctx={ctx} href="/events">
                      {ctx.t('events:nav')}
                    </NavLink>
                    <NavLink ctx={ctx} href="/projects">
                      {ctx.t('projects:nav')}
                    </NavLink>
                    <NavLink ctx={ctx} href="/organizations">
                      {ctx.t('nav.organizations')}
                    </NavLink>
                    <NavLink ctx={ctx} href="/search">
                      {ctx.t('search:nav')}
                    </NavLink>
                  </ul>
                  <AccountMenu ctx={ctx} />
                  <ul class="nav-language">
                    <li>
                      <LanguageSwitch ctx={ctx} />
                    </li>
                  </ul>
                </div>
              </details>
            </nav>
          </header>
          <main id="main" class="container" tabindex="-1">
            {crumbs ? <Breadcrumbs ctx={ctx} crumbs={crumbs} /> : ''}
            <FlashMessage ctx={ctx} />
            {children}
          </main>
          <footer class="site-footer">
            <nav class="container" aria-label={ctx.ta('nav.footer')}>
              <ul>
                <li>
                  <a href="/pages/legal-notice">{ctx.t('footer.legal')}</a>
                </li>
                <li>
                  <a href="/pages/accessibility">{ctx.t('footer.accessibility')}</a>
                </li>
                <li>
                  <a href="/pages/charter">{ctx.t('footer.charter')}</a>
                </li>
                <li>
                  <a href="/pages/contact">{ctx.t('footer.contact')}</a>
                </li>
                <li>
                  <a href="/open-data">{ctx.t('opendata:title')}</a>
                </li>
                <li>
                  <a href="/api">{ctx.t('footer.api')}</a>
                </li>
              </ul>
            </nav>
          </footer>
        </body>
      </html>
    </>
  );
}
