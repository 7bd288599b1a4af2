// A person's name as pages show it, for every module: the words for a deleted, blocked or hidden account.
import type { ViewContext } from '../../../platform/views/context.ts';
import { blockedName, hiddenName } from '../names.ts';

/** Plain text (attribute-safe); put it in a `safe` element. */
export function personName(ctx: ViewContext, name: string): string {
  if (name === blockedName) return ctx.ta('accounts:name.blocked');
  if (name === hiddenName) return ctx.ta('accounts:name.hidden');
  return name || ctx.ta('accounts:name.deleted');
}
