// Who may do what in moderation. Signed-in people report; moderators and platform admins work the whole queue and
// block accounts; organizers — active members of a consultation's organizer organizations — work the reports of their
// own consultations (hide, restore, dismiss), never accounts. Platform admins publish a new charter version.
import { defineRules, type Actor } from '../../platform/policy.ts';

/** An item's moderation scope: the organizer organizations of its consultation, if it belongs to one. */
export interface ItemScope {
  organizerIds: number[];
}

/** Who asks for a queue: the consultations they organize (none for most people). */
export interface QueueScope {
  organizedConsultationIds: number[];
}

/** What a reader may see of a hidden item: its author, and whoever may decide about it. */
export interface HiddenScope extends ItemScope {
  authorId: number | null;
}

const decides = (actor: Actor, item: ItemScope) => actor.isModerator || item.organizerIds.some((id) => actor.isMemberOf(id));

export const moderationRules = defineRules({
  'report.create': (actor: Actor) => actor.signedIn,
  'moderation.queue': (actor: Actor, scope: QueueScope) => actor.isModerator || scope.organizedConsultationIds.length > 0,
  'moderation.decide': (actor: Actor, item: ItemScope) => decides(actor, item),
  'moderation.block': (actor: Actor) => actor.isModerator,
  'moderation.seeHidden': (actor: Actor, item: HiddenScope) => (actor.user !== undefined && item.authorId === actor.user.id) || decides(actor, item),
  'charter.accept': (actor: Actor) => actor.signedIn,
  'charter.publish': (actor: Actor) => actor.isAdmin,
});
