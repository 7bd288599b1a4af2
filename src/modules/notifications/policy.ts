// Who may do what with notifications: each person reads and marks their own, follows what they may see and sets
// their own e-mail choices; an unsubscribe link works for anyone holding it (the signed token is the proof, for one
// person and one kind). Whose notification or follow it is, and whether the target is visible, the services decide.
import { defineRules, type Actor } from '../../platform/policy.ts';

export const notificationRules = defineRules({
  'notification.read': (actor: Actor) => actor.signedIn,
  'notification.mark': (actor: Actor) => actor.signedIn,
  'follow.manage': (actor: Actor) => actor.signedIn,
  'notification.settings': (actor: Actor) => actor.signedIn,
  'notification.unsubscribe': () => true,
  // The bell's fragment: a visitor gets an empty answer, never a refusal (the header asks for it on every page).
  'notification.bell': () => true,
});
