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
