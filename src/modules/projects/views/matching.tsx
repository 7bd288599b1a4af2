// Matching pages: companies that could answer a project (for its owner team), projects for a company, and the
// alert settings.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Checkboxes, CsrfField, ErrorSummary, type FormState } from '../../../platform/views/form.tsx';
import { listState } from '../../territories/resolve.ts';
import { TerritoryList } from '../../territories/views.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { CandidateOrganization, Match, SuggestedProject } from '../matching.ts';
import { invitesOrganizations } from '../invitations.ts';
import type { OrganizationRef, Project } from '../service.ts';
import { InviteButton } from './invitations.tsx';
import { ProjectTabs, ReasonList, domainOptions, formatDate, pageTitle } from './components.tsx';

export function MatchesPage({ ctx, project, matches, canInvite }: { ctx: ViewContext; project: Project; matches: Match<CandidateOrganization>[]; canInvite: boolean }) {
  const title = ctx.ta('projects:matches.title', { title: project.title });
  return (
    <Layout ctx={ctx} title={pageTitle(title)} crumbs={[{ href: '/projects', label: ctx.ta('projects:list.title') }, { href: `/projects/${project.id}`, label: project.title }, { label: ctx.ta('projects:tab.matches') }]} noindex>
      <h1 safe>{title}</h1>
      <ProjectTabs ctx={ctx} project={project} current="/matches" owner />
      <p>{ctx.t('projects:matches.intro')}</p>
      {canInvite && invitesOrganizations(project) ? (
        <p>
          <a href={`/projects/${project.id}/invitations`}>{ctx.t('projects:invitations.manage')}</a>
        </p>
      ) : (
        ''
      )}
      {matches.length === 0 ? (
        <p>{ctx.t('projects:matches.empty')}</p>
      ) : (
        <ol class="card-list">
          {matches.map((m) => (
            <li>
              <article>
                <h2>
                  <a href={`/organizations/${m.item.slug}`} safe>
                    {m.item.name}
                  </a>
                </h2>
                <p class="meta">
                  {ctx.t(`organizations:type.${m.item.type}`)}
                  {invitesOrganizations(project) ? <> · {ctx.t(project.invitedOrganizationIds.includes(m.item.id) ? 'projects:matches.invited' : 'projects:matches.notInvited')}</> : ''}
                </p>
                <ReasonList ctx={ctx} reasons={m.reasons} />
                {canInvite && invitesOrganizations(project) && !project.invitedOrganizationIds.includes(m.item.id) ? <InviteButton ctx={ctx} project={project} organization={m.item} back="matches" /> : ''}
              </article>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}

export function ForYouPage({ ctx, organizations, current, matches }: { ctx: ViewContext; organizations: OrganizationRef[]; current: OrganizationRef; matches: Match<SuggestedProject>[] }) {
  const title = ctx.ta('projects:forYou.title');
  return (
    <Layout ctx={ctx} title={pageTitle(title)} crumbs={[{ href: '/projects', label: ctx.ta('projects:list.title') }, { label: title }]} noindex>
      <h1>{ctx.t('projects:forYou.title')}</h1>
      <p>{ctx.t('projects:forYou.intro', { organization: current.name })}</p>
      {organizations.length > 1 ? (
        <form method="get" action="/projects/for-you">
          <label for="for-organization">{ctx.t('projects:forYou.organization')}</label>
          <select id="for-organization" name="organization">
            {organizations.map((o) => (
              <option value={String(o.id)} selected={o.id === current.id} safe>
                {o.name}
              </option>
            ))}
          </select>
          <button type="submit">{ctx.t('form.filter')}</button>
        </form>
      ) : (
        ''
      )}
      {matches.length === 0 ? (
        <p>{ctx.t('projects:forYou.empty')}</p>
      ) : (
        <ol class="card-list">
          {matches.map((m) => (
            <li>
              <article>
                <h2>
                  <a href={`/projects/${m.item.id}`} safe>
                    {m.item.title}
                  </a>
                </h2>
                <p class="meta">
                  <span safe>{m.item.owner}</span>
                  {m.item.deadline ? <> · {ctx.t('projects:list.deadline', { date: formatDate(ctx, m.item.deadline) })}</> : ''}
                </p>
                <ReasonList ctx={ctx} reasons={m.reasons} />
              </article>
            </li>
          ))}
        </ol>
      )}
      <p>
        <a href="/projects/alerts">{ctx.t('projects:alerts.title')}</a>
      </p>
    </Layout>
  );
}

export function AlertsPage({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const title = ctx.ta('projects:alerts.title');
  const labels = { domains: ctx.ta('projects:field.domains'), territories: ctx.ta('projects:alerts.territories') };
  return (
    <Layout ctx={ctx} title={pageTitle(title)} crumbs={[{ href: '/projects', label: ctx.ta('projects:list.title') }, { label: title }]} noindex>
      <h1>{ctx.t('projects:alerts.title')}</h1>
      <p>{ctx.t('projects:alerts.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action="/projects/alerts" novalidate>
        <CsrfField ctx={ctx} />
        <Checkboxes ctx={ctx} form={form} name="domains" legend={labels.domains} options={domainOptions(ctx)} />
        <TerritoryList ctx={ctx} form={form} name="territories" legend={labels.territories} hint={ctx.ta('projects:alerts.territoriesHint')} {...listState(form.values, 'territories')} />
        <button type="submit">{ctx.t('form.save')}</button>
      </form>
    </Layout>
  );
}
