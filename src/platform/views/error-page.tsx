// The page shown when a request cannot be answered: what happened and where to go next.
import type { ViewContext } from './context.ts';
import { Layout } from './layout.tsx';

export function ErrorPage({ ctx, status, code, detail }: { ctx: ViewContext; status: number; code: string; detail?: string }): JSX.Element {
  const known = ['not_found', 'forbidden', 'unauthenticated', 'csrf_invalid', 'rate_limited', 'too_large', 'bad_request', 'unsupported_media_type', 'unavailable', 'database_unavailable', 'database_timeout', 'malformed_body', 'internal_error', 'content_hidden', 'consultation_draft'];
  const key = known.includes(code) ? code : status >= 500 ? 'internal_error' : 'bad_request';
  return (
    <Layout ctx={ctx} title={ctx.ta(`errors:${key}.title`)} noindex>
      <h1>{ctx.t(`errors:${key}.title`)}</h1>
      <p>{ctx.t(`errors:${key}.body`)}</p>
      {detail ? (
        <p class="error-detail">
          {ctx.t('errors:detail')} <span safe>{detail}</span>
        </p>
      ) : (
        ''
      )}
      <p>
        <a href="/">{ctx.t('errors:home')}</a>
      </p>
    </Layout>
  );
}
