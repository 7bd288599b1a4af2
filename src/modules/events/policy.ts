// Who may do what with events: everyone reads the agenda; signed-in people register; members of the organization
// that animates an event run it (edit, registrations, attendance, messages, minutes, offline input); a platform
// admin designates animator organizations and may do what animators do.
import { defineRules, type Actor } from '../../platform/policy.ts';

export interface AnimatedScope {
  animatorId: number | null;
}

/** The animator organizations the actor belongs to, found by the route before it checks `event.create`. */
export interface CreateScope {
  animatorIds: number[];
}

export const eventRules = defineRules({
  'event.read': () => true,
  'event.register': (actor: Actor) => actor.signedIn,
  'event.create': (actor: Actor, scope: CreateScope) => actor.isAdmin || scope.animatorIds.some((id) => actor.isMemberOf(id)),
  'event.manage': (actor: Actor, event: AnimatedScope) => actor.isAdmin || (event.animatorId !== null && actor.isMemberOf(event.animatorId)),
  'event.designate': (actor: Actor) => actor.isAdmin,
});
