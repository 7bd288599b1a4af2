// What the HTML routes and the API share: loading what a URL names, and the consultation a contribution belongs to.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/client.ts';
import { parse } from '../../platform/validation.ts';
import { findContribution, type Contribution } from './contributions.ts';
import { IdParams, PhaseParams, SlugParams } from './inputs.ts';
import { findConsultation, findConsultationById, findPhase, type Consultation, type Phase } from './service.ts';

/** Loads the consultation of `:slug` and checks the rule on it (organizers' rules need the consultation). */
export async function loadConsultation(db: Db, req: FastifyRequest, rule?: string): Promise<Consultation> {
  const { slug } = parse(SlugParams, req.params);
  const consultation = await findConsultation(db, slug);
  if (rule) req.authorize(rule, consultation);
  return consultation;
}

export async function loadPhase(db: Db, req: FastifyRequest, rule?: string): Promise<{ consultation: Consultation; phase: Phase }> {
  const { slug, phase } = parse(PhaseParams, req.params);
  const consultation = await findConsultation(db, slug);
  if (rule) req.authorize(rule, consultation);
  return { consultation, phase: findPhase(consultation, phase) };
}

export async function loadContribution(db: Db, req: FastifyRequest, rule?: string): Promise<{ consultation: Consultation; contribution: Contribution }> {
  const { id } = parse(IdParams, req.params);
  const contribution = await findContribution(db, id);
  if (rule) req.authorize(rule, contribution);
  return { consultation: await findConsultationById(db, contribution.consultationId), contribution };
}
