// The open-data pages: the platform catalogue (every dataset, its state, licence, formats and columns) and a
// consultation's dataset with its download and, for organizers, their export. A build in progress shows a progress
// bar; htmx refreshes it, and without scripts the page says to reload.
import { dateFormat, numberFormat } from '../../../platform/intl.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField } from '../../../platform/views/form.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { licence, formats } from '../archive.ts';
import { resourcesFor } from '../resources.ts';
import type { Archive } from '../service.ts';

const loc = (ctx: ViewContext) => (ctx.locale === 'en' ? 'en-GB' : 'fr-FR');

function size(ctx: ViewContext, bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 1 ? `${numberFormat(loc(ctx), { maximumFractionDigits: 1 }).format(mb)} Mo` : `${numberFormat(loc(ctx), { maximumFractionDigits: 0 }).format(bytes / 1024)} ko`;
}

/** The state of one archive: download link, or the progress of its build. */
export function ArchiveState({ ctx, archive, href, statusHref }: { ctx: ViewContext; archive: Archive | undefined; href: string; statusHref: string }) {
  const building = archive?.status === 'building' || archive?.status === 'queued' || !archive;
  const when = archive?.builtAt ? dateFormat(loc(ctx), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(archive.builtAt) : '';
  return (
    <div id="archive-state" data-hx-get={building ? statusHref : undefined} data-hx-trigger={building ? 'every 3s' : undefined} data-hx-swap="outerHTML">
      {archive?.builtAt ? (
        <p>
          <a href={href} class="button" download="">
            {ctx.t('opendata:download')}
          </a>{' '}
          <span class="meta">{ctx.t('opendata:builtAt', { when, size: size(ctx, archive.bytes) })}</span>
        </p>
      ) : (
        ''
      )}
      {building ? (
        <div>
          <label for="archive-progress">{archive?.builtAt ? ctx.t('opendata:rebuilding') : ctx.t('opendata:building')}</label>
          <progress id="archive-progress" value={archive && archive.total ? String(archive.progress) : undefined} max={archive && archive.total ? String(archive.total) : undefined}></progress>
          <p class="meta">{ctx.t('opendata:reload')}</p>
        </div>
      ) : (
        ''
      )}
      {archive?.status === 'failed' ? <p class="notice">{ctx.t('opendata:failed')}</p> : ''}
    </div>
  );
}

function Documentation({ ctx, consultationScope }: { ctx: ViewContext; consultationScope: boolean }) {
  const list = resourcesFor({ consultationId: consultationScope ? 1 : undefined });
  return (
    <section aria-labelledby="documentation">
      <h2 id="documentation">{ctx.t('opendata:contents')}</h2>
      <p>{ctx.t('opendata:formats')}</p>
      <ul>
        {formats.map((f) => (
          <li>{ctx.t(`opendata:format.${f}`)}</li>
        ))}
      </ul>
      <p>{ctx.t('opendata:privacy')}</p>
      {list.map((r) => (
        <details>
          <summary>
            <code safe>{r.name}</code> — <span safe>{r.title}</span>
          </summary>
          <p safe>{r.description}</p>
          <table>
            <caption safe>{ctx.ta('opendata:columnsOf', { name: r.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('opendata:column')}</th>
                <th scope="col">{ctx.t('opendata:type')}</th>
                <th scope="col">{ctx.t('opendata:description')}</th>
              </tr>
            </thead>
            <tbody>
              {r.fields.map((field) => (
                <tr>
                  <th scope="row">
                    <code safe>{field.name}</code>
                  </th>
                  <td>{field.type}</td>
                  <td safe>{field.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </section>
  );
}

function Licence({ ctx }: { ctx: ViewContext }) {
  return (
    <p>
      {ctx.t('opendata:licence')} <a href={licence.url} safe>{licence.name}</a>
    </p>
  );
}

interface CatalogProps {
  ctx: ViewContext;
  platform: Archive | undefined;
  datasets: { slug: string; title: string; archive: Archive | undefined }[];
  canRebuild: boolean;
}

export function CatalogPage({ ctx, platform, datasets, canRebuild }: CatalogProps) {
  const title = ctx.ta('opendata:title');
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ label: title }]}>
      <h1 safe>{title}</h1>
      <p>{ctx.t('opendata:intro')}</p>
      <Licence ctx={ctx} />
      <section aria-labelledby="platform-dataset">
        <h2 id="platform-dataset">{ctx.t('opendata:platformDataset')}</h2>
        <ArchiveState ctx={ctx} archive={platform} href="/open-data/parvis-open-data.zip" statusHref="/open-data/status" />
      </section>
      <section aria-labelledby="datasets">
        <h2 id="datasets">{ctx.t('opendata:byConsultation')}</h2>
        <ul>
          {datasets.map((d) => (
            <li>
              <a href={`/consultations/${d.slug}/open-data`} safe>
                {d.title}
              </a>{' '}
              <span class="meta">{d.archive?.builtAt ? ctx.t('opendata:ready') : ctx.t('opendata:notYet')}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="harvest">
        <h2 id="harvest">{ctx.t('opendata:harvest')}</h2>
        <p>
          {ctx.t('opendata:harvestText')} <a href="/open-data/catalog.jsonld">catalog.jsonld</a> · <a href="/open-data/datapackage.json">datapackage.json</a> · <a href="/api/v1/open-data">/api/v1/open-data</a>
        </p>
      </section>
      <Documentation ctx={ctx} consultationScope={false} />
      {canRebuild ? (
        <form method="post" action="/open-data/rebuild">
          <CsrfField ctx={ctx} />
          <button type="submit" class="secondary">
            {ctx.t('opendata:rebuild')}
          </button>
        </form>
      ) : (
        ''
      )}
    </Layout>
  );
}

interface DatasetProps {
  ctx: ViewContext;
  consultation: { slug: string; title: string };
  archive: Archive | undefined;
  canExport: boolean;
}

export function DatasetPage({ ctx, consultation, archive, canExport }: DatasetProps) {
  const title = ctx.ta('opendata:datasetTitle', { title: consultation.title });
  const base = `/consultations/${consultation.slug}`;
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ href: '/open-data', label: ctx.ta('opendata:title') }, { href: base, label: consultation.title }, { label: ctx.ta('opendata:crumb') }]}>
      <h1 safe>{title}</h1>
      <p>{ctx.t('opendata:datasetIntro')}</p>
      <Licence ctx={ctx} />
      <ArchiveState ctx={ctx} archive={archive} href={`${base}/open-data.zip`} statusHref={`${base}/open-data/status`} />
      <p>
        <a href={`${base}/dashboard`}>{ctx.t('opendata:toDashboard')}</a>
      </p>
      {canExport ? (
        <section aria-labelledby="organizer-export">
          <h2 id="organizer-export">{ctx.t('opendata:organizerExport')}</h2>
          <p>{ctx.t('opendata:organizerExportText')}</p>
          <form method="post" action={`${base}/export.zip`}>
            <CsrfField ctx={ctx} />
            <button type="submit">{ctx.t('opendata:organizerExportButton')}</button>
          </form>
        </section>
      ) : (
        ''
      )}
      <Documentation ctx={ctx} consultationScope={true} />
    </Layout>
  );
}
