// What a public form carries against robots: a field people never see (hidden, with a label saying to leave it
// empty, for anyone who meets it anyway) and the signed moment the form was first shown. A form shown again after an
// error keeps its first moment, so correcting a mistake quickly is never "too fast".
import type { ViewContext } from '../../../platform/views/context.ts';
import type { FormState } from '../../../platform/views/form.tsx';
import { fillStamp, fillTimeField, honeypotField, stampedAt } from '../spam.ts';

export function FormTrap({ ctx, form }: { ctx: ViewContext; form?: FormState }) {
  const kept = form?.values[fillTimeField];
  const stamp = stampedAt(kept) !== undefined ? String(kept) : fillStamp();
  return (
    <>
      <input type="hidden" name={fillTimeField} value={stamp} />
      <div hidden>
        <label>
          {ctx.t('moderation:trap.label')}
          <input type="text" name={honeypotField} value="" tabindex="-1" autocomplete="off" />
        </label>
      </div>
    </>
  );
}
