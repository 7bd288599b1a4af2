// What the HTML routes and the API share: loading what a URL names, and the consultation a contribution belongs to.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/client.ts';
import { Conflict, NotFound } from '../../platform/errors.ts';
import { parse } from '../../platform/validation.ts';
import { can } from '../../platform/policy.ts';
import '../moderation/policy.ts';
import { ContentHidden, hiddenNotice } from '../moderation/visibility.ts';
import { findContribution, findVotable, type Contribution, type Votable } from './contributions.ts';
import { IdParams, PhaseParams, SlugParams } from './inputs.ts';
import { findConsultation, findConsultationById, findPhase, type Consultation, type Phase } from './service.ts';

/**
 * A draft is not there for those who may not see it: "not found", at its address and every address under it, so a
 * draft's name never shows through a refusal.
 */
export function seen(req: FastifyRequest, consultation: Consultation): Consultation {
  if (!can(req.actor, 'consultation.see', consultation)) throw new NotFound('consultation');
  return consultation;
}

/** The consultation of `:slug`, if the person may see it, found in one query. */
export async function findVisibleConsultation(db: Db, req: FastifyRequest, slug: string): Promise<Consultation> {
  return seen(req, await findConsultation(db, slug));
}

/** Loads the consultation of `:slug` and checks the rule on it (organizers' rules need the consultation). */
export async function loadConsultation(db: Db, req: FastifyRequest, rule?: string): Promise<Consultation> {
  const { slug } = parse(SlugParams, req.params);
  const consultation = await findVisibleConsultation(db, req, slug);
  if (rule) req.authorize(rule, consultation);
  return consultation;
}

export async function loadPhase(db: Db, req: FastifyRequest, rule?: string): Promise<{ consultation: Consultation; phase: Phase }> {
  const { slug, phase } = parse(PhaseParams, req.params);
  const consultation = await findVisibleConsultation(db, req, slug);
  if (rule) req.authorize(rule, consultation);
  return { consultation, phase: findPhase(consultation, phase) };
}

/** A draft exists for its author only; everyone else gets "not found". A merged one is returned as is (pages redirect). */
export async function readContribution(db: Db, req: FastifyRequest, rule?: string): Promise<{ consultation: Consultation; contribution: Contribution }> {
  const { id } = parse(IdParams, req.params);
  const contribution = await findContribution(db, id);
  if (contribution.state === 'draft' && contribution.authorId !== req.actor.user?.id) throw new NotFound('contribution');
  if (rule) req.authorize(rule, contribution);
  const consultation = seen(req, await findConsultationById(db, contribution.consultationId));
  // Hidden by the moderators: its author and those who decide about it still read it; others are told why, at its address.
  if (contribution.state === 'hidden' && !can(req.actor, 'moderation.seeHidden', { authorId: contribution.authorId, organizerIds: consultation.organizerIds })) {
    throw new ContentHidden((await hiddenNotice(db, 'contribution', contribution.id)) ?? { reason: null, automatic: true, at: new Date() });
  }
  return { consultation, contribution };
}

/** For a vote: the contribution and its phase only, with the same rule for drafts (the author's alone). */
export async function loadVotable(db: Db, req: FastifyRequest): Promise<Votable> {
  const { id } = parse(IdParams, req.params);
  const contribution = await findVotable(db, id);
  if (contribution.state === 'draft' && contribution.authorId !== req.actor.user?.id) throw new NotFound('contribution');
  return contribution;
}

/** For writes: a merged contribution takes none (its readers are sent to the one that absorbed it). */
export async function loadContribution(db: Db, req: FastifyRequest, rule?: string): Promise<{ consultation: Consultation; contribution: Contribution }> {
  const loaded = await readContribution(db, req, rule);
  if (loaded.contribution.mergedIntoId !== null) throw new Conflict('contribution_merged', 'this contribution was merged into another');
  return loaded;
}
