// Who may do what in consultations: everyone reads; signed-in people take part while a phase is open (the phase
// check itself is the service's, so the refusal can say why); organizers — active members of the organizer
// organizations — and platform admins manage a consultation, its phases and themes, and alone see it while a draft.
import { defineRules, type Actor } from '../../platform/policy.ts';

export interface ConsultationScope {
  organizerIds: number[];
}

export interface PublishableScope extends ConsultationScope {
  publishedAt: Date | null;
}

export interface AuthoredScope {
  authorId: number | null;
}

const organizes = (actor: Actor, consultation: ConsultationScope) => actor.isAdmin || consultation.organizerIds.some((id) => actor.isMemberOf(id));

export const consultationRules = defineRules({
  'consultation.read': () => true,
  // An organization's admin may start a consultation in its name; the organizers are then its members.
  'consultation.create': (actor: Actor) => actor.isAdmin || actor.memberships.some((m) => m.role === 'admin'),
  'consultation.manage': (actor: Actor, consultation: ConsultationScope) => organizes(actor, consultation),
  // A draft is not there for anyone else: its pages answer "not found" (http.ts), lists and search leave it out.
  'consultation.see': (actor: Actor, consultation: PublishableScope) => consultation.publishedAt !== null || organizes(actor, consultation),
  'contribution.create': (actor: Actor) => actor.signedIn,
  'contribution.edit': (actor: Actor, contribution: AuthoredScope) => actor.user !== undefined && contribution.authorId === actor.user.id,
  'contribution.vote': (actor: Actor) => actor.signedIn,
  'contribution.argue': (actor: Actor) => actor.signedIn,
  'comment.create': (actor: Actor) => actor.signedIn,
  'comment.edit': (actor: Actor, comment: AuthoredScope) => actor.user !== undefined && comment.authorId === actor.user.id,
  // Moderators remove comments too; hiding with a reason is the moderation module's.
  'comment.delete': (actor: Actor, comment: AuthoredScope) => (actor.user !== undefined && comment.authorId === actor.user.id) || actor.isModerator,
});
