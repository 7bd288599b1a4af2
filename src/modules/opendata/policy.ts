// Open data is for everyone; the organizers of a consultation (and platform admins) export what is not public,
// audited; platform admins ask for a rebuild.
import { defineRules, type Actor } from '../../platform/policy.ts';

export interface ExportScopeRule {
  organizerIds: number[];
}

export const openDataRules = defineRules({
  'opendata.read': () => true,
  'opendata.export': (actor: Actor, consultation: ExportScopeRule) => actor.isAdmin || consultation.organizerIds.some((id) => actor.isMemberOf(id)),
  'opendata.rebuild': (actor: Actor) => actor.isAdmin,
});
