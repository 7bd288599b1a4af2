// An invitation to join an organization, opened from its e-mail link.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { MemberRole, OrganizationType } from '../schema.ts';

interface InvitationView {
  email: string;
  role: MemberRole;
  organization: { slug: string; name: string; type: OrganizationType };
}

export function InvitationPage({ ctx, token, invitation }: { ctx: ViewContext; token: string; invitation: InvitationView }) {
  const title = ctx.ta('organizations:invitation.title', { name: invitation.organization.name });
  return (
    <Layout ctx={ctx} title={title} noindex>
      <h1 safe>{title}</h1>
      <p>
        {ctx.t('organizations:invitation.body', {
          name: invitation.organization.name,
          type: ctx.ta(`organizations:type.${invitation.organization.type}`),
          role: ctx.ta(`organizations:role.${invitation.role}`),
          email: invitation.email,
        })}
      </p>
      <p>
        <a href={`/organizations/${invitation.organization.slug}`}>{ctx.t('organizations:invitation.see')}</a>
      </p>
      <form method="post" action={`/invitations/${token}/accept`}>
        <CsrfField ctx={ctx} />
        <button type="submit">{ctx.t('organizations:invitation.accept')}</button>
      </form>
    </Layout>
  );
}

/** Why the invitation cannot be used: gone (used, expired) unless another reason's message key is given. */
export function InvitationInvalidPage({ ctx, reason = 'organizations:invitation.invalidBody' }: { ctx: ViewContext; reason?: string }) {
  return (
    <Layout ctx={ctx} title={ctx.ta('organizations:invitation.invalidTitle')} noindex>
      <h1>{ctx.t('organizations:invitation.invalidTitle')}</h1>
      <p>{ctx.t(reason)}</p>
      <p>
        <a href="/organizations">{ctx.t('organizations:directory.title')}</a>
      </p>
    </Layout>
  );
}
