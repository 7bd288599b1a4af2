// Who may do what with accounts: anyone may register or sign in; a person manages only their own account.
import { defineRules, type Actor } from '../../platform/policy.ts';

export const accountRules = defineRules({
  'account.signIn': () => true,
  'account.manage': (actor: Actor) => actor.signedIn,
});
