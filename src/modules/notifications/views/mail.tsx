// The e-mails of notifications — one notification at once, or a digest grouped by consultation and project — in
// the person's language, as plain text and HTML, each with a one-click unsubscribe for that person and kind.
import { dateFormat, formatLocale } from '../../../platform/intl.ts';
import { translator } from '../../../platform/http/i18n.ts';
import type { MailMessage } from '../../../platform/mail/index.ts';
import type { Locale } from '../../accounts/schema.ts';
import { groupOf, hrefOf, sentenceKey, varsOf, type Item } from '../delivery.ts';

export interface MailOptions {
  to: string;
  locale: Locale;
  publicUrl: string;
  /** the unsubscribe URL, bound to this person and this mail's kind or digest */
  unsubscribeUrl: string;
  /** `immediate`, `daily` or `weekly` */
  mode: 'immediate' | 'daily' | 'weekly';
  items: Item[];
}

interface Group {
  title: string;
  href?: string;
  items: Item[];
}

function grouped(items: Item[]): Group[] {
  const groups = new Map<string, Group>();
  for (const item of items) {
    const g = groupOf(item);
    if (!groups.has(g.key)) groups.set(g.key, { title: g.title, href: g.href, items: [] });
    groups.get(g.key)!.items.push(item);
  }
  // Items with no consultation or project (a moderation decision) go last.
  return [...groups.entries()].sort(([a], [b]) => Number(a === 'other') - Number(b === 'other')).map(([, g]) => g);
}

export function notificationMail(options: MailOptions): MailMessage {
  const { ta, t } = translator(options.locale);
  const url = (path: string) => `${options.publicUrl}${path}`;
  const when = (d: Date) => dateFormat(formatLocale(options.locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(d);
  const sentence = (item: Item) => ta(sentenceKey(item), varsOf(item, ta));
  const groups = grouped(options.items);
  const count = options.items.length;
  const subject =
    options.mode === 'immediate'
      ? count === 1
        ? ta('notifications:mail.subject.one', { text: sentence(options.items[0]!) })
        : ta('notifications:mail.subject.several', { count })
      : ta(`notifications:mail.subject.${options.mode}`, { count });
  const intro = options.mode === 'immediate' ? ta('notifications:mail.intro.immediate') : ta(`notifications:mail.intro.${options.mode}`, { count });
  const settings = url('/account/notifications');
  const why = ta(options.mode === 'immediate' ? 'notifications:mail.why.immediate' : `notifications:mail.why.${options.mode}`);

  const textLines = [intro, ''];
  for (const group of groups) {
    if (group.title) textLines.push(`## ${group.title}`, '');
    for (const item of group.items) textLines.push(`- ${sentence(item)} (${when(item.happenedAt)})`, `  ${url(hrefOf(item))}`);
    textLines.push('');
  }
  textLines.push('--', why, `${ta('notifications:mail.settings')} ${settings}`, `${ta('notifications:mail.unsubscribe')} ${options.unsubscribeUrl}`);

  const html = (
    <>
      {'<!doctype html>'}
      <html lang={options.locale}>
        <head>
          <meta charset="utf-8" />
          <title safe>{subject}</title>
        </head>
        <body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1f24; max-width: 40rem; margin: 0 auto; padding: 1rem;">
          <p safe>{intro}</p>
          {groups.map((group) => (
            <section>
              {group.title ? (
                <h2 style="font-size: 1.1rem; margin: 1.5rem 0 0.5rem;">{group.href ? <a href={url(group.href)} safe>{group.title}</a> : <span safe>{group.title}</span>}</h2>
              ) : (
                ''
              )}
              <ul style="padding-left: 1.2rem;">
                {group.items.map((item) => (
                  <li style="margin-bottom: 0.5rem;">
                    <a href={url(hrefOf(item))}>{t(sentenceKey(item), varsOf(item, ta))}</a>
                    <br />
                    <small style="color: #4a5563;" safe>
                      {when(item.happenedAt)}
                    </small>
                  </li>
                ))}
              </ul>
            </section>
          ))}
          <hr />
          <p style="font-size: 0.85rem; color: #4a5563;">
            {t(options.mode === 'immediate' ? 'notifications:mail.why.immediate' : `notifications:mail.why.${options.mode}`)}{' '}
            <a href={settings}>{t('notifications:mail.settingsLink')}</a> · <a href={options.unsubscribeUrl}>{t('notifications:mail.unsubscribeLink')}</a>
          </p>
        </body>
      </html>
    </>
  ) as string;

  return {
    to: options.to,
    subject,
    text: textLines.join('\n'),
    html,
    headers: {
      // RFC 8058: the mail client posts "List-Unsubscribe=One-Click" to this address; no sign-in, no second step.
      'List-Unsubscribe': `<${options.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    },
  };
}
