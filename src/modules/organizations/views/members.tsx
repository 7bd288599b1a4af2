// Managing an organization's members: roles, removals, requests to join, and invitations by e-mail.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, ErrorSummary, Field, Select, emptyForm, type FormState } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { memberRoles } from '../schema.ts';
import type { Member, Organization } from '../service.ts';
import { DataTable } from '../../../platform/views/table.tsx';
import { personName } from '../../accounts/views/name.tsx';

const roleOptions = (ctx: ViewContext) => memberRoles.map((value) => ({ value, label: ctx.ta(`organizations:role.${value}`) }));

function MemberRow({ ctx, org, member }: { ctx: ViewContext; org: Organization; member: Member }) {
  const base = `/organizations/${org.slug}/members/${member.userId}`;
  const selectId = `role-${member.userId}`;
  const name = personName(ctx, member.displayName);
  return (
    <tr>
      <th scope="row" safe>
        {name}
      </th>
      <td>
        <form method="post" action={base} class="inline">
          <CsrfField ctx={ctx} />
          <label for={selectId} class="visually-hidden">
            {ctx.t('organizations:members.roleOf', { name })}
          </label>
          <select id={selectId} name="role">
            {roleOptions(ctx).map((o) => (
              <option value={o.value} selected={o.value === member.role} safe>
                {o.label}
              </option>
            ))}
          </select>
          <button type="submit" class="secondary">
            {ctx.t('organizations:members.changeRole')}
          </button>
        </form>
      </td>
      <td>
        <a href={`${base}/remove`} class="button secondary outline" aria-label={ctx.ta('organizations:members.removeNamed', { name })}>
          {ctx.t('organizations:members.remove')}
        </a>
      </td>
    </tr>
  );
}

function RequestRow({ ctx, org, member }: { ctx: ViewContext; org: Organization; member: Member }) {
  const action = `/organizations/${org.slug}/members/${member.userId}`;
  const name = personName(ctx, member.displayName);
  return (
    <tr>
      <th scope="row" safe>
        {name}
      </th>
      <td>
        <form method="post" action={action} class="inline">
          <CsrfField ctx={ctx} />
          <button type="submit" name="action" value="approve" aria-label={ctx.ta('organizations:members.approveNamed', { name })}>
            {ctx.t('organizations:members.approve')}
          </button>{' '}
          <button type="submit" name="action" value="decline" class="secondary outline" aria-label={ctx.ta('organizations:members.declineNamed', { name })}>
            {ctx.t('organizations:members.decline')}
          </button>
        </form>
      </td>
    </tr>
  );
}

export function MembersPage({ ctx, org, members, inviteForm = emptyForm }: { ctx: ViewContext; org: Organization; members: Member[]; inviteForm?: FormState }) {
  const title = ctx.ta('organizations:members.title', { name: org.name });
  const active = members.filter((m) => m.status === 'active');
  const requests = members.filter((m) => m.status === 'requested');
  const labels = { email: ctx.ta('organizations:field.email'), role: ctx.ta('organizations:field.role') };
  return (
    <Layout
      ctx={ctx}
      title={title}
      crumbs={[{ href: '/organizations', label: ctx.ta('organizations:directory.title') }, { href: `/organizations/${org.slug}`, label: org.name }, { label: ctx.ta('organizations:members.crumb') }]}
      noindex
    >
      <h1 safe>{title}</h1>
      <DataTable caption={ctx.t('organizations:members.caption', { count: active.length })} headers={[ctx.t('organizations:members.name'), ctx.t('organizations:field.role'), ctx.t('organizations:members.actions')]}>
          {active.map((member) => (
            <MemberRow ctx={ctx} org={org} member={member} />
          ))}
      </DataTable>
      <section aria-labelledby="requests-title">
        <h2 id="requests-title">{ctx.t('organizations:members.requests')}</h2>
        {requests.length === 0 ? (
          <p>{ctx.t('organizations:members.noRequests')}</p>
        ) : (
          <DataTable caption={ctx.t('organizations:members.requestsCaption', { count: requests.length })} headers={[ctx.t('organizations:members.name'), ctx.t('organizations:members.actions')]}>
              {requests.map((member) => (
                <RequestRow ctx={ctx} org={org} member={member} />
              ))}
          </DataTable>
        )}
      </section>
      <section aria-labelledby="invite-title">
        <h2 id="invite-title">{ctx.t('organizations:members.invite')}</h2>
        <p>{ctx.t('organizations:members.inviteIntro')}</p>
        <ErrorSummary ctx={ctx} form={inviteForm} labels={labels} />
        <form method="post" action={`/organizations/${org.slug}/invitations`} novalidate>
          <CsrfField ctx={ctx} />
          <Field ctx={ctx} form={inviteForm} name="email" type="email" label={labels.email} required autocomplete="off" maxlength={254} />
          <Select ctx={ctx} form={{ values: { role: 'member', ...inviteForm.values }, errors: inviteForm.errors }} name="role" label={labels.role} required options={roleOptions(ctx)} />
          <button type="submit">{ctx.t('organizations:members.sendInvite')}</button>
        </form>
      </section>
    </Layout>
  );
}
