// An organization's public page: who they are, where, what they work on, whether their type is verified, members.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { Member, Organization } from '../service.ts';
import { DomainList, TerritoryName, TypeBadge, logoUrl } from './components.tsx';
import { FollowSlot } from '../../notifications/views/follow.tsx';
import { HiddenBanner } from '../../moderation/views/components.tsx';
import { ReportLink } from '../../moderation/views/report.tsx';
import { personName } from '../../accounts/views/name.tsx';
import type { HiddenNotice } from '../../moderation/visibility.ts';

export interface Viewer {
  membership?: Member;
  isPlatformAdmin: boolean;
  signedIn: boolean;
  /** an admin of the organization, or a platform admin */
  canManage: boolean;
}

/** Paragraphs from the plain-text description: blank lines separate them. */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => (
          <p safe>{p}</p>
        ))}
    </>
  );
}

function PostButton({ ctx, action, label, secondary }: { ctx: ViewContext; action: string; label: JSX.Element; secondary?: boolean }) {
  return (
    <form method="post" action={action} class="inline">
      <CsrfField ctx={ctx} />
      <button type="submit" class={secondary ? 'secondary' : undefined}>
        {label}
      </button>
    </form>
  );
}

function Verification({ ctx, org }: { ctx: ViewContext; org: Organization }) {
  const status = org.verifiedAt ? (org.verifiedBy === 'admin' ? 'verifiedAdmin' : 'verifiedSiret') : org.siret ? 'declared' : 'none';
  return (
    <section aria-labelledby="verification-title">
      <h2 id="verification-title">{ctx.t('organizations:page.verification')}</h2>
      <p>{ctx.t(`organizations:verification.${status}`)}</p>
      <dl>
        {org.siret ? (
          <>
            <dt>{ctx.t('organizations:field.siret')}</dt>
            <dd safe>{org.siret}</dd>
          </>
        ) : (
          ''
        )}
        {org.legalName ? (
          <>
            <dt>{ctx.t('organizations:field.legalName')}</dt>
            <dd safe>{org.legalName}</dd>
          </>
        ) : (
          ''
        )}
      </dl>
    </section>
  );
}

function Actions({ ctx, org, viewer }: { ctx: ViewContext; org: Organization; viewer: Viewer }) {
  const base = `/organizations/${org.slug}`;
  const m = viewer.membership;
  if (!viewer.signedIn)
    return (
      <p>
        <a href={`/login?next=${encodeURIComponent(base)}`}>{ctx.t('organizations:page.signInToJoin')}</a>
      </p>
    );
  return (
    <div class="actions">
      {viewer.canManage ? (
        <p>
          <a href={`${base}/edit`} class="button">
            {ctx.t('organizations:page.edit')}
          </a>{' '}
          <a href={`${base}/members`} class="button secondary">
            {ctx.t('organizations:page.manageMembers')}
          </a>
        </p>
      ) : (
        ''
      )}
      {!m ? <PostButton ctx={ctx} action={`${base}/join`} label={ctx.t('organizations:page.join')} /> : ''}
      {m?.status === 'requested' ? <p>{ctx.t('organizations:page.requested')}</p> : ''}
      {m?.status === 'active' ? <PostButton ctx={ctx} action={`${base}/leave`} label={ctx.t('organizations:page.leave')} secondary /> : ''}
      {viewer.isPlatformAdmin && !org.verifiedAt ? (
        <PostButton ctx={ctx} action={`/admin/organizations/${org.slug}/verify`} label={ctx.t('organizations:page.adminVerify')} secondary />
      ) : (
        ''
      )}
    </div>
  );
}

export function OrganizationPage({ ctx, org, members, viewer, hidden }: { ctx: ViewContext; org: Organization; members: Member[]; viewer: Viewer; hidden?: HiddenNotice }) {
  const logo = logoUrl(org);
  const active = members.filter((m) => m.status === 'active');
  return (
    <Layout ctx={ctx} title={org.name} crumbs={[{ href: '/organizations', label: ctx.ta('organizations:directory.title') }, { label: org.name }]}>
      <header class="org-header">
        {logo ? <img src={logo} alt={ctx.ta('organizations:page.logoAlt', { name: org.name })} class="logo" /> : ''}
        <div>
          <h1 safe>{org.name}</h1>
          <FollowSlot ctx={ctx} target={`organization:${org.id}`} />
          <p>
            <TypeBadge ctx={ctx} type={org.type} verified={org.verifiedAt !== null} />
          </p>
          <p class="meta">
            <TerritoryName ctx={ctx} kind={org.territoryKind} code={org.territoryCode} />
          </p>
        </div>
      </header>
      {hidden ? <HiddenBanner ctx={ctx} notice={hidden} author={viewer.membership?.status === 'active' || org.createdBy === ctx.user?.id} /> : ''}
      <Actions ctx={ctx} org={org} viewer={viewer} />
      {viewer.membership?.status === 'active' ? '' : <p class="meta"><ReportLink ctx={ctx} kind="organization" id={org.id} authorId={org.createdBy} /></p>}
      {org.description ? <Paragraphs text={org.description} /> : ''}
      {org.website ? (
        <p>
          <a href={org.website} rel="nofollow ugc noopener" safe>
            {org.website}
          </a>
        </p>
      ) : (
        ''
      )}
      <DomainList ctx={ctx} values={org.domains} />
      <Verification ctx={ctx} org={org} />
      <section aria-labelledby="members-title">
        <h2 id="members-title">{ctx.t('organizations:page.members', { count: active.length })}</h2>
        <ul>
          {active.map((m) => (
            <li>
              <span safe>{personName(ctx, m.displayName)}</span> <span class="meta">({ctx.t(`organizations:role.${m.role}`)})</span>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
