// The /api page: the OpenAPI document as documentation for people. What the document cannot say (how to get a token,
// errors, limits, paging) comes first, then every operation by tag. Summaries are the document's own words, in
// English, so they carry lang="en" on a French page.
import { escapeHtml } from '@kitajs/html';
import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { DataTable } from '../../platform/views/table.tsx';
import type { ApiDocs, Field, Operation, Tag } from './model.ts';

/** The stable error codes every client meets, with their status; an operation's own conflicts are in its responses. */
const errorCodes: [status: string, code: string, when: string][] = [
  ['400, 422', 'validation_failed', 'validation_failed'],
  ['400', 'bad_request', 'bad_request'],
  ['401', 'unauthenticated', 'unauthenticated'],
  ['403', 'forbidden', 'forbidden'],
  ['403', 'token_read_only', 'token_read_only'],
  ['404', 'not_found', 'not_found'],
  ['409', '', 'conflict'],
  ['413', 'too_large', 'too_large'],
  ['429', 'rate_limited', 'rate_limited'],
  ['503', 'unavailable', 'unavailable'],
  ['500', 'internal_error', 'internal_error'],
];

const errorExample = JSON.stringify({ error: { code: 'validation_failed', message: '…', fields: { page: { code: 'invalid', message: '…' } } } }, null, 2);

/**
 * The document's own text. Kita leaves ">" as it is, valid HTML that html-validate's no-raw-characters still refuses,
 * and the document has some ("question id -> answer"): escaped too here.
 */
function DocText({ text }: { text: string }) {
  const safeText = escapeHtml(text).replace(/>/g, '&gt;');
  return <>{safeText}</>;
}

/** A block that may be wider than a small screen scrolls in its box, which takes focus so a keyboard can scroll it. */
function Code({ text }: { text: string }) {
  return (
    <pre tabindex="0">
      <code><DocText text={text} /></code>
    </pre>
  );
}

const tagName = (ctx: ViewContext, tag: Tag) => ctx.ta(`apidocs:tags.${tag.name}`, { defaultValue: tag.name });
const language = (ctx: ViewContext) => (ctx.locale === 'en' ? undefined : 'en');

function Overview({ ctx, postsPerMinute }: { ctx: ViewContext; postsPerMinute: number }) {
  return (
    <>
      <section aria-labelledby="token">
        <h2 id="token">{ctx.t('apidocs:token.title')}</h2>
        <p>{ctx.t('apidocs:token.why')}</p>
        <ol>
          <li>
            {ctx.t('apidocs:token.step1')} <a href="/account/tokens">{ctx.t('apidocs:token.step1Link')}</a>
          </li>
          <li>{ctx.t('apidocs:token.step2')}</li>
          <li>{ctx.t('apidocs:token.step3')}</li>
          <li>
            {ctx.t('apidocs:token.step4')}
            <Code text="Authorization: Bearer pvs_…" />
          </li>
        </ol>
        <p>{ctx.t('apidocs:token.cli')}</p>
        <Code text="parvis token:create --email someone@example.org --name my-integration" />
        <p>{ctx.t('apidocs:token.rules')}</p>
      </section>
      <section aria-labelledby="versioning">
        <h2 id="versioning">{ctx.t('apidocs:versioning.title')}</h2>
        <p>{ctx.t('apidocs:versioning.text')}</p>
      </section>
      <section aria-labelledby="limits">
        <h2 id="limits">{ctx.t('apidocs:limits.title')}</h2>
        <p>{ctx.t('apidocs:limits.text', { perMinute: postsPerMinute })}</p>
      </section>
      <section aria-labelledby="errors">
        <h2 id="errors">{ctx.t('apidocs:errors.title')}</h2>
        <p>{ctx.t('apidocs:errors.text')}</p>
        <Code text={errorExample} />
        <DataTable caption={ctx.t('apidocs:errors.caption')} headers={[ctx.t('apidocs:errors.status'), ctx.t('apidocs:errors.code'), ctx.t('apidocs:errors.when')]}>
          {errorCodes.map(([status, code, when]) => (
            <tr>
              <td><DocText text={status} /></td>
              <td>{code ? <code><DocText text={code} /></code> : <em>{ctx.t('apidocs:errors.specific')}</em>}</td>
              <td>{ctx.t(`apidocs:errors.when_${when}`)}</td>
            </tr>
          ))}
        </DataTable>
      </section>
      <section aria-labelledby="pagination">
        <h2 id="pagination">{ctx.t('apidocs:pagination.title')}</h2>
        <p>{ctx.t('apidocs:pagination.text')}</p>
      </section>
    </>
  );
}

function Contents({ ctx, docs }: { ctx: ViewContext; docs: ApiDocs }) {
  const overview: [string, string][] = [
    ['token', 'apidocs:token.title'],
    ['versioning', 'apidocs:versioning.title'],
    ['limits', 'apidocs:limits.title'],
    ['errors', 'apidocs:errors.title'],
    ['pagination', 'apidocs:pagination.title'],
  ];
  return (
    <nav aria-labelledby="api-toc" class="api-toc" id="contents">
      <h2 id="api-toc">{ctx.t('apidocs:toc')}</h2>
      <ol>
        {overview.map(([id, key]) => (
          <li>
            <a href={`#${id}`}>{ctx.t(key)}</a>
          </li>
        ))}
        <li>
          <a href="#operations">{ctx.t('apidocs:operations')}</a>
          <ol>
            {docs.tags.map((tag) => (
              <li>
                <a href={`#${tag.id}`}><DocText text={tagName(ctx, tag)} /></a>{' '}
                <span class="meta">({ctx.t('apidocs:operationCount', { count: tag.operations.length })})</span>
                <ul class="api-toc-operations">
                  {tag.operations.map((op) => (
                    <li>
                      <a href={`#${op.id}`}>
                        <span class="api-method"><DocText text={op.method} /></span>{' '}
                        <code><DocText text={op.path} /></code>
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </li>
      </ol>
    </nav>
  );
}

function FieldRows({ ctx, fields }: { ctx: ViewContext; fields: Field[] }) {
  return (
    <>
      {fields.map((field) => (
        <tr>
          <th scope="row">
            <code><DocText text={field.name} /></code>
          </th>
          <td>{ctx.t(`apidocs:in.${field.in}`, { defaultValue: field.in })}</td>
          <td>
            <code><DocText text={field.type} /></code>
          </td>
          <td>{field.required ? <strong>{ctx.t('apidocs:op.yes')}</strong> : ctx.t('apidocs:op.no')}</td>
          <td lang={field.description ? language(ctx) : undefined}><DocText text={field.description ?? ''} /></td>
        </tr>
      ))}
    </>
  );
}

function FieldTable({ ctx, caption, fields }: { ctx: ViewContext; caption: JSX.Element; fields: Field[] }) {
  const headers = ['name', 'in', 'type', 'required', 'description'].map((h) => ctx.t(`apidocs:op.${h}`));
  return (
    <DataTable caption={caption} headers={headers}>
      <FieldRows ctx={ctx} fields={fields} />
    </DataTable>
  );
}

function OperationSection({ ctx, op }: { ctx: ViewContext; op: Operation }) {
  return (
    <article id={op.id} aria-labelledby={`${op.id}-title`} class="api-operation">
      <h4 id={`${op.id}-title`}>
        <span class={`api-method api-method-${op.method.toLowerCase()}`}><DocText text={op.method} /></span>{' '}
        <code><DocText text={op.path} /></code>
      </h4>
      {op.summary ? (
        <p lang={language(ctx)}><DocText text={op.summary} /></p>
      ) : (
        ''
      )}
      {op.description ? (
        <p lang={language(ctx)}><DocText text={op.description} /></p>
      ) : (
        ''
      )}
      <p>
        <span class={op.authenticated ? 'api-auth api-auth-token' : 'api-auth'}>{op.authenticated ? ctx.t('apidocs:op.authenticated') : ctx.t('apidocs:op.public')}</span>
      </p>
      {op.parameters.length ? <FieldTable ctx={ctx} caption={<>{ctx.t('apidocs:op.parameters')}</>} fields={op.parameters} /> : ''}
      {op.bodyType ? (
        op.body.length ? (
          <FieldTable ctx={ctx} caption={<>{ctx.t('apidocs:op.body', { type: op.bodyType })}</>} fields={op.body} />
        ) : (
          <p>
            {ctx.t('apidocs:op.body', { type: op.bodyType })} {ctx.t('apidocs:op.bodyNone')}
          </p>
        )
      ) : (
        ''
      )}
      <p class="api-label">{ctx.t('apidocs:op.responses')}</p>
      <ul class="api-responses">
        {op.responses.map((r) => (
          <li>
            <code><DocText text={r.status} /></code> {ctx.t(`apidocs:status.${r.status}`, { defaultValue: '' })}
            {r.description ? (
              <>
                {' — '}
                <span lang={language(ctx)}><DocText text={r.description} /></span>
              </>
            ) : (
              ''
            )}
          </li>
        ))}
      </ul>
      <figure class="api-example">
        <figcaption>{ctx.t('apidocs:op.example')}</figcaption>
        <Code text={op.curl} />
      </figure>
    </article>
  );
}

export function ApiDocsPage({ ctx, docs, postsPerMinute }: { ctx: ViewContext; docs: ApiDocs; postsPerMinute: number }) {
  const title = ctx.ta('apidocs:title');
  return (
    <Layout ctx={ctx} title={title} crumbs={[{ label: title }]}>
      <h1>{ctx.t('apidocs:title')}</h1>
      <p>{ctx.t('apidocs:intro')}</p>
      <dl class="api-facts">
        <dt>{ctx.t('apidocs:baseUrl')}</dt>
        <dd>
          <code><DocText text={`${docs.baseUrl}/api/v1`} /></code>
        </dd>
        <dt>{ctx.t('apidocs:format')}</dt>
        <dd>{ctx.t('apidocs:formatValue')}</dd>
        <dt>{ctx.t('apidocs:documentVersion')}</dt>
        <dd><DocText text={docs.version} /></dd>
        <dt>{ctx.t('apidocs:machine')}</dt>
        <dd>
          <a href="/openapi.json" type="application/json">
            {ctx.t('apidocs:machineLink')}
          </a>
        </dd>
      </dl>
      {ctx.locale === 'en' ? '' : <p class="meta">{ctx.t('apidocs:englishSummaries')}</p>}
      <Contents ctx={ctx} docs={docs} />
      <Overview ctx={ctx} postsPerMinute={postsPerMinute} />
      <section aria-labelledby="operations">
        <h2 id="operations">{ctx.t('apidocs:operations')}</h2>
        <p class="meta">{ctx.t('apidocs:op.exampleNote')}</p>
        {docs.tags.map((tag) => (
          <section aria-labelledby={tag.id}>
            <h3 id={tag.id}><DocText text={tagName(ctx, tag)} /></h3>
            {tag.operations.map((op) => (
              <OperationSection ctx={ctx} op={op} />
            ))}
            <p>
              <a href="#contents">{ctx.t('apidocs:op.backToToc')}</a>
            </p>
          </section>
        ))}
      </section>
    </Layout>
  );
}
