// What every view gets from the request: who is there, in which language, and the form token.
import type { Translator } from '../http/i18n.ts';
import type { ActorUser } from '../policy.ts';

export interface Flash {
  kind: 'success' | 'info' | 'error';
  key: string;
  vars?: Record<string, string>;
}

export interface ViewContext extends Translator {
  user?: ActorUser;
  csrfToken: string;
  /** the path of the current page, for the language switch and sign-in return */
  path: string;
  flash?: Flash;
  assetVersion: string;
  /** whether sign-in with ProConnect is offered */
  proconnect: boolean;
  /** where the sign-out form posts: ProConnect's logout also ends a ProConnect session, and a password one */
  signOutAction: string;
  /**
   * the marker of a personal slot — the route's (`slots` in its config) or one filled on every page (`everyPage`, e.g.
   * `header`, `follow` with a key as `arg`) — filled in for each person as the page is sent
   */
  slot?: (name: string, arg?: string) => string;
}
