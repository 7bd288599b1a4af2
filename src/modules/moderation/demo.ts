// Demo moderation, so the moderator demo account finds a live queue: a few open reports, a comment reported by three
// people and hidden automatically, a comment hidden by the moderators with its reason, and a spam account blocked
// with all it wrote hidden. Written through the services (reports, decisions, blocking), like the real thing; run
// again, it finds its spam account and does nothing.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { mailQueue } from '../../platform/mail/index.ts';
import { Actor } from '../../platform/policy.ts';
import { users } from '../accounts/schema.ts';
import { createUserDirect } from '../accounts/service.ts';
import { refreshCounts } from '../consultations/counts.ts';
import { comments, contributionArguments, contributions, phases } from '../consultations/schema.ts';
import { moderationItems } from './schema.ts';
import { blockAccount, decide, report } from './service.ts';

const spamEmail = 'promo-express@spam.example';
const people = ['thomas.petit@example.org', 'lea.moreau@mobilcity.example', 'marie.dupont@lyon.example', 'julien.roux@grandparisamenagement.example', 'moderation@parvis.example'];

export async function seedModeration(real: ServiceEnv): Promise<void> {
  // The demo mails nobody at start: the authors' mails of these decisions are not queued (every other job is).
  const jobs = Object.create(real.jobs) as ServiceEnv['jobs'];
  jobs.send = (tx, queue, data) => (queue === mailQueue ? Promise.resolve() : real.jobs.send(tx, queue, data));
  const env: ServiceEnv = { ...real, jobs };
  const db = env.db;
  const [done] = await db.select({ id: users.id }).from(users).where(eq(users.email, spamEmail));
  if (done) return;
  const rows = await db.select().from(users).where(inArray(users.email, people));
  const actorOf = (email: string) => {
    const u = rows.find((r) => r.email === email);
    return u ? new Actor({ id: u.id, email: u.email, displayName: u.displayName, locale: u.locale, platformRole: u.platformRole, emailVerified: true }) : undefined;
  };
  const [thomas, lea, marie, julien, moderator] = people.map(actorOf);
  if (!thomas || !lea || !marie || !julien || !moderator) return;
  // A contribution of a phase open now, where comments are read.
  const [target] = await db
    .select({ id: contributions.id, authorId: contributions.authorId })
    .from(contributions)
    .innerJoin(phases, eq(phases.id, contributions.phaseId))
    .where(and(eq(contributions.state, 'published'), isNull(contributions.mergedIntoId)))
    .orderBy(asc(phases.endsAt), asc(contributions.id))
    .limit(1);
  if (!target) return;

  const spammer = await createUserDirect(db, { email: spamEmail, password: `${Math.random()}-demo-unused-password`, displayName: 'Promo Express' });
  const newcomer = await createUserDirect(db, { email: 'nouveau.venu@example.org', password: `${Math.random()}-demo-unused-password`, displayName: 'Nouveau Venu' });
  const written = await db
    .insert(comments)
    .values([
      { contributionId: target.id, authorId: spammer.id, body: 'Gagnez 500 € par jour depuis chez vous ! https://promo-express.example/offre' },
      { contributionId: target.id, authorId: spammer.id, body: 'Montres de luxe à prix cassés : https://promo-express.example/montres' },
      { contributionId: target.id, authorId: newcomer.id, body: 'Ce projet est nul et ceux qui le portent aussi.' },
      { contributionId: target.id, authorId: newcomer.id, body: 'Hors sujet : quelqu’un sait où acheter un vélo d’occasion ?' },
    ])
    .returning({ id: comments.id });
  await refreshCounts(db, [target.id]);
  const [promo, watches, insult, offTopic] = written.map((w) => w.id) as [number, number, number, number];

  // Three people report the insult: it is hidden automatically until a moderator decides.
  for (const actor of [thomas, lea, marie]) await report(env, actor, { kind: 'comment', id: insult, reason: 'offensive', details: 'Attaque personnelle.' });
  // Open reports waiting in the queue.
  await report(env, julien, { kind: 'comment', id: offTopic, reason: 'off_topic' });
  await report(env, thomas, { kind: 'comment', id: promo, reason: 'spam', details: 'Publicité.' });
  await report(env, lea, { kind: 'comment', id: watches, reason: 'spam' });
  const [argument] = await db.select({ id: contributionArguments.id, authorId: contributionArguments.authorId }).from(contributionArguments).orderBy(asc(contributionArguments.id)).limit(1);
  if (argument && argument.authorId !== julien.user!.id) await report(env, julien, { kind: 'argument', id: argument.id, reason: 'other', details: 'Chiffre à vérifier.' });
  // One comment hidden by the moderators with its reason; then the spam account blocked, all it wrote hidden with it.
  const [offTopicItem] = await db.select({ id: moderationItems.id }).from(moderationItems).where(and(eq(moderationItems.kind, 'comment'), eq(moderationItems.itemId, offTopic)));
  if (offTopicItem) await decide(env, moderator, [offTopicItem.id], 'hide', 'Hors sujet : cette discussion porte sur la contribution.');
  await blockAccount(env, moderator, spammer.id, { reason: 'Compte publicitaire', hideContent: true });
}
