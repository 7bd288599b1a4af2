// Back office views: overview, audit log and accounts.
import { dateFormat } from '../../../platform/intl.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { DataTable } from '../../../platform/views/table.tsx';

interface AuditRow {
  id: number;
  actorId: number | null;
  action: string;
  target: string;
  details: Record<string, unknown>;
  createdAt: Date;
}

const when = (ctx: ViewContext, date: Date) => dateFormat(ctx.locale, { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(date);

interface PendingOrganization {
  slug: string;
  name: string;
  type: string;
  legalName: string | null;
  siret: string | null;
}

function PendingVerifications({ ctx, pending }: { ctx: ViewContext; pending: PendingOrganization[] }) {
  return (
    <section aria-labelledby="pending-title">
      <h2 id="pending-title">{ctx.t('admin:pending.title')}</h2>
      {pending.length === 0 ? (
        <p>{ctx.t('admin:pending.none')}</p>
      ) : (
        <DataTable caption={ctx.t('admin:pending.caption')} headers={[ctx.t('admin:pending.name'), ctx.t('admin:pending.legalName'), 'SIRET', ctx.t('admin:users.actions')]}>
            {pending.map((org) => (
              <tr>
                <td>
                  <a href={`/organizations/${org.slug}`} safe>
                    {org.name}
                  </a>
                </td>
                <td safe>{org.legalName ?? ''}</td>
                <td safe>{org.siret ?? ''}</td>
                <td>
                  <form method="post" action={`/admin/organizations/${org.slug}/verify`} class="inline">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="secondary outline" aria-label={ctx.ta('admin:pending.confirmNamed', { name: org.name })}>
                      {ctx.t('admin:pending.confirm')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
        </DataTable>
      )}
    </section>
  );
}

export function AdminHome({ ctx, pages, audit, pending }: { ctx: ViewContext; pages: string[]; audit: AuditRow[]; pending: PendingOrganization[] }) {
  return (
    <Layout ctx={ctx} title={ctx.ta('admin:title')} crumbs={[{ label: ctx.ta('admin:title') }]} noindex>
      <h1>{ctx.t('admin:title')}</h1>
      <section aria-labelledby="admin-sections">
        <h2 id="admin-sections">{ctx.t('admin:sections')}</h2>
        <ul>
          <li>
            <a href="/admin/dashboard">{ctx.t('analytics:platform.title')}</a>
          </li>
          <li>
            <a href="/admin/users">{ctx.t('admin:users.title')}</a>
          </li>
          {pages.map((slug) => (
            <li>
              <a href={`/admin/pages/${slug}`}>{ctx.t('admin:editPage', { title: ctx.ta(`pages:${slug}.title`) })}</a>
            </li>
          ))}
        </ul>
      </section>
      <PendingVerifications ctx={ctx} pending={pending} />
      <section aria-labelledby="audit-title">
        <h2 id="audit-title">{ctx.t('admin:audit.title')}</h2>
        {audit.length === 0 ? (
          <p>{ctx.t('admin:audit.empty')}</p>
        ) : (
          <DataTable caption={ctx.t('admin:audit.caption')} headers={[ctx.t('admin:audit.when'), ctx.t('admin:audit.who'), ctx.t('admin:audit.action'), ctx.t('admin:audit.target'), ctx.t('admin:audit.details')]}>
              {audit.map((row) => (
                <tr>
                  <td safe>{when(ctx, row.createdAt)}</td>
                  <td safe>{row.actorId === null ? '—' : `#${row.actorId}`}</td>
                  <td safe>{row.action}</td>
                  <td safe>{row.target}</td>
                  <td>
                    <code safe>{JSON.stringify(row.details)}</code>
                  </td>
                </tr>
              ))}
          </DataTable>
        )}
      </section>
    </Layout>
  );
}

/** Moderators act on accounts without needing their addresses: they see enough to tell two apart, not to write. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}

interface UserRow {
  id: number;
  email: string;
  displayName: string;
  platformRole: string;
  emailVerifiedAt: Date | null;
  blockedAt: Date | null;
}

/** The block action of a row: unblocking at once (it undoes itself), blocking through its confirmation page. */
function BlockAction({ ctx, user }: { ctx: ViewContext; user: UserRow }) {
  if (!user.blockedAt)
    return (
      <a href={`/admin/users/${user.id}/block`} class="button secondary outline" aria-label={ctx.ta('admin:users.blockNamed', { name: user.displayName })}>
        {ctx.t('admin:users.block')}
      </a>
    );
  return (
    <form method="post" action={`/admin/users/${user.id}/block`} class="inline">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="blocked" value="0" />
      <button type="submit" class="secondary outline" aria-label={ctx.ta('admin:users.unblockNamed', { name: user.displayName })}>
        {ctx.t('admin:users.unblock')}
      </button>
    </form>
  );
}

export function UsersPage({ ctx, users, q, page, pages, canSetRole, mayAct }: { ctx: ViewContext; users: UserRow[]; q: string; page: number; pages: number; canSetRole: boolean; mayAct: (user: UserRow) => boolean }) {
  return (
    <Layout ctx={ctx} title={ctx.ta('admin:users.title')} crumbs={canSetRole ? [{ href: '/admin', label: ctx.ta('admin:title') }, { label: ctx.ta('admin:users.title') }] : [{ label: ctx.ta('admin:users.title') }]} noindex>
      <h1>{ctx.t('admin:users.title')}</h1>
      <form method="get" action="/admin/users" role="search">
        <label for="users-q">{ctx.t('admin:users.search')}</label>
        <input id="users-q" type="search" name="q" value={q} maxlength="100" />
        <button type="submit">{ctx.t('form.filter')}</button>
      </form>
      <DataTable caption={ctx.t('admin:users.caption', { page, pages })} headers={[ctx.t('admin:users.name'), ctx.t('admin:users.email'), ctx.t('admin:users.role'), ctx.t('admin:users.state'), ctx.t('admin:users.actions')]}>
          {users.map((user) => (
            <tr>
              <td safe>{user.displayName}</td>
              <td safe>{canSetRole ? user.email : maskEmail(user.email)}</td>
              <td>
                {canSetRole ? (
                  <form method="post" action={`/admin/users/${user.id}/role`} class="inline">
                    <CsrfField ctx={ctx} />
                    <select name="platformRole" aria-label={ctx.ta('admin:users.roleOf', { name: user.displayName })}>
                      {['member', 'moderator', 'admin'].map((role) => (
                        <option value={role} selected={role === user.platformRole}>
                          {ctx.t(`admin:roles.${role}`)}
                        </option>
                      ))}
                    </select>
                    <button type="submit" class="secondary outline">
                      {ctx.t('form.save')}
                    </button>
                  </form>
                ) : (
                  ctx.t(`admin:roles.${user.platformRole}`)
                )}
              </td>
              <td>{user.blockedAt ? ctx.t('admin:users.blocked') : user.emailVerifiedAt ? ctx.t('admin:users.active') : ctx.t('admin:users.unverified')}</td>
              <td>{mayAct(user) ? <BlockAction ctx={ctx} user={user} /> : ''}</td>
            </tr>
          ))}
      </DataTable>
      <nav aria-label={ctx.ta('pagination.label')} class="pagination">
        <ul>
          {page > 1 ? (
            <li>
              <a href={`/admin/users?page=${page - 1}&q=${encodeURIComponent(q)}`}>{ctx.t('pagination.previous')}</a>
            </li>
          ) : (
            ''
          )}
          <li>{ctx.t('pagination.page', { page, pages })}</li>
          {page < pages ? (
            <li>
              <a href={`/admin/users?page=${page + 1}&q=${encodeURIComponent(q)}`}>{ctx.t('pagination.next')}</a>
            </li>
          ) : (
            ''
          )}
        </ul>
      </nav>
    </Layout>
  );
}
