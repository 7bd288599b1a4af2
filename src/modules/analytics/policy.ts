// Who may see and steer the analytics: dashboards, opinion groups and topic groups are public, except a phase whose
// organizers keep its dashboard for themselves until its synthesis is published; organizers (and platform admins)
// change that setting and the topic groups; the platform-wide dashboard is for platform admins.
import { defineRules, type Actor } from '../../platform/policy.ts';

export interface AnalyticsScope {
  organizerIds: number[];
  /** the phase's dashboard is kept for the organizers for now */
  restricted: boolean;
}

const organizes = (actor: Actor, scope: { organizerIds: number[] }) => actor.isAdmin || scope.organizerIds.some((id) => actor.isMemberOf(id));

export const analyticsRules = defineRules({
  'analytics.read': (actor: Actor, scope: AnalyticsScope) => !scope.restricted || organizes(actor, scope),
  'analytics.manage': (actor: Actor, scope: AnalyticsScope) => organizes(actor, scope),
  'analytics.platform': (actor: Actor) => actor.isAdmin,
});
