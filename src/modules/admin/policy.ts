// The back office: platform admins run it; moderators may block accounts.
import { defineRules, type Actor } from '../../platform/policy.ts';

export const adminRules = defineRules({
  'admin.view': (actor: Actor) => actor.isAdmin,
  'admin.users': (actor: Actor) => actor.isModerator,
  'admin.setRole': (actor: Actor) => actor.isAdmin,
  'admin.block': (actor: Actor) => actor.isModerator,
});
