// A project's page: what it is about, its documents, the public responses, and what the viewer may do next —
// manage it (owner team), respond or follow their response (companies).
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, ErrorSummary, FileField, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { DomainList, TerritoryName, TypeBadge } from '../../organizations/views/components.tsx';
import type { Domain, OrganizationType } from '../../organizations/schema.ts';
import { documentTypes, type Attachment } from '../attachments.ts';
import type { ProjectResponse, ResponseSummary } from '../responses.ts';
import type { ProjectState } from '../schema.ts';
import type { Invitation } from '../invitations.ts';
import type { Project } from '../service.ts';
import { InvitationList } from './invitations.tsx';
import { ProjectTabs, StateBadge, formatDate, rangeText, pageTitle } from './components.tsx';
import { ProjectsMap, placeName } from './map.tsx';
import { FollowSlot } from '../../notifications/views/follow.tsx';

export interface Viewer {
  owner: boolean;
  canManage: boolean;
  canRespond: boolean;
  acceptsResponses: boolean;
  mine?: ProjectResponse;
}

export interface ProjectPageProps {
  ctx: ViewContext;
  project: Project;
  safeContext: string;
  safeProblem: string;
  safeExpected: string;
  attachments: Attachment[];
  responses: ResponseSummary[];
  viewer: Viewer;
  nextStates: ProjectState[];
  fileForm: FormState;
  /** the tile URL template when a map is configured */
  mapTiles?: string;
  /** a restricted project's invitations, for who manages it */
  invitations?: Invitation[];
}

function Facts({ ctx, project }: { ctx: ViewContext; project: Project }) {
  const budget = rangeText(ctx, project.budgetMin, project.budgetMax);
  return (
    <dl class="facts">
      <dt>{ctx.t('projects:field.owner')}</dt>
      <dd>
        <a href={`/organizations/${project.owner.slug}`} safe>
          {project.owner.name}
        </a>{' '}
        <TypeBadge ctx={ctx} type={project.owner.type as OrganizationType} verified={project.owner.verified} />
      </dd>
      <dt>{ctx.t('projects:field.stage')}</dt>
      <dd>{ctx.t(`projects:stage.${project.stage}`)}</dd>
      <dt>{ctx.t('projects:field.visibility')}</dt>
      <dd>{ctx.t(`projects:visibility.${project.visibility}`)}</dd>
      {project.territoryCode ? (
        <>
          <dt>{ctx.t('projects:field.territory')}</dt>
          <dd>
            <TerritoryName ctx={ctx} kind={project.territoryKind} code={project.territoryCode} />
          </dd>
        </>
      ) : (
        ''
      )}
      {project.latitude !== null && project.longitude !== null ? (
        <>
          <dt>{ctx.t('projects:field.location')}</dt>
          <dd safe>{ctx.ta('projects:page.point', { place: placeName(ctx, project) })}</dd>
        </>
      ) : (
        ''
      )}
      {project.timeline ? (
        <>
          <dt>{ctx.t('projects:field.timeline')}</dt>
          <dd safe>{project.timeline}</dd>
        </>
      ) : (
        ''
      )}
      {project.deadline ? (
        <>
          <dt>{ctx.t('projects:field.deadline')}</dt>
          <dd safe>{formatDate(ctx, project.deadline, true)}</dd>
        </>
      ) : (
        ''
      )}
      {budget ? (
        <>
          <dt>{ctx.t('projects:field.budget')}</dt>
          <dd safe>{budget}</dd>
        </>
      ) : (
        ''
      )}
    </dl>
  );
}

function Attachments({ ctx, project, attachments, canManage, form }: { ctx: ViewContext; project: Project; attachments: Attachment[]; canManage: boolean; form: FormState }) {
  if (attachments.length === 0 && !canManage) return '';
  return (
    <section aria-labelledby="attachments-title">
      <h2 id="attachments-title">{ctx.t('projects:attachments.title')}</h2>
      {attachments.length === 0 ? (
        <p>{ctx.t('projects:attachments.none')}</p>
      ) : (
        <ul>
          {attachments.map((a) => (
            <li>
              <a href={`/projects/${project.id}/attachments/${a.id}`} safe>
                {a.name}
              </a>{' '}
              ({Math.max(1, Math.round(a.size / 1024))} ko)
              {canManage ? (
                <form method="post" action={`/projects/${project.id}/attachments/${a.id}/delete`} class="inline">
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="secondary">
                    {ctx.t('projects:attachments.delete')}
                    <span class="visually-hidden" safe>
                      {` ${a.name}`}
                    </span>
                  </button>
                </form>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage ? (
        <>
          <ErrorSummary ctx={ctx} form={form} labels={{ file: ctx.ta('projects:attachments.file') }} />
          <form method="post" action={`/projects/${project.id}/attachments`} enctype="multipart/form-data">
            <CsrfField ctx={ctx} />
            <FileField ctx={ctx} form={form} name="file" label={ctx.ta('projects:attachments.file')} hint={ctx.ta('projects:attachments.hint')} accept={documentTypes} required />
            <button type="submit">{ctx.t('projects:attachments.submit')}</button>
          </form>
        </>
      ) : (
        ''
      )}
    </section>
  );
}

function Invitations({ ctx, project, invitations }: { ctx: ViewContext; project: Project; invitations: Invitation[] }) {
  return (
    <section aria-labelledby="invitations-title">
      <h3 id="invitations-title">{ctx.t('projects:invitations.list')}</h3>
      <InvitationList ctx={ctx} project={project} invitations={invitations} />
      <p>
        <a href={`/projects/${project.id}/invitations`} class="button secondary">
          {ctx.t('projects:invitations.manage')}
        </a>
      </p>
    </section>
  );
}

function OwnerActions({ ctx, project, nextStates, invitations }: { ctx: ViewContext; project: Project; nextStates: ProjectState[]; invitations?: Invitation[] }) {
  return (
    <section aria-labelledby="manage-title">
      <h2 id="manage-title">{ctx.t('projects:manage.title')}</h2>
      <p>
        <a href={`/projects/${project.id}/edit`} class="button secondary">
          {ctx.t('projects:manage.edit')}
        </a>
      </p>
      {!project.owner.verified && project.state === 'draft' ? <p>{ctx.t('projects:manage.unverified')}</p> : ''}
      {nextStates.length > 0 ? (
        <form method="post" action={`/projects/${project.id}/state`}>
          <CsrfField ctx={ctx} />
          <fieldset>
            <legend>{ctx.t('projects:manage.state')}</legend>
            {nextStates.map((state) => (
              <button type="submit" name="state" value={state} class={state === 'open' ? '' : 'secondary'}>
                {ctx.t(`projects:manage.to.${state}`)}
              </button>
            ))}
          </fieldset>
        </form>
      ) : (
        ''
      )}
      {invitations ? <Invitations ctx={ctx} project={project} invitations={invitations} /> : ''}
    </section>
  );
}

function RespondentBox({ ctx, project, viewer }: { ctx: ViewContext; project: Project; viewer: Viewer }) {
  const mine = viewer.mine && !viewer.mine.withdrawnAt ? viewer.mine : undefined;
  return (
    <section aria-labelledby="respond-title">
      <h2 id="respond-title">{ctx.t('projects:respond.boxTitle')}</h2>
      {mine ? (
        <p>
          {ctx.t('projects:respond.yours', { status: ctx.ta(`projects:status.${mine.status}`) })}{' '}
          <a href={`/projects/${project.id}/responses/${mine.id}`}>{ctx.t('projects:respond.see')}</a>
        </p>
      ) : (
        ''
      )}
      {viewer.acceptsResponses ? (
        <p>
          <a href={`/projects/${project.id}/respond`} class="button">
            {ctx.t(mine ? 'projects:respond.edit' : 'projects:respond.start')}
          </a>{' '}
          <a href={`/projects/${project.id}/questions`}>{ctx.t('projects:respond.ask')}</a>
        </p>
      ) : (
        <p>{ctx.t('projects:respond.closed')}</p>
      )}
    </section>
  );
}

export function ProjectPage(props: ProjectPageProps) {
  const { ctx, project, viewer, safeContext, safeProblem, safeExpected } = props;
  return (
    <Layout ctx={ctx} title={pageTitle(project.title)} crumbs={[{ href: '/projects', label: ctx.ta('projects:list.title') }, { label: project.title }]} noindex={project.visibility !== 'public'}>
      <h1 safe>{project.title}</h1>
      {project.state === 'draft' ? '' : <FollowSlot ctx={ctx} target={`project:${project.id}`} />}
      <p>
        <StateBadge ctx={ctx} state={project.state} />
        {project.state === 'open' && !viewer.acceptsResponses ? <> {ctx.t('projects:page.deadlinePassed')}</> : ''}
      </p>
      <ProjectTabs ctx={ctx} project={project} current="" owner={viewer.owner} />
      <Facts ctx={ctx} project={project} />
      <ProjectsMap ctx={ctx} projects={[project]} tiles={props.mapTiles} label={ctx.ta('projects:map.projectLabel', { title: project.title })} />
      <DomainList ctx={ctx} values={project.domains as Domain[]} />
      {safeContext ? (
        <section aria-labelledby="context-title">
          <h2 id="context-title">{ctx.t('projects:field.context')}</h2>
          <div class="prose">{safeContext}</div>
        </section>
      ) : (
        ''
      )}
      <section aria-labelledby="problem-title">
        <h2 id="problem-title">{ctx.t('projects:field.problem')}</h2>
        <div class="prose">{safeProblem}</div>
      </section>
      {safeExpected ? (
        <section aria-labelledby="expected-title">
          <h2 id="expected-title">{ctx.t('projects:field.expected')}</h2>
          <div class="prose">{safeExpected}</div>
        </section>
      ) : (
        ''
      )}
      <Attachments ctx={ctx} project={project} attachments={props.attachments} canManage={viewer.canManage} form={props.fileForm} />
      {viewer.canManage ? <OwnerActions ctx={ctx} project={project} nextStates={props.nextStates} invitations={props.invitations} /> : ''}
      {viewer.canRespond && !viewer.owner ? <RespondentBox ctx={ctx} project={project} viewer={viewer} /> : ''}
      {!ctx.user && viewer.acceptsResponses ? (
        <p>
          <a href={`/login?next=${encodeURIComponent(`/projects/${project.id}`)}`}>{ctx.t('projects:respond.signIn')}</a>
        </p>
      ) : (
        ''
      )}
      {props.responses.length > 0 ? (
        <section aria-labelledby="responses-title">
          <h2 id="responses-title">{ctx.t('projects:page.publicResponses')}</h2>
          <ul>
            {props.responses.map((r) => (
              <li>
                <a href={`/projects/${project.id}/responses/${r.id}`} safe>
                  {r.organization.name}
                </a>{' '}
                — <span safe>{r.summary}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}
