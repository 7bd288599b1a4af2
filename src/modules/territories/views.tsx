// The one territory field of every form and filter: a text box where one types a name (or a code), read by the
// server, with the COG's matches as a datalist filled by htmx while typing. Without JavaScript, an exact name or code
// is used as it is; anything else comes back with its matches to pick, as radio buttons in a posted form and as
// links in a GET filter, the rest of the form kept.
import type { ViewContext } from '../../platform/views/context.ts';
import { messageKey, type FormState } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { territoryKey, type Territory } from './data.ts';
import type { TerritoryResolution } from './resolve.ts';

export function territoryLabel(ctx: ViewContext, territory: Territory): string {
  return ctx.ta('territories:label', { name: territory.name, kind: ctx.ta(`territories:kind.${territory.kind}`), code: territory.code });
}

/** The suggestions as one types; also the fragment htmx swaps into the field's datalist. */
export function TerritoryOptions({ ctx, matches }: { ctx: ViewContext; matches: Territory[] }) {
  return (
    <>
      {matches.map((territory) => (
        <option value={territoryLabel(ctx, territory)}></option>
      ))}
    </>
  );
}

/** Why what was typed was not taken: nothing matches, or several territories do. */
function unresolvedMessage(ctx: ViewContext, resolution: TerritoryResolution): string {
  return resolution.choices.length === 0 ? ctx.ta('territories:none', { query: resolution.text }) : ctx.ta('territories:matches', { count: resolution.choices.length });
}

interface TerritoryInputProps {
  ctx: ViewContext;
  /** the element id; its hint, error and list ids derive from it */
  id: string;
  name: string;
  label: string;
  hint?: string;
  resolution: TerritoryResolution;
  /** another error on the field (a posted form's) */
  error?: string;
  optional?: boolean;
  /** what is shown once a territory is picked: empty for a field that adds to a list */
  keepPicked?: boolean;
  /** GET filters: each match is a link to the same filter with it; posted forms: radio buttons */
  choiceHref?: (territory: Territory) => string;
}

export function TerritoryInput({ ctx, id, name, label, hint, resolution, error, optional, keepPicked = true, choiceHref }: TerritoryInputProps) {
  const { territory, choices, text } = resolution;
  const unresolved = text !== '' && !territory;
  const message = unresolved ? unresolvedMessage(ctx, resolution) : error;
  // A form's field keeps the form's ids (hint-x, error-x beside field-x); a filter's derive from its own.
  const hintId = id.includes('field-') ? id.replace('field-', 'hint-') : `${id}-hint`;
  const errorId = id.includes('field-') ? id.replace('field-', 'error-') : `${id}-error`;
  const listId = `${id}-options`;
  const value = territory ? (keepPicked ? territoryLabel(ctx, territory) : '') : text;
  return (
    <div class="field territory-field">
      <label for={id}>
        <span safe>{label}</span>
        {optional ? <span class="optional"> {ctx.t('form.optional')}</span> : ''}
      </label>
      <input
        type="text"
        id={id}
        name={name}
        value={value}
        list={listId}
        maxlength={200}
        autocomplete="off"
        spellcheck="false"
        aria-invalid={message ? 'true' : undefined}
        aria-describedby={[hint ? hintId : '', message ? errorId : ''].filter(Boolean).join(' ') || undefined}
        data-hx-get="/territories"
        data-hx-trigger="input changed delay:250ms"
        data-hx-target={`#${listId}`}
        data-hx-swap="innerHTML"
        data-hx-sync="this:replace"
      />
      <datalist id={listId}>
        <TerritoryOptions ctx={ctx} matches={choices} />
      </datalist>
      {hint ? (
        <small id={hintId} safe>
          {hint}
        </small>
      ) : (
        ''
      )}
      {message ? (
        <small id={errorId} class="field-error" safe>
          {message}
        </small>
      ) : (
        ''
      )}
      {unresolved && choices.length > 0 ? <Choices ctx={ctx} id={id} name={name} choices={choices} href={choiceHref} /> : ''}
    </div>
  );
}

function Choices({ ctx, id, name, choices, href }: { ctx: ViewContext; id: string; name: string; choices: Territory[]; href?: (territory: Territory) => string }) {
  if (href) {
    return (
      <ul class="territory-choices" aria-label={ctx.ta('territories:choices')}>
        {choices.map((territory) => (
          <li>
            <a href={href(territory)} safe>
              {territoryLabel(ctx, territory)}
            </a>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <fieldset class="territory-choices" id={`${id}-choices`}>
      <legend>{ctx.t('territories:choices')}</legend>
      {choices.map((territory) => (
        <label>
          <input type="radio" name={`${name}Choice`} value={territoryKey(territory)} />
          <span safe>{territoryLabel(ctx, territory)}</span>
        </label>
      ))}
    </fieldset>
  );
}

interface PickerProps {
  ctx: ViewContext;
  form: FormState;
  /** the territory the form names */
  current?: Territory;
  /** what it may mean when what was typed names none for sure */
  matches: Territory[];
  /** what was typed, when it names none for sure */
  query?: string;
}

/** A posted form's territory field (`territory`), its id the one the error summary links to. */
export function TerritoryPicker({ ctx, form, current, matches, query }: PickerProps) {
  const error = form.errors.territory;
  return (
    <TerritoryInput
      ctx={ctx}
      id={`${form.idPrefix ?? ''}field-territory`}
      name="territory"
      label={ctx.ta('territories:legend')}
      hint={ctx.ta('territories:hint')}
      resolution={{ text: current ? '' : (query ?? ''), territory: current, choices: current ? [] : matches }}
      error={error ? ctx.ta(messageKey(error.key), error.values) : undefined}
      optional
    />
  );
}

interface ListProps {
  ctx: ViewContext;
  form: FormState;
  name: string;
  legend: string;
  hint?: string;
  /** the territories already in the list */
  picked: Territory[];
  /** what was typed in the field that adds one */
  adding: TerritoryResolution;
}

/**
 * Several territories: each one picked is a ticked box (untick to remove it), and the same territory field adds
 * another; all are sent under one name.
 */
export function TerritoryList({ ctx, form, name, legend, hint, picked, adding }: ListProps) {
  const id = `${form.idPrefix ?? ''}field-${name}`;
  const error = form.errors[name];
  return (
    <fieldset class="territory-list">
      <legend safe>{legend}</legend>
      {picked.map((territory) => (
        <label>
          <input type="checkbox" name={name} value={territoryKey(territory)} checked />
          <span safe>{territoryLabel(ctx, territory)}</span>
        </label>
      ))}
      <TerritoryInput
        ctx={ctx}
        id={id}
        name={`${name}Add`}
        label={ctx.ta(picked.length ? 'territories:addAnother' : 'territories:add')}
        hint={hint}
        resolution={adding}
        error={error && !adding.text ? ctx.ta(messageKey(error.key), error.values) : undefined}
        keepPicked={false}
        optional
      />
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
