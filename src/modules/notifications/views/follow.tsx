// The follow button other modules put on their pages. Whether this person follows is personal, so the page prints a
// slot that is filled for each request (page-serving.ts): the same page may then be kept for everyone of a persona,
// or for every visitor, who gets a link to sign in and follow.
import type { ViewContext } from '../../../platform/views/context.ts';
import { BellIcon } from './bell.tsx';

/** Where the button goes on a page: `target` is a follow key such as `phase:12`. */
export function FollowSlot({ ctx, target }: { ctx: ViewContext; target: string }): JSX.Element {
  return ctx.slot ? ctx.slot('follow', target) : '';
}

export interface FollowButtonProps {
  ctx: ViewContext;
  target: string;
  following: boolean;
  /** where to come back to without JavaScript */
  next: string;
}

export function FollowButton({ ctx, target, following, next }: FollowButtonProps): JSX.Element {
  if (!ctx.user) {
    return (
      <p class="follow">
        <a href={`/login?next=${encodeURIComponent(next)}`} class="secondary">
          <BellIcon /> {ctx.t('notifications:follow.signIn')}
        </a>
      </p>
    );
  }
  const id = `follow-${target.replace(/[^a-z0-9]+/gi, '-')}`;
  return (
    <form method="post" action="/follow" class="inline follow" id={id} data-hx-post="/follow" data-hx-target="this" data-hx-swap="outerHTML">
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="next" value={next} />
      <input type="hidden" name="follow" value={following ? '0' : '1'} />
      <button type="submit" class={following ? 'secondary' : 'secondary outline'}>
        <BellIcon /> {following ? ctx.t('notifications:follow.stop') : ctx.t('notifications:follow.follow')}
      </button>
    </form>
  );
}
