// Pieces of the filter forms above lists (GET forms: they work without JavaScript and their address can be shared).
import type { ViewContext } from './context.ts';
import type { Option } from './form.tsx';

/** A labelled choice whose first option, "any", leaves the filter off. */
export function FilterSelect({ ctx, name, label, options, current }: { ctx: ViewContext; name: string; label: string; options: Option[]; current?: string }) {
  return (
    <label for={`filter-${name}`}>
      <span safe>{label}</span>
      <select id={`filter-${name}`} name={name}>
        <option value="">{ctx.t('form.any')}</option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === current} safe>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Folds a filter form under a "Filtres" disclosure on small screens, where the fields would push the list out of
 * sight; wide screens show the form whatever its state (parvis.css). Open from the start when a filter is on, so
 * the person sees what narrows the list.
 */
export function FilterBar({ ctx, active, children }: { ctx: ViewContext; active: boolean; children: JSX.Element }) {
  return (
    <details class="filter-bar" open={active}>
      <summary>{ctx.t('form.filters')}</summary>
      {children}
    </details>
  );
}
