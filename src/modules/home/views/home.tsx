// The home page.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/layout.tsx';

export function HomePage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout ctx={ctx} title={ctx.ta('home:title')}>
      <section class="hero">
        <h1>{ctx.t('home:title')}</h1>
        <p class="lead">{ctx.t('home:lead')}</p>
        <p>
          <a href="/organizations" class="button">
            {ctx.t('home:cta.directory')}
          </a>{' '}
          {ctx.user ? (
            ''
          ) : (
            <a href="/register" class="button secondary">
              {ctx.t('home:cta.join')}
            </a>
          )}
        </p>
      </section>
      <section class="grid-3" aria-labelledby="pillars-title">
        <h2 id="pillars-title" class="visually-hidden">
          {ctx.t('home:pillars')}
        </h2>
        <article>
          <h3>{ctx.t('home:consultations.title')}</h3>
          <p>{ctx.t('home:consultations.body')}</p>
        </article>
        <article>
          <h3>{ctx.t('home:workshops.title')}</h3>
          <p>{ctx.t('home:workshops.body')}</p>
        </article>
        <article>
          <h3>{ctx.t('home:projects.title')}</h3>
          <p>{ctx.t('home:projects.body')}</p>
        </article>
      </section>
    </Layout>
  );
}
