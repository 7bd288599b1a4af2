// "My space": one section per kind of thing a person owns, each with its total, its newest items and, where a full
// list exists elsewhere, a link to it.
import { formatLocale, numberFormat } from '../../../platform/intl.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { formatDate } from '../../consultations/views/components.tsx';
import type { MyContribution } from '../../consultations/mine.ts';
import type { MySpace } from '../service.ts';
import type { Section } from '../listing.ts';

interface SectionProps<T> {
  ctx: ViewContext;
  id: string;
  section: Section<T>;
  /** the page that lists them all, when there is one */
  all?: string;
  item: (item: T) => JSX.Element;
}

function MySection<T>({ ctx, id, section, all, item }: SectionProps<T>): JSX.Element {
  return (
    <section aria-labelledby={`me-${id}`}>
      <h2 id={`me-${id}`}>
        {ctx.t(`me:${id}.title`)} <span class="badge" safe>{numberFormat(formatLocale(ctx.locale), {}).format(section.total)}</span>
      </h2>
      {section.items.length === 0 ? (
        <p>{ctx.t(`me:${id}.empty`)}</p>
      ) : (
        <>
          <ul class="card-list">{section.items.map((i) => <li>{item(i)}</li>)}</ul>
          {section.total > section.items.length ? <p>{ctx.t('me:newest', { count: section.items.length })}</p> : ''}
        </>
      )}
      {all && section.total > 0 ? (
        <p>
          <a href={all}>{ctx.t(`me:${id}.all`)}</a>
        </p>
      ) : (
        ''
      )}
    </section>
  );
}

function Contribution({ ctx, c }: { ctx: ViewContext; c: MyContribution }): JSX.Element {
  return (
    <>
      <a href={`/contributions/${c.id}`} safe>
        {c.title}
      </a>{' '}
      · {ctx.t(`me:state.${c.state}`)} · <a href={`/consultations/${c.consultationSlug}/phases/${c.phasePosition}`} safe>{`${c.consultationTitle} — ${c.phaseTitle}`}</a> · <time datetime={c.createdAt.toISOString()} safe>{formatDate(ctx, c.createdAt)}</time>
    </>
  );
}

export function MySpacePage({ ctx, space }: { ctx: ViewContext; space: MySpace }): JSX.Element {
  const title = ctx.ta('me:title');
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ label: title }]} noindex>
      <h1>{ctx.t('me:title')}</h1>
      <p>{ctx.t('me:intro')}</p>
      <MySection ctx={ctx} id="drafts" section={space.drafts} item={(c) => <Contribution ctx={ctx} c={c} />} />
      <MySection ctx={ctx} id="contributions" section={space.contributions} item={(c) => <Contribution ctx={ctx} c={c} />} />
      <MySection
        ctx={ctx}
        id="responses"
        section={space.responses}
        item={(r) => (
          <>
            <a href={`/projects/${r.projectId}/responses/${r.id}`} safe>
              {r.projectTitle}
            </a>{' '}
            · {r.withdrawn ? ctx.t('me:responses.withdrawn') : ctx.t(`projects:status.${r.status}`)} · <span safe>{r.organizationName}</span> · <time datetime={r.createdAt.toISOString()} safe>{formatDate(ctx, r.createdAt)}</time>
          </>
        )}
      />
      <MySection
        ctx={ctx}
        id="projects"
        section={space.projects}
        item={(p) => (
          <>
            <a href={`/projects/${p.id}`} safe>
              {p.title}
            </a>{' '}
            · {ctx.t(`projects:state.${p.state}`)} · <span safe>{p.organizationName}</span>
          </>
        )}
      />
      <MySection
        ctx={ctx}
        id="registrations"
        section={space.registrations}
        all="/events/mine"
        item={(e) => (
          <>
            <a href={`/events/${e.id}`} safe>
              {e.title}
            </a>{' '}
            · <time datetime={e.startsAt.toISOString()} safe>{formatDate(ctx, e.startsAt, true)}</time> · {e.cancelled ? ctx.t('me:cancelled') : ctx.t(`events:status.${e.status}`)}
          </>
        )}
      />
      <MySection
        ctx={ctx}
        id="animated"
        section={space.animated}
        item={(e) => (
          <>
            <a href={`/events/${e.id}`} safe>
              {e.title}
            </a>{' '}
            · <time datetime={e.startsAt.toISOString()} safe>{formatDate(ctx, e.startsAt, true)}</time> · <span safe>{e.organizationName}</span>
            {e.cancelled ? <> · {ctx.t('me:cancelled')}</> : ''}
          </>
        )}
      />
      <MySection
        ctx={ctx}
        id="organizations"
        section={space.organizations}
        item={(o) => (
          <>
            <a href={`/organizations/${o.slug}`} safe>
              {o.name}
            </a>{' '}
            · {o.status === 'requested' ? ctx.t('me:organizations.requested') : ctx.t(`organizations:role.${o.role}`)}
          </>
        )}
      />
    </Layout>
  );
}
