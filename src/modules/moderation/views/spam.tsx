// What a person sees when a spam defence refused their post: why, when they may try again, and what they typed, to
// copy — never a silent drop.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/layout.tsx';

type Vars = { max: number; seconds: number };

/** In place, for htmx: put at the top of the form's target, the form and its text left as they were. */
export function SpamRefusedNotice({ ctx, code, vars }: { ctx: ViewContext; code: string; vars: Vars }) {
  return (
    <p class="flash flash-error spam-refused" role="alert">
      {ctx.t(`moderation:spam.${code}`, vars)}
    </p>
  );
}

export function SpamRefusedPage({ ctx, code, vars, typed, back }: { ctx: ViewContext; code: string; vars: Vars; typed: string; back: string }) {
  const title = ctx.ta('moderation:spam.title');
  return (
    <Layout ctx={ctx} title={title} noindex>
      <h1>{ctx.t('moderation:spam.title')}</h1>
      <p role="alert">{ctx.t(`moderation:spam.${code}`, vars)}</p>
      {typed ? (
        <>
          <label for="spam-typed">{ctx.t('moderation:spam.typed')}</label>
          <textarea id="spam-typed" rows="6" readonly safe>
            {typed}
          </textarea>
        </>
      ) : (
        ''
      )}
      <p>
        <a href={back}>{ctx.t('moderation:spam.back')}</a>
      </p>
    </Layout>
  );
}
