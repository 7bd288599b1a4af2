// Form building blocks: every field has a label, its error beside it, and keeps what the person typed.
import type { FieldErrors } from '../errors.ts';
import type { ViewContext } from './context.ts';

export interface FormState {
  values: Record<string, unknown>;
  errors: FieldErrors;
  /** set when a page holds several forms with a field of the same name, to keep element ids unique */
  idPrefix?: string;
}

/** The id of a field's element (and of its hint and error), unique on the page. */
export function fieldId(form: FormState, kind: 'field' | 'hint' | 'error', name: string): string {
  return `${form.idPrefix ?? ''}${kind}-${name}`;
}

export const emptyForm: FormState = { values: {}, errors: {} };

/** A field message is a key of the shared `validation:` catalogue, or a module's own when it names its namespace. */
export function messageKey(key: string): string {
  return key.includes(':') ? key : `validation:${key}`;
}

export function CsrfField({ ctx }: { ctx: ViewContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

/**
 * What Enter in a field submits. HTML makes a form's first submit button its default, so a form whose fields come
 * with their own search buttons (a territory, contributions to answer) starts with this twin of its main button,
 * out of sight, of the tab order and of the accessibility tree: Enter in the title then publishes, as the visible
 * main button at the end does, rather than running the first search met on the way.
 */
export function DefaultButton({ name, value, children }: { name?: string; value?: string; children: JSX.Element }) {
  return (
    <button type="submit" name={name} value={value} class="visually-hidden" tabindex="-1" aria-hidden="true">
      {children}
    </button>
  );
}

function stringValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function errorText(ctx: ViewContext, form: FormState, name: string): JSX.Element {
  const error = form.errors[name];
  return error ? ctx.t(messageKey(error.key), error.values) : '';
}

/** At the top of a rejected form: announced, focusable, and linking to each field in error. */
export function ErrorSummary({ ctx, form, labels }: { ctx: ViewContext; form: FormState; labels: Record<string, string> }) {
  // In the order the fields appear, then any other.
  const names = [...Object.keys(labels), ...Object.keys(form.errors)].filter((n, i, all) => form.errors[n] && all.indexOf(n) === i);
  if (names.length === 0) return '';
  return (
    <div class="error-summary" role="alert" tabindex="-1" id="error-summary" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{ctx.t('validation:summary', { count: names.length })}</h2>
      <ul>
        {names.map((name) => (
          <li>
            <a href={`#${fieldId(form, 'field', name)}`}>
              <span safe>{labels[name] ?? ''}</span>
              {labels[name] ? ' : ' : ''}
              {errorText(ctx, form, name)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  ctx: ViewContext;
  form: FormState;
  name: string;
  label: string;
  type?: string;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: string;
  maxlength?: number;
  /** never echo a password back */
  keep?: boolean;
  list?: string;
  /** progressive enhancement only (htmx attributes): the field works without them */
  enhance?: Record<string, string>;
}

function describedBy(form: FormState, name: string, hint?: string, error?: unknown): string | undefined {
  const ids = [hint ? fieldId(form, 'hint', name) : '', error ? fieldId(form, 'error', name) : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldExtras({ ctx, form, name, hint }: { ctx: ViewContext; form: FormState; name: string; hint?: string }) {
  const error = errorText(ctx, form, name);
  return (
    <>
      {hint ? (
        <small id={fieldId(form, 'hint', name)} safe>
          {hint}
        </small>
      ) : (
        ''
      )}
      {error ? (
        <small id={fieldId(form, 'error', name)} class="field-error">
          {error}
        </small>
      ) : (
        ''
      )}
    </>
  );
}

/**
 * A field's frame: the label holds only the field's name, so the hint and the error after the control are read once,
 * through aria-describedby, rather than again as part of the name.
 */
function FieldFrame({ ctx, form, name, label, hint, required, children }: { ctx: ViewContext; form: FormState; name: string; label: string; hint?: string; required?: boolean; children: JSX.Element }) {
  return (
    <div class="field">
      <label for={fieldId(form, 'field', name)}>
        <span safe>{label}</span>
        {required ? '' : <span class="optional"> {ctx.t('form.optional')}</span>}
      </label>
      {children}
      <FieldExtras ctx={ctx} form={form} name={name} hint={hint} />
    </div>
  );
}

/** What every control carries: its id, name, and whether and why it is in error. */
function control(form: FormState, name: string, hint?: string) {
  const invalid = form.errors[name] !== undefined;
  return { id: fieldId(form, 'field', name), name, 'aria-invalid': invalid ? 'true' : undefined, 'aria-describedby': describedBy(form, name, hint, invalid) };
}

export function Field(props: FieldProps) {
  const { form, name, type = 'text', hint, required, keep = true } = props;
  return (
    <FieldFrame {...props}>
      <input
        {...control(form, name, hint)}
        type={type}
        value={keep ? stringValue(form.values[name]) : undefined}
        required={required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        list={props.list}
        {...props.enhance}
      />
    </FieldFrame>
  );
}

/** A file to upload: the types it takes (checked again by their bytes on the server), its hint and error. */
export function FileField(props: Omit<FieldProps, 'type' | 'autocomplete' | 'inputmode' | 'keep' | 'maxlength' | 'list' | 'enhance'> & { accept: string }) {
  const { form, name, hint, required, accept } = props;
  return (
    <FieldFrame {...props}>
      <input {...control(form, name, hint)} type="file" accept={accept} required={required} />
    </FieldFrame>
  );
}

export function TextArea(props: Omit<FieldProps, 'type' | 'autocomplete' | 'inputmode' | 'keep'> & { rows?: number }) {
  const { form, name, hint, required } = props;
  return (
    <FieldFrame {...props}>
      <textarea {...control(form, name, hint)} rows={String(props.rows ?? 5)} required={required} maxlength={props.maxlength} safe>
        {stringValue(form.values[name]) ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

/**
 * A list to choose from. A required one always starts with an empty option (HTML requires it, so that "required"
 * means something): the given placeholder, a first option meaning "none", or a disabled "Choose…" that leaves the
 * first real option preselected.
 */
export function Select(props: Omit<FieldProps, 'type' | 'autocomplete' | 'inputmode' | 'keep' | 'maxlength'> & { options: Option[]; placeholder?: string }) {
  const { ctx, form, name, hint, required, options, placeholder } = props;
  const current = stringValue(form.values[name]);
  return (
    <FieldFrame {...props}>
      <select {...control(form, name, hint)} required={required}>
        {placeholder !== undefined ? (
          <option value="" safe>
            {placeholder}
          </option>
        ) : required && options[0]?.value !== '' ? (
          <option value="" disabled>
            {ctx.t('form.choose')}
          </option>
        ) : (
          ''
        )}
        {options.map((o) => (
          <option value={o.value} selected={o.value === current} safe>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A group of checkboxes (several choices) in a fieldset whose legend names it. */
export function Checkboxes(props: { ctx: ViewContext; form: FormState; name: string; legend: string; options: Option[]; hint?: string }) {
  const { ctx, form, name, legend, options, hint } = props;
  const raw = form.values[name];
  const checked = new Set(Array.isArray(raw) ? raw.map(String) : raw ? [String(raw)] : []);
  const invalid = form.errors[name] !== undefined;
  return (
    <fieldset id={fieldId(form, 'field', name)} aria-describedby={describedBy(form, name, hint, invalid)}>
      <legend safe>{legend}</legend>
      <div class="checkbox-grid">
        {options.map((o) => (
          <label>
            <input type="checkbox" name={name} value={o.value} checked={checked.has(o.value)} />
            <span safe>{o.label}</span>
          </label>
        ))}
      </div>
      <FieldExtras ctx={ctx} form={form} name={name} hint={hint} />
    </fieldset>
  );
}

/** One choice among a few, each with the words that say what it does; the first is chosen when nothing is. */
export function Radios(props: { ctx: ViewContext; form: FormState; name: string; legend: string; options: Option[]; hint?: string }) {
  const { ctx, form, name, legend, options, hint } = props;
  const chosen = String(form.values[name] ?? options[0]?.value ?? '');
  const invalid = form.errors[name] !== undefined;
  return (
    <fieldset id={fieldId(form, 'field', name)} aria-describedby={describedBy(form, name, hint, invalid)}>
      <legend safe>{legend}</legend>
      {options.map((o) => (
        <label class="choice">
          <input type="radio" name={name} value={o.value} checked={chosen === o.value} />
          <span safe>{o.label}</span>
        </label>
      ))}
      <FieldExtras ctx={ctx} form={form} name={name} hint={hint} />
    </fieldset>
  );
}

export function Checkbox(props: { ctx: ViewContext; form: FormState; name: string; label: JSX.Element; required?: boolean }) {
  const { ctx, form, name, label, required } = props;
  const invalid = form.errors[name] !== undefined;
  return (
    <div class="checkbox-field">
      <label for={fieldId(form, 'field', name)}>
        <input
          type="checkbox"
          id={fieldId(form, 'field', name)}
          name={name}
          value="1"
          checked={Boolean(form.values[name])}
          required={required}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={invalid ? fieldId(form, 'error', name) : undefined}
        />
        {label}
      </label>
      <FieldExtras ctx={ctx} form={form} name={name} />
    </div>
  );
}
