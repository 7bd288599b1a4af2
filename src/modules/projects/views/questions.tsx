// Questions and answers of a project: the FAQ every company reads, the public questions, the viewer's own private
// ones, the form to ask, and for the owner team a form to answer each question (a private one through the FAQ
// wording, which the owner writes so the asker cannot be recognised).
import type { ViewContext } from '../../../platform/views/context.ts';
import { Checkbox, CsrfField, ErrorSummary, Select, TextArea, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { Question } from '../questions.ts';
import type { Project } from '../service.ts';
import { ProjectTabs, formatDate, pageTitle } from './components.tsx';
import { FormTrap } from '../../moderation/views/trap.tsx';
import { HiddenBanner } from '../../moderation/views/components.tsx';
import { ReportLink } from '../../moderation/views/report.tsx';

export interface QuestionsPageProps {
  ctx: ViewContext;
  project: Project;
  faq: { id: number; question: string; answer: string; publishedAt: Date }[];
  questions: Question[];
  owner: boolean;
  canAsk: boolean;
  askForm: FormState;
  /** the answer form in error, if any */
  answering?: { questionId: number; form: FormState };
}

/** The asker's own words beside the FAQ field, to read and never to copy: they can name the asker or their clients. */
function OriginalQuestion({ ctx, question }: { ctx: ViewContext; question: Question }) {
  return (
    <figure class="faq-original" aria-labelledby={`original-${question.id}`}>
      <figcaption id={`original-${question.id}`}>
        <strong>{ctx.t('projects:faqCheck.original')}</strong>
        <br />
        <small>{ctx.t('projects:faqCheck.originalHint')}</small>
      </figcaption>
      <blockquote safe>{question.body}</blockquote>
    </figure>
  );
}

/** Offered only once the owner has been warned that the text repeats who asked. */
const namesAsker = (form: FormState) => [form.errors.faqQuestion, form.errors.answer].some((e) => e?.key === 'projects:faqCheck.namesAsker');

function AnswerForm({ ctx, project, question, form }: { ctx: ViewContext; project: Project; question: Question; form: FormState }) {
  const prefixed = { ...form, idPrefix: `q${question.id}-` };
  const labels = { answer: ctx.ta('projects:questions.answer'), faqQuestion: ctx.ta('projects:questions.faqQuestion') };
  return (
    <form method="post" action={`/projects/${project.id}/questions/${question.id}/answer`} novalidate>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={prefixed} labels={labels} />
      {question.visibility === 'private' ? (
        <>
          <OriginalQuestion ctx={ctx} question={question} />
          <TextArea ctx={ctx} form={prefixed} name="faqQuestion" label={labels.faqQuestion} hint={ctx.ta('projects:questions.faqHint')} required maxlength={3000} rows={3} />
        </>
      ) : (
        ''
      )}
      <TextArea ctx={ctx} form={prefixed} name="answer" label={labels.answer} required maxlength={5000} rows={4} />
      {namesAsker(form) ? <Checkbox ctx={ctx} form={prefixed} name="namesConfirmed" label={<span>{ctx.t('projects:faqCheck.confirm')}</span>} /> : ''}
      <button type="submit">{ctx.t(question.visibility === 'private' ? 'projects:questions.publishFaq' : 'projects:questions.submitAnswer')}</button>
    </form>
  );
}

function QuestionItem({ ctx, project, question, owner, answering }: { ctx: ViewContext; project: Project; question: Question; owner: boolean; answering?: QuestionsPageProps['answering'] }) {
  const form = answering?.questionId === question.id ? answering.form : { values: { answer: question.answer ?? undefined }, errors: {} };
  return (
    <li>
      <article aria-labelledby={`question-${question.id}`}>
        <h3 id={`question-${question.id}`} class="question-heading">
          {ctx.t(`projects:questions.kind.${question.visibility}`)} · <span safe>{formatDate(ctx, question.createdAt)}</span>
          {question.askerOrganization ? <> · <span safe>{question.askerOrganization}</span></> : ''}
        </h3>
        {question.hidden ? <HiddenBanner ctx={ctx} notice={question.hidden} author={question.askerId !== null && question.askerId === ctx.user?.id} /> : ''}
        <p safe>{question.body}</p>
        <p class="meta">
          <ReportLink ctx={ctx} kind="question" id={question.id} authorId={question.askerId} />
        </p>
        {question.answer ? (
          <div class="answer">
            <p>
              <strong>{ctx.t('projects:questions.answerLabel')}</strong>
            </p>
            <p safe>{question.answer}</p>
            {question.visibility === 'private' ? <p class="meta">{ctx.t(question.published ? 'projects:questions.inFaq' : 'projects:questions.notInFaq')}</p> : ''}
          </div>
        ) : (
          <p class="meta">{ctx.t('projects:questions.unanswered')}</p>
        )}
        {owner ? <AnswerForm ctx={ctx} project={project} question={question} form={form} /> : ''}
      </article>
    </li>
  );
}

export function QuestionsPage({ ctx, project, faq, questions, owner, canAsk, askForm, answering }: QuestionsPageProps) {
  const title = ctx.ta('projects:questions.title', { title: project.title });
  const labels = { body: ctx.ta('projects:questions.body'), visibility: ctx.ta('projects:questions.visibility') };
  return (
    <Layout ctx={ctx} title={pageTitle(title)} crumbs={[{ href: '/projects', label: ctx.ta('projects:list.title') }, { href: `/projects/${project.id}`, label: project.title }, { label: ctx.ta('projects:tab.questions') }]} noindex={project.visibility !== 'public'}>
      <h1 safe>{title}</h1>
      <ProjectTabs ctx={ctx} project={project} current="/questions" owner={owner} />
      <section aria-labelledby="faq-title">
        <h2 id="faq-title">{ctx.t('projects:faq.title')}</h2>
        {faq.length === 0 ? (
          <p>{ctx.t('projects:faq.empty')}</p>
        ) : (
          <dl class="faq">
            {faq.map((entry) => (
              <>
                <dt safe>{entry.question}</dt>
                <dd safe>{entry.answer}</dd>
              </>
            ))}
          </dl>
        )}
      </section>
      <section aria-labelledby="questions-title">
        <h2 id="questions-title">{ctx.t('projects:questions.listTitle')}</h2>
        {questions.length === 0 ? (
          <p>{ctx.t('projects:questions.empty')}</p>
        ) : (
          <ul class="questions">
            {questions.map((q) => (
              <QuestionItem ctx={ctx} project={project} question={q} owner={owner} answering={answering} />
            ))}
          </ul>
        )}
      </section>
      {canAsk ? (
        <section aria-labelledby="ask-title">
          <h2 id="ask-title">{ctx.t('projects:questions.askTitle')}</h2>
          <ErrorSummary ctx={ctx} form={askForm} labels={labels} />
          <form method="post" action={`/projects/${project.id}/questions`} novalidate>
            <CsrfField ctx={ctx} />
            <FormTrap ctx={ctx} form={askForm} />
            <TextArea ctx={ctx} form={askForm} name="body" label={labels.body} required maxlength={3000} rows={4} />
            <Select
              ctx={ctx}
              form={{ ...askForm, values: { visibility: 'private', ...askForm.values } }}
              name="visibility"
              label={labels.visibility}
              hint={ctx.ta('projects:questions.visibilityHint')}
              required
              options={[
                { value: 'private', label: ctx.ta('projects:questions.kind.private') },
                { value: 'public', label: ctx.ta('projects:questions.kind.public') },
              ]}
            />
            <button type="submit">{ctx.t('projects:questions.submit')}</button>
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

