// The invitations of a restricted project, for its owner team: who is invited, by whom and when, a search by name or
// SIRET with an "Invite" button per organization found, and the way to revoke (through a confirmation page).
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, ErrorSummary, Field, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { invitesOrganizations, searchLimits, type Candidate, type Invitation } from '../invitations.ts';
import type { Project } from '../service.ts';
import { formatDate, pageTitle } from './components.tsx';

/** One "Invite" button: a form of its own, so it works without JavaScript; `back` says which page to return to. */
export function InviteButton({ ctx, project, organization, q, back }: { ctx: ViewContext; project: { id: number }; organization: { id: number; name: string }; q?: string; back?: 'matches' }) {
  return (
    <form method="post" action={`/projects/${project.id}/invitations`} class="inline">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="organization" value={String(organization.id)} />
      {q ? <input type="hidden" name="q" value={q} /> : ''}
      {back ? <input type="hidden" name="back" value={back} /> : ''}
      <button type="submit" class="secondary">
        {ctx.t('projects:invitations.invite')}
        <span class="visually-hidden" safe>
          {` ${organization.name}`}
        </span>
      </button>
    </form>
  );
}

/** The invited organizations, newest first; shown on the project's page (management part) and on this one. */
export function InvitationList({ ctx, project, invitations }: { ctx: ViewContext; project: { id: number }; invitations: Invitation[] }) {
  if (invitations.length === 0) return <p>{ctx.t('projects:invitations.none')}</p>;
  return (
    <ul class="invitation-list">
      {invitations.map((i) => (
        <li>
          <a href={`/organizations/${i.organization.slug}`} safe>
            {i.organization.name}
          </a>{' '}
          · {i.invitedBy ? ctx.t('projects:invitations.by', { name: i.invitedBy, date: formatDate(ctx, i.invitedAt) }) : ctx.t('projects:invitations.at', { date: formatDate(ctx, i.invitedAt) })} ·{' '}
          <a href={`/projects/${project.id}/invitations/${i.organization.id}/revoke`}>
            {ctx.t('projects:invitations.revoke')}
            <span class="visually-hidden" safe>
              {` ${i.organization.name}`}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

function Results({ ctx, project, q, candidates }: { ctx: ViewContext; project: Project; q: string; candidates: Candidate[] }) {
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">{ctx.t('projects:invitations.results', { q })}</h2>
      {candidates.length === 0 ? (
        <p>{ctx.t('projects:invitations.noResult', { q })}</p>
      ) : (
        <ul class="card-list">
          {candidates.map((c) => (
            <li>
              <a href={`/organizations/${c.slug}`} safe>
                {c.name}
              </a>{' '}
              · {ctx.t(`organizations:type.${c.type}`)}
              {c.siret ? <> · {ctx.t('projects:invitations.siret', { siret: c.siret })}</> : ''}{' '}
              {c.invited ? <>· {ctx.t('projects:invitations.alreadyInvited')}</> : <InviteButton ctx={ctx} project={project} organization={c} q={q} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export interface InvitationsPageProps {
  ctx: ViewContext;
  project: Project;
  invitations: Invitation[];
  /** the search as typed, and what it found (none before a search) */
  form: FormState;
  candidates?: Candidate[];
}

export function InvitationsPage({ ctx, project, invitations, form, candidates }: InvitationsPageProps) {
  const title = ctx.ta('projects:invitations.title', { title: project.title });
  const label = ctx.ta('projects:invitations.search');
  const q = typeof form.values.q === 'string' ? form.values.q.trim() : '';
  return (
    <Layout ctx={ctx} title={pageTitle(title)} crumbs={[{ href: '/projects', label: ctx.ta('projects:list.title') }, { href: `/projects/${project.id}`, label: project.title }, { label: ctx.ta('projects:invitations.tab') }]} noindex>
      <h1 safe>{title}</h1>
      {invitesOrganizations(project) ? (
        <>
          <p>{ctx.t('projects:invitations.intro')}</p>
          <ErrorSummary ctx={ctx} form={form} labels={{ q: label }} />
          <form method="get" action={`/projects/${project.id}/invitations`} role="search">
            <Field ctx={ctx} form={form} name="q" type="search" label={label} hint={ctx.ta('projects:invitations.searchHint')} maxlength={searchLimits.max} required />
            <button type="submit">{ctx.t('projects:invitations.searchSubmit')}</button>
          </form>
          {candidates ? <Results ctx={ctx} project={project} q={q} candidates={candidates} /> : ''}
        </>
      ) : (
        <p>{ctx.t('projects:invitations.notRestricted')}</p>
      )}
      <section aria-labelledby="invited-title">
        <h2 id="invited-title">{ctx.t('projects:invitations.list')}</h2>
        <InvitationList ctx={ctx} project={project} invitations={invitations} />
      </section>
    </Layout>
  );
}
