// Static pages: everyone reads them, platform admins edit them.
import { defineRules, type Actor } from '../../platform/policy.ts';

export const pageRules = defineRules({
  'page.read': () => true,
  'page.edit': (actor: Actor) => actor.isAdmin,
});
