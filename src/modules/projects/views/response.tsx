// A response: the form a company fills in, and the response's page — everything for the owner team (with the
// scoring grid, internal notes and status), the respondent's own view (status and message, never scores), or only
// the public fields for anyone else who sees the project.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, ErrorSummary, Field, FileField, type FormState, Select, TextArea } from '../../../platform/views/form.tsx';
import { documentTypes, type Attachment } from '../attachments.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { Criterion } from '../evaluation.ts';
import type { ProjectResponse, ResponseAccess } from '../responses.ts';
import { responseStatuses } from '../schema.ts';
import type { Project } from '../service.ts';
import { ProjectTabs, formatDate, formatScore, rangeText, pageTitle } from './components.tsx';
import { HiddenBanner } from '../../moderation/views/components.tsx';
import { ReportLink } from '../../moderation/views/report.tsx';

const crumbsFor = (ctx: ViewContext, project: Project, label: string) => [{ href: '/projects', label: ctx.ta('projects:list.title') }, { href: `/projects/${project.id}`, label: project.title }, { label }];
const responseFields = ['summary', 'approach', 'references', 'maturity', 'priceMin', 'priceMax', 'team', 'confidentiality'];

export function ResponseFormPage({ ctx, project, form, existing }: { ctx: ViewContext; project: Project; form: FormState; existing: boolean }) {
  const title = ctx.ta(existing ? 'projects:respond.editTitle' : 'projects:respond.title', { title: project.title });
  const labels = Object.fromEntries(responseFields.map((n) => [n, ctx.ta(`projects:response.${n}`)]));
  return (
    <Layout ctx={ctx} title={pageTitle(title)} crumbs={crumbsFor(ctx, project, ctx.ta('projects:respond.crumb'))} noindex>
      <h1 safe>{title}</h1>
      {project.deadline ? <p>{ctx.t('projects:respond.until', { date: formatDate(ctx, project.deadline, true) })}</p> : ''}
      <ErrorSummary ctx={ctx} form={form} labels={{ form: '', ...labels }} />
      <form method="post" action={`/projects/${project.id}/respond`} novalidate>
        <CsrfField ctx={ctx} />
        <TextArea ctx={ctx} form={form} name="summary" label={labels.summary!} required maxlength={1000} rows={3} />
        <TextArea ctx={ctx} form={form} name="approach" label={labels.approach!} required maxlength={10000} rows={8} />
        <TextArea ctx={ctx} form={form} name="references" label={labels.references!} hint={ctx.ta('projects:response.referencesHint')} maxlength={5000} rows={4} />
        <Select ctx={ctx} form={form} name="maturity" label={labels.maturity!} required options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ value: String(n), label: ctx.ta(`projects:trl.${n}`) }))} />
        <Field ctx={ctx} form={form} name="priceMin" label={labels.priceMin!} hint={ctx.ta('projects:hint.euros')} inputmode="numeric" maxlength={20} />
        <Field ctx={ctx} form={form} name="priceMax" label={labels.priceMax!} inputmode="numeric" maxlength={20} />
        <TextArea ctx={ctx} form={form} name="team" label={labels.team!} maxlength={3000} rows={3} />
        <Select
          ctx={ctx}
          form={{ ...form, values: { confidentiality: 'owner_only', ...form.values } }}
          name="confidentiality"
          label={labels.confidentiality!}
          hint={ctx.ta('projects:response.confidentialityHint')}
          required
          options={['owner_only', 'public'].map((value) => ({ value, label: ctx.ta(`projects:confidentiality.${value}`) }))}
        />
        <button type="submit">{ctx.t('projects:respond.submit')}</button>
      </form>
      {existing ? (
        <p>
          <a href={`/projects/${project.id}/respond/withdraw`} class="button secondary">
            {ctx.t('projects:respond.withdraw')}
          </a>
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}

export interface OwnerPanel {
  criteria: Criterion[];
  scores: { criterionId: number; evaluatorId: number; evaluator: string; score: number }[];
  notes: { id: number; body: string; createdAt: Date; author: string | null }[];
  myId: number;
  scoreForm: FormState;
  noteForm: FormState;
  statusForm: FormState;
}

export interface ResponsePageProps {
  ctx: ViewContext;
  project: Project;
  response: ProjectResponse;
  access: ResponseAccess;
  messages: { id: number; body: string; fromOwner: boolean; createdAt: Date; author: string | null }[] | undefined;
  messageForm: FormState;
  panel?: OwnerPanel;
  documents: { list: Attachment[]; canAttach: boolean; form: FormState };
}

function Documents({ ctx, project, response, documents }: { ctx: ViewContext; project: Project; response: ProjectResponse; documents: ResponsePageProps['documents'] }) {
  if (documents.list.length === 0 && !documents.canAttach) return '';
  const base = `/projects/${project.id}/responses/${response.id}/attachments`;
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">{ctx.t('projects:attachments.title')}</h2>
      {documents.list.length === 0 ? (
        <p>{ctx.t('projects:attachments.none')}</p>
      ) : (
        <ul>
          {documents.list.map((a) => (
            <li>
              <a href={`${base}/${a.id}`} safe>
                {a.name}
              </a>{' '}
              ({Math.max(1, Math.round(a.size / 1024))} ko)
            </li>
          ))}
        </ul>
      )}
      {documents.canAttach ? (
        <>
          <ErrorSummary ctx={ctx} form={documents.form} labels={{ file: ctx.ta('projects:attachments.file') }} />
          <form method="post" action={base} enctype="multipart/form-data">
            <CsrfField ctx={ctx} />
            <FileField ctx={ctx} form={documents.form} name="file" label={ctx.ta('projects:attachments.file')} hint={ctx.ta('projects:attachments.hint')} accept={documentTypes} required />
            <button type="submit">{ctx.t('projects:attachments.submit')}</button>
          </form>
        </>
      ) : (
        ''
      )}
    </section>
  );
}

const scoreText = (ctx: ViewContext, score: number | undefined) => (score === undefined ? '—' : formatScore(ctx, score));

function ScoreGrid({ ctx, project, response, panel }: { ctx: ViewContext; project: Project; response: ProjectResponse; panel: OwnerPanel }) {
  if (panel.criteria.length === 0)
    return (
      <p>
        {ctx.t('projects:evaluation.noCriteria')} <a href={`/projects/${project.id}/criteria`}>{ctx.t('projects:tab.criteria')}</a>
      </p>
    );
  const mine = new Map(panel.scores.filter((s) => s.evaluatorId === panel.myId).map((s) => [`score-${s.criterionId}`, formatScore(ctx, s.score)]));
  const form = { ...panel.scoreForm, values: { ...Object.fromEntries(mine), ...panel.scoreForm.values } };
  const labels = Object.fromEntries(panel.criteria.map((c) => [`score-${c.id}`, c.label]));
  const evaluators = [...new Set(panel.scores.map((s) => s.evaluator))];
  return (
    <>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={`/projects/${project.id}/responses/${response.id}/scores`} novalidate>
        <CsrfField ctx={ctx} />
        {panel.criteria.map((c) => (
          <Field ctx={ctx} form={form} name={`score-${c.id}`} label={`${c.label} (${ctx.ta('projects:criteria.weightShort', { weight: c.weight })})`} hint={ctx.ta('projects:evaluation.scoreHint')} inputmode="decimal" maxlength={8} />
        ))}
        <button type="submit">{ctx.t('projects:evaluation.saveScores')}</button>
      </form>
      {evaluators.length > 0 ? (
        <table>
          <caption>{ctx.t('projects:evaluation.allScores')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('projects:evaluation.evaluator')}</th>
              {panel.criteria.map((c) => (
                <th scope="col" safe>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {evaluators.map((name) => (
              <tr>
                <th scope="row" safe>
                  {name}
                </th>
                {panel.criteria.map((c) => (
                  <td safe>{scoreText(ctx, panel.scores.find((s) => s.evaluator === name && s.criterionId === c.id)?.score)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        ''
      )}
    </>
  );
}

function OwnerSection({ ctx, project, response, panel }: { ctx: ViewContext; project: Project; response: ProjectResponse; panel: OwnerPanel }) {
  const statusForm = { ...panel.statusForm, values: { status: response.status, message: response.statusMessage, ...panel.statusForm.values } };
  return (
    <section aria-labelledby="evaluation-title" class="internal">
      <h2 id="evaluation-title">{ctx.t('projects:evaluation.title')}</h2>
      <p>{ctx.t('projects:evaluation.internal')}</p>
      <h3>{ctx.t('projects:evaluation.scores')}</h3>
      <ScoreGrid ctx={ctx} project={project} response={response} panel={panel} />
      <h3>{ctx.t('projects:evaluation.notes')}</h3>
      {panel.notes.length === 0 ? (
        <p>{ctx.t('projects:evaluation.noNotes')}</p>
      ) : (
        <ul>
          {panel.notes.map((n) => (
            <li>
              <span safe>{n.author ?? ''}</span> · <span safe>{formatDate(ctx, n.createdAt, true)}</span> : <span safe>{n.body}</span>
            </li>
          ))}
        </ul>
      )}
      <ErrorSummary ctx={ctx} form={{ ...panel.noteForm, idPrefix: 'note-' }} labels={{ body: ctx.ta('projects:evaluation.note') }} />
      <form method="post" action={`/projects/${project.id}/responses/${response.id}/notes`} novalidate>
        <CsrfField ctx={ctx} />
        <TextArea ctx={ctx} form={{ ...panel.noteForm, idPrefix: 'note-' }} name="body" label={ctx.ta('projects:evaluation.note')} required maxlength={3000} rows={3} />
        <button type="submit">{ctx.t('projects:evaluation.addNote')}</button>
      </form>
      <h3>{ctx.t('projects:evaluation.status')}</h3>
      <ErrorSummary ctx={ctx} form={{ ...statusForm, idPrefix: 'status-' }} labels={{ status: ctx.ta('projects:response.status'), message: ctx.ta('projects:evaluation.message') }} />
      <form method="post" action={`/projects/${project.id}/responses/${response.id}/status`} novalidate>
        <CsrfField ctx={ctx} />
        <Select ctx={ctx} form={{ ...statusForm, idPrefix: 'status-' }} name="status" label={ctx.ta('projects:response.status')} required options={responseStatuses.map((value) => ({ value, label: ctx.ta(`projects:status.${value}`) }))} />
        <TextArea ctx={ctx} form={{ ...statusForm, idPrefix: 'status-' }} name="message" label={ctx.ta('projects:evaluation.message')} hint={ctx.ta('projects:evaluation.messageHint')} maxlength={3000} rows={3} />
        <button type="submit">{ctx.t('projects:evaluation.saveStatus')}</button>
      </form>
    </section>
  );
}

function Conversation({ ctx, project, response, messages, form }: { ctx: ViewContext; project: Project; response: ProjectResponse; messages: NonNullable<ResponsePageProps['messages']>; form: FormState }) {
  const prefixed = { ...form, idPrefix: 'message-' };
  return (
    <section aria-labelledby="conversation-title">
      <h2 id="conversation-title">{ctx.t('projects:conversation.title')}</h2>
      {messages.length === 0 ? (
        <p>{ctx.t('projects:conversation.empty')}</p>
      ) : (
        <ol class="messages">
          {messages.map((m) => (
            <li>
              <p class="meta">
                <span safe>{m.author ?? ''}</span> · {m.fromOwner ? <span safe>{project.owner.name}</span> : <span safe>{response.organization.name}</span>} · <span safe>{formatDate(ctx, m.createdAt, true)}</span>
              </p>
              <p safe>{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      <ErrorSummary ctx={ctx} form={prefixed} labels={{ body: ctx.ta('projects:conversation.body') }} />
      <form method="post" action={`/projects/${project.id}/responses/${response.id}/messages`} novalidate>
        <CsrfField ctx={ctx} />
        <TextArea ctx={ctx} form={prefixed} name="body" label={ctx.ta('projects:conversation.body')} required maxlength={5000} rows={3} />
        <button type="submit">{ctx.t('projects:conversation.send')}</button>
      </form>
    </section>
  );
}

export function ResponsePage({ ctx, project, response, access, messages, messageForm, panel, documents }: ResponsePageProps) {
  const title = ctx.ta('projects:response.title', { organization: response.organization.name });
  const price = rangeText(ctx, response.priceMin, response.priceMax);
  const full = access !== 'public';
  return (
    <Layout ctx={ctx} title={pageTitle(title)} crumbs={crumbsFor(ctx, project, response.organization.name)} noindex>
      <h1 safe>{title}</h1>
      <ProjectTabs ctx={ctx} project={project} current={access === 'owner' ? '/responses' : ''} owner={access === 'owner'} />
      {response.withdrawnAt ? <p>{ctx.t('projects:response.withdrawn')}</p> : ''}
      {response.hidden ? <HiddenBanner ctx={ctx} notice={response.hidden} author={access === 'respondent'} /> : ''}
      {access === 'respondent' || response.confidentiality !== 'public' ? (
        ''
      ) : (
        <p class="meta">
          <ReportLink ctx={ctx} kind="response" id={response.id} authorId={response.authorId} />
        </p>
      )}
      {full ? (
        <section aria-labelledby="status-title">
          <h2 id="status-title">{ctx.t('projects:response.status')}</h2>
          <p>
            <strong>{ctx.t(`projects:status.${response.status}`)}</strong>
          </p>
          {response.statusMessage ? <p safe>{response.statusMessage}</p> : ''}
          <p class="meta">{ctx.t(`projects:confidentiality.${response.confidentiality}`)}</p>
        </section>
      ) : (
        ''
      )}
      <dl class="facts">
        <dt>{ctx.t('projects:response.summary')}</dt>
        <dd safe>{response.summary}</dd>
        <dt>{ctx.t('projects:response.approach')}</dt>
        <dd safe>{response.approach}</dd>
        {response.references ? (
          <>
            <dt>{ctx.t('projects:response.references')}</dt>
            <dd safe>{response.references}</dd>
          </>
        ) : (
          ''
        )}
        <dt>{ctx.t('projects:response.maturity')}</dt>
        <dd>{ctx.t(`projects:trl.${response.maturity}`)}</dd>
        {price ? (
          <>
            <dt>{ctx.t('projects:response.price')}</dt>
            <dd safe>{price}</dd>
          </>
        ) : (
          ''
        )}
        {response.team ? (
          <>
            <dt>{ctx.t('projects:response.team')}</dt>
            <dd safe>{response.team}</dd>
          </>
        ) : (
          ''
        )}
      </dl>
      <Documents ctx={ctx} project={project} response={response} documents={documents} />
      {access === 'owner' && panel ? <OwnerSection ctx={ctx} project={project} response={response} panel={panel} /> : ''}
      {documents.canAttach ? (
        <p>
          <a href={`/projects/${project.id}/respond`} class="button secondary">
            {ctx.t('projects:respond.edit')}
          </a>
        </p>
      ) : (
        ''
      )}
      {messages ? <Conversation ctx={ctx} project={project} response={response} messages={messages} form={messageForm} /> : ''}
    </Layout>
  );
}
