// Who may see "my space": the person it is about, so anyone signed in and nobody else; deny by default.
import { defineRules, type Actor } from '../../platform/policy.ts';

export const meRules = defineRules({
  'me.read': (actor: Actor) => actor.signedIn,
});
