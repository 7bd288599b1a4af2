// One contribution: what it says, who says it and for whom, its votes; its history of versions.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, ErrorSummary, TextArea, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { TerritoryName } from '../../organizations/views/components.tsx';
import type { Contribution, Revision, Tally } from '../contributions.ts';
import type { ArgumentView, CommentView } from '../reactions.ts';
import type { Consultation } from '../service.ts';
import { ArgumentsSection, CommentsSection, type ReactionForms } from './reactions.tsx';
import type { VoteValue } from '../schema.ts';
import { AnswerStatusBadge, StatusBadge, VoteBar, formatDate, shortTitle, statusOf } from './components.tsx';
import { AttributionLine, attributionOf } from '../attribution.tsx';
import type { LinkItem } from '../links.ts';
import type { ContributionOrigin } from '../origins.ts';
import type { CitedIn } from '../syntheses.ts';
import { LinksSection } from './links.tsx';
import { OfficialAnswer, OrganizerTools, type OrganizerForms } from './organizer.tsx';
import { FollowSlot } from '../../notifications/views/follow.tsx';
import { HiddenBanner } from '../../moderation/views/components.tsx';
import { ReportLink } from '../../moderation/views/report.tsx';
import type { HiddenNotice } from '../../moderation/visibility.ts';
import { personName } from '../../accounts/views/name.tsx';

function crumbs(ctx: ViewContext, consultation: Consultation, c: Contribution) {
  return [
    { href: '/consultations', label: ctx.ta('consultations:list.title') },
    { href: `/consultations/${consultation.slug}`, label: consultation.title },
    { href: `/consultations/${consultation.slug}/phases/${c.phase.position}`, label: c.phase.title },
  ];
}

interface ContributionPageProps {
  ctx: ViewContext;
  consultation: Consultation;
  contribution: Contribution;
  safeBody: string;
  tally: Tally;
  signedIn: boolean;
  reactions: {
    arguments: ArgumentView[];
    comments: CommentView[];
    canComment: boolean;
    forms: ReactionForms;
  };
  extras: ContributionExtras;
}

export interface ContributionExtras {
  links: { answers: LinkItem[]; answeredBy: LinkItem[] };
  answerHref?: string;
  citedIn: CitedIn[];
  coauthors: string[];
  origin?: ContributionOrigin;
  answer?: { safeAnswer: string; answerer: string };
  /** set for the consultation's organizers */
  organizer?: OrganizerForms;
  /** hidden by the moderators: shown to its author and the moderators only, with why */
  hidden?: HiddenNotice;
}

function DraftNotice({ ctx, contribution: c, open }: { ctx: ViewContext; contribution: Contribution; open: boolean }) {
  return (
    <section class="notice" aria-labelledby="draft-title">
      <h2 id="draft-title">{ctx.t('consultations:draft.title')}</h2>
      <p>{ctx.t('consultations:draft.explain')}</p>
      {open ? (
        <form method="post" action={`/contributions/${c.id}/publish`} class="inline">
          <CsrfField ctx={ctx} />
          <button type="submit">{ctx.t('consultations:contribution.publish')}</button>
        </form>
      ) : (
        <p class="meta">{ctx.t('consultations:phaseClosed')}</p>
      )}
    </section>
  );
}

export function ContributionPage({ ctx, consultation, contribution: c, safeBody, tally, signedIn, reactions, extras }: ContributionPageProps) {
  const open = statusOf(c.phase) === 'open';
  const draft = c.state === 'draft';
  const themes = consultation.themes.filter((t) => c.themeIds.includes(t.id));
  const attribution = attributionOf(c.authorName, c.organization?.name, extras.origin, extras.coauthors);
  return (
    <Layout ctx={ctx} title={shortTitle(c.title)} crumbs={[...crumbs(ctx, consultation, c), { label: c.title }]}>
      <article>
        <header>
          <p class="meta">
            <span class="badge">{ctx.t(`consultations:kind.${c.kind}`)}</span> <StatusBadge ctx={ctx} status={statusOf(c.phase)} /> <AnswerStatusBadge ctx={ctx} status={c.answerStatus} />
            {draft ? <span class="badge">{ctx.t('consultations:draft.badge')}</span> : ''} <span>{ctx.t('consultations:links.number', { id: c.id })}</span>
          </p>
          <h1 safe>{c.title}</h1>
          {extras.hidden ? <HiddenBanner ctx={ctx} notice={extras.hidden} author={c.authorId !== null && c.authorId === ctx.user?.id} /> : ''}
          {draft ? '' : <FollowSlot ctx={ctx} target={`contribution:${c.id}`} />}
          <p class="meta">
            <AttributionLine ctx={ctx} attribution={attribution} /> · <time datetime={c.createdAt.toISOString()} safe>{formatDate(ctx, c.createdAt)}</time>{' '}
            <TerritoryName ctx={ctx} kind={c.territoryKind} code={c.territoryCode} />
            {draft ? '' : <> · <ReportLink ctx={ctx} kind="contribution" id={c.id} /></>}
          </p>
          {themes.length > 0 ? (
            <p class="meta">
              {ctx.t('consultations:contribution.themes')} <span safe>{themes.map((t) => t.label).join(', ')}</span>
            </p>
          ) : (
            ''
          )}
          {extras.citedIn.map((cited) => (
            <p class="meta cited">
              <a href={`/consultations/${cited.consultationSlug}/phases/${cited.phasePosition}/synthesis`}>{ctx.t('consultations:synthesis.citedIn', { phase: cited.phaseTitle })}</a>
            </p>
          ))}
        </header>
        {extras.answer ? <OfficialAnswer ctx={ctx} contribution={c} safeAnswer={extras.answer.safeAnswer} answerer={extras.answer.answerer} /> : ''}
        {draft ? <DraftNotice ctx={ctx} contribution={c} open={open} /> : ''}
        <div class="prose">{safeBody}</div>
        <p class="meta">
          {c.updatedAt.getTime() !== c.createdAt.getTime() ? <>{ctx.t('consultations:contribution.edited', { date: formatDate(ctx, c.updatedAt, true) })} · </> : ''}
          <a href={`/contributions/${c.id}/history`}>{ctx.t('consultations:contribution.history')}</a>
          {open && c.authorId !== null && ctx.slot ? ctx.slot('authorEdit', `${c.id}:${c.authorId}`) : ''}
        </p>
      </article>
      <LinksSection ctx={ctx} kind={c.kind} answers={extras.links.answers} answeredBy={extras.links.answeredBy} answerHref={draft ? undefined : extras.answerHref} />
      {draft ? (
        ''
      ) : (
        <>
          <VoteBar ctx={ctx} contributionId={c.id} tally={tally} open={open} />
          <ArgumentsSection ctx={ctx} contributionId={c.id} items={reactions.arguments} canArgue={open && signedIn} form={reactions.forms.argument} />
          <CommentsSection ctx={ctx} contributionId={c.id} items={reactions.comments} canComment={reactions.canComment} form={reactions.forms.comment} />
        </>
      )}
      {extras.organizer && !draft ? <OrganizerTools ctx={ctx} contribution={c} forms={extras.organizer} /> : ''}
    </Layout>
  );
}

export function HistoryPage({ ctx, consultation, contribution: c, revisions }: { ctx: ViewContext; consultation: Consultation; contribution: Contribution; revisions: { revision: Revision; safeBody: string }[] }) {
  const title = ctx.ta('consultations:history.title', { title: c.title });
  return (
    <Layout ctx={ctx} title={shortTitle(title)} crumbs={[...crumbs(ctx, consultation, c), { href: `/contributions/${c.id}`, label: c.title }, { label: ctx.ta('consultations:contribution.history') }]}>
      <h1 safe>{title}</h1>
      <ul class="history">
        {revisions
          .map(({ revision, safeBody }, index) => (
            <li>
              <article>
                <h2>
                  {ctx.t('consultations:history.version', { n: index + 1 })} · <time datetime={revision.editedAt.toISOString()} safe>{formatDate(ctx, revision.editedAt, true)}</time>
                </h2>
                <p class="meta">{revision.editorName ? <span safe>{personName(ctx, revision.editorName)}</span> : ''}</p>
                <h3 safe>{revision.title}</h3>
                <div class="prose">{safeBody}</div>
              </article>
            </li>
          ))
          .reverse()}
      </ul>
    </Layout>
  );
}

export function CommentEditPage({ ctx, contributionId, form }: { ctx: ViewContext; contributionId: number; form: FormState }) {
  const title = ctx.ta('consultations:comments.editTitle');
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: `/contributions/${contributionId}`, label: ctx.ta('consultations:comments.back') }, { label: title }]} noindex>
      <h1>{ctx.t('consultations:comments.editTitle')}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={{ body: ctx.ta('consultations:comments.body') }} />
      <form method="post" novalidate>
        <CsrfField ctx={ctx} />
        <TextArea ctx={ctx} form={form} name="body" label={ctx.ta('consultations:comments.body')} hint={ctx.ta('consultations:comments.editHint')} required rows={4} maxlength={3000} />
        <button type="submit">{ctx.t('form.save')}</button>
      </form>
    </Layout>
  );
}
