// Choosing a territory: a search box, a button that works without JavaScript, and the matches as radio buttons.
import type { ViewContext } from '../../platform/views/context.ts';
import { messageKey, type FormState } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { territoryKey, type Territory } from './data.ts';

export function territoryLabel(ctx: ViewContext, territory: Territory): string {
  return ctx.ta('territories:label', { name: territory.name, kind: ctx.ta(`territories:kind.${territory.kind}`), code: territory.code });
}

function Choice({ ctx, territory, checked }: { ctx: ViewContext; territory: Territory; checked: boolean }) {
  return (
    <label>
      <input type="radio" name="territory" value={territoryKey(territory)} checked={checked} />
      <span safe>{territoryLabel(ctx, territory)}</span>
    </label>
  );
}

/** The matches of a search; also the fragment htmx swaps in as the person types. */
export function TerritoryChoices({ ctx, matches, query, exclude }: { ctx: ViewContext; matches: Territory[]; query?: string; exclude?: Territory }) {
  const shown = exclude ? matches.filter((t) => territoryKey(t) !== territoryKey(exclude)) : matches;
  if (!query) return <></>;
  if (shown.length === 0) return <p class="meta">{ctx.t('territories:none', { query })}</p>;
  return (
    <>
      <p class="meta">{ctx.t('territories:matches', { count: shown.length })}</p>
      {shown.map((territory) => (
        <Choice ctx={ctx} territory={territory} checked={false} />
      ))}
    </>
  );
}

interface PickerProps {
  ctx: ViewContext;
  form: FormState;
  current?: Territory;
  matches: Territory[];
  query?: string;
}

/**
 * Without JavaScript the "search" button posts the whole form back, which shows it again with what was typed
 * and the matches; with htmx the matches load as one types.
 */
export function TerritoryPicker({ ctx, form, current, matches, query }: PickerProps) {
  const error = form.errors.territory;
  return (
    <fieldset id="field-territory" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'error-territory' : 'hint-territory'}>
      <legend>
        {ctx.t('territories:legend')} <span class="optional">{ctx.t('form.optional')}</span>
      </legend>
      <small id="hint-territory">{ctx.t('territories:hint')}</small>
      {current ? (
        <Choice ctx={ctx} territory={current} checked />
      ) : (
        ''
      )}
      <label>
        <input type="radio" name="territory" value="" checked={!current} />
        {ctx.t('territories:noTerritory')}
      </label>
      <label for="field-territoryQuery">{ctx.t('territories:search')}</label>
      <div role="group" class="territory-search">
        <input
          type="search"
          id="field-territoryQuery"
          name="territoryQuery"
          value={query}
          maxlength={100}
          autocomplete="off"
          data-hx-get="/territories"
          data-hx-trigger="input changed delay:300ms, search"
          data-hx-target="#territory-choices"
          data-hx-swap="innerHTML"
        />
        <button type="submit" name="_search" value="territory" formnovalidate class="secondary">
          {ctx.t('territories:searchButton')}
        </button>
      </div>
      <div id="territory-choices" aria-live="polite">
        <TerritoryChoices ctx={ctx} matches={matches} query={query} exclude={current} />
      </div>
      {error ? (
        <small id="error-territory" class="field-error">
          {ctx.t(messageKey(error.key), error.values)}
        </small>
      ) : (
        ''
      )}
    </fieldset>
  );
}

/**
 * The search opened as a page rather than swapped in by htmx (a bookmark, a shared link, a crawler): the same search
 * with its own form, the matches as a list.
 */
export function TerritorySearchPage({ ctx, matches, query }: { ctx: ViewContext; matches: Territory[]; query: string }) {
  const title = ctx.ta('territories:page.title');
  return (
    <Layout ctx={ctx} title={query ? ctx.ta('territories:page.titleFor', { query }) : title} crumbs={[{ label: title }]}>
      <h1>{ctx.t('territories:page.title')}</h1>
      <form method="get" action="/territories" role="search">
        <label for="territory-q">{ctx.t('territories:search')}</label>
        <div role="group">
          <input type="search" id="territory-q" name="q" value={query} maxlength={100} autocomplete="off" />
          <button type="submit">{ctx.t('territories:searchButton')}</button>
        </div>
      </form>
      {!query ? (
        ''
      ) : matches.length === 0 ? (
        <p>{ctx.t('territories:none', { query })}</p>
      ) : (
        <section aria-labelledby="territory-matches">
          <h2 id="territory-matches">{ctx.t('territories:page.matches', { count: matches.length })}</h2>
          <ul>
            {matches.map((territory) => (
              <li safe>{territoryLabel(ctx, territory)}</li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
