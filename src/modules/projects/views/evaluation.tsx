// The owner team's pages: the responses ranked by their weighted score, and the grid of criteria.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, ErrorSummary, Field, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { DataTable } from '../../../platform/views/table.tsx';
import type { Criterion, RankedResponse } from '../evaluation.ts';
import type { Project } from '../service.ts';
import { formatNumber, formatPercent } from '../../../platform/numbers.ts';
import { ProjectTabs, formatScore, pageTitle } from './components.tsx';

const crumbsFor = (ctx: ViewContext, project: Project, label: string) => [{ href: '/projects', label: ctx.ta('projects:list.title') }, { href: `/projects/${project.id}`, label: project.title }, { label }];

export function ResponsesPage({ ctx, project, ranked }: { ctx: ViewContext; project: Project; ranked: RankedResponse[] }) {
  const title = ctx.ta('projects:evaluation.responsesTitle', { title: project.title });
  const shortlisted = ranked.filter((r) => r.status === 'shortlisted' || r.status === 'retained');
  return (
    <Layout ctx={ctx} title={pageTitle(title)} crumbs={crumbsFor(ctx, project, ctx.ta('projects:tab.responses'))} noindex>
      <h1 safe>{title}</h1>
      <ProjectTabs ctx={ctx} project={project} current="/responses" owner />
      <p>{ctx.t('projects:evaluation.internal')}</p>
      {ranked.length === 0 ? (
        <p>{ctx.t('projects:evaluation.noResponses')}</p>
      ) : (
        <DataTable
          caption={ctx.t('projects:evaluation.ranking')}
          headers={[ctx.t('projects:evaluation.rank'), ctx.t('projects:response.organization'), ctx.t('projects:evaluation.weighted'), ctx.t('projects:evaluation.evaluators'), ctx.t('projects:response.status')]}
        >
          {ranked.map((r, i) => (
            <tr>
              <td safe>{formatNumber(ctx.locale, i + 1)}</td>
              <td>
                <a href={`/projects/${project.id}/responses/${r.id}`} safe>
                  {r.organization}
                </a>
              </td>
              <td>{r.score === null ? ctx.t('projects:evaluation.unscored') : <span safe>{`${formatScore(ctx, r.score, true)} / 5`}</span>}</td>
              <td safe>{formatNumber(ctx.locale, r.evaluators)}</td>
              <td>{ctx.t(`projects:status.${r.status}`)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <section aria-labelledby="shortlist-title">
        <h2 id="shortlist-title">{ctx.t('projects:evaluation.shortlist')}</h2>
        {shortlisted.length === 0 ? (
          <p>{ctx.t('projects:evaluation.shortlistEmpty')}</p>
        ) : (
          <ul>
            {shortlisted.map((r) => (
              <li>
                <a href={`/projects/${project.id}/responses/${r.id}`} safe>
                  {r.organization}
                </a>{' '}
                — {ctx.t(`projects:status.${r.status}`)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

export function CriteriaPage({ ctx, project, criteria, form }: { ctx: ViewContext; project: Project; criteria: Criterion[]; form: FormState }) {
  const title = ctx.ta('projects:criteria.title', { title: project.title });
  const labels = { label: ctx.ta('projects:criteria.label'), weight: ctx.ta('projects:criteria.weight') };
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  return (
    <Layout ctx={ctx} title={pageTitle(title)} crumbs={crumbsFor(ctx, project, ctx.ta('projects:tab.criteria'))} noindex>
      <h1 safe>{title}</h1>
      <ProjectTabs ctx={ctx} project={project} current="/criteria" owner />
      {criteria.length === 0 ? (
        <p>{ctx.t('projects:criteria.empty')}</p>
      ) : (
        <DataTable caption={ctx.t('projects:criteria.caption')} headers={[labels.label, labels.weight, ctx.t('projects:criteria.share'), ctx.t('projects:criteria.actions')]}>
          {criteria.map((c) => (
            <tr>
              <td safe>{c.label}</td>
              <td safe>{formatNumber(ctx.locale, c.weight)}</td>
              <td safe>{formatPercent(ctx.locale, c.weight / total)}</td>
              <td>
                <form method="post" action={`/projects/${project.id}/criteria/${c.id}/delete`}>
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="secondary">
                    {ctx.t('projects:criteria.delete')}
                    <span class="visually-hidden" safe>
                      {` ${c.label}`}
                    </span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2>{ctx.t('projects:criteria.add')}</h2>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={`/projects/${project.id}/criteria`} novalidate>
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="label" label={labels.label} required maxlength={200} />
        <Field ctx={ctx} form={form} name="weight" label={labels.weight} hint={ctx.ta('projects:criteria.weightHint')} required inputmode="numeric" maxlength={3} />
        <button type="submit">{ctx.t('projects:criteria.submit')}</button>
      </form>
    </Layout>
  );
}
