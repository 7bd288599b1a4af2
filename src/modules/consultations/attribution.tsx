// Who a contribution is from, the same on its page, in lists and in the API. Typed on the site, it is its author and
// the one organization they chose to speak for (or themselves). Entered after a workshop, its author only typed it:
// it is from the workshop, said by a participant (named only when they agreed) and entered by an animator — the
// animator's organization is not the voice of the room, so it is not shown as the speaker.
import type { ViewContext } from '../../platform/views/context.ts';
import { personName } from '../accounts/views/name.tsx';
import type { ContributionOrigin } from './origins.ts';

export type Attribution =
  | { kind: 'author'; author: string; organization: string | null; coauthors: string[] }
  | { kind: 'room'; workshop: { label: string; href: string }; saidBy: string | null; enteredBy: string };

export function attributionOf(authorName: string, organizationName: string | null | undefined, origin?: ContributionOrigin, coauthors: string[] = []): Attribution {
  if (origin) return { kind: 'room', workshop: { label: origin.label, href: origin.href }, saidBy: origin.saidBy ?? null, enteredBy: authorName };
  return { kind: 'author', author: authorName, organization: organizationName ?? null, coauthors };
}

/** "Marie Dupont — Métropole de Lyon", or the name alone when the author speaks for themselves (plain text). */
export function byLine(ctx: ViewContext, authorName: string, organizationName: string | null | undefined): string {
  const name = personName(ctx, authorName);
  return organizationName ? ctx.ta('consultations:attribution.byOrganization', { name, organization: organizationName }) : name;
}

/** The attribution as a run of inline text, for a `.meta` paragraph. */
export function AttributionLine({ ctx, attribution: a }: { ctx: ViewContext; attribution: Attribution }) {
  if (a.kind === 'author') {
    return <span class="attribution" safe>{[byLine(ctx, a.author, a.organization), ...a.coauthors.map((name) => personName(ctx, name))].join(', ')}</span>;
  }
  return (
    <span class="attribution">
      {ctx.t('consultations:attribution.workshop')}{' '}
      <a href={a.workshop.href} safe>
        {a.workshop.label}
      </a>
      {a.saidBy ? <> · {ctx.t('consultations:attribution.saidBy', { name: a.saidBy })}</> : ''} · {ctx.t('consultations:attribution.enteredBy', { name: personName(ctx, a.enteredBy) })}
    </span>
  );
}

/** For the API: where room input came from, `author` being who entered it. */
export function workshopJson(origin: ContributionOrigin | undefined, url: (path: string) => string): { title: string; url: string; saidBy: string | null } | null {
  return origin ? { title: origin.label, url: url(origin.href), saidBy: origin.saidBy ?? null } : null;
}
