// Demo notifications: the demo people follow what they wrote, registered for or chose (a consultation, its open phase,
// Lyon's agenda, a project), and find unread notifications in their bell — a comment on their contribution, a new one
// where they follow, an answer, a question on their project — over the last days; what they follow waits for the next
// weekly digest. Recorded as events and fanned out like the real thing. Safe to run again.
import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { hours, now } from '../../platform/clock.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { users } from '../accounts/schema.ts';
import { comments, consultations, contributions, phases } from '../consultations/schema.ts';
import { events } from '../events/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { projectQuestions, projectResponses, projects } from '../projects/schema.ts';
import { fanOut } from './fanout.ts';
import { recordEvent } from './record.ts';
import { follows, notificationEvents, notifications } from './schema.ts';
import { territoryTargets } from './targets.ts';

const thomas = 'thomas.petit@example.org';
const lea = 'lea.moreau@mobilcity.example';
const marie = 'marie.dupont@lyon.example';
const helene = 'organisatrice@capdigital.example';

export async function seedNotifications(env: ServiceEnv): Promise<void> {
  const db = env.db;
  const people = new Map((await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, [thomas, lea, marie, helene]))).map((u) => [u.email, u.id]));
  const [thomasId, leaId, marieId, heleneId] = [people.get(thomas), people.get(lea), people.get(marie), people.get(helene)];
  if (!thomasId || !leaId || !marieId || !heleneId) return;
  const [already] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(follows).where(eq(follows.userId, thomasId));
  if (already!.n > 0) return;

  // What taking part follows: one's contributions and the events one registered for.
  await db.execute(sql`insert into follows (user_id, target, auto, created_at) select author_id, 'contribution:' || id, true, created_at from contributions where author_id is not null and state = 'published' and merged_into_id is null on conflict do nothing`);
  await db.execute(sql`insert into follows (user_id, target, auto, created_at) select user_id, 'event:' || event_id, true, created_at from event_registrations where status <> 'cancelled' on conflict do nothing`);

  // The current consultation (the one with an open phase) and its open phase.
  const at = now();
  const [open] = await db
    .select({ phaseId: phases.id, position: phases.position, title: phases.title, consultationId: consultations.id, slug: consultations.slug, consultation: consultations.title })
    .from(phases)
    .innerJoin(consultations, eq(consultations.id, phases.consultationId))
    .where(and(sql`${phases.startsAt} <= ${at}`, sql`${phases.endsAt} > ${at}`))
    .orderBy(desc(phases.startsAt))
    .limit(1);
  const [lyon] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, 'metropole-de-lyon'));
  const [project] = await db.select({ id: projects.id, title: projects.title, owner: projects.ownerOrganizationId }).from(projects).where(and(eq(projects.state, 'open'), eq(projects.visibility, 'public'))).orderBy(projects.id).limit(1);
  const chosen = [
    ...(open ? [{ userId: thomasId, target: `consultation:${open.consultationId}` }, { userId: thomasId, target: `phase:${open.phaseId}` }, { userId: leaId, target: `phase:${open.phaseId}` }] : []),
    { userId: thomasId, target: 'territory:departement:69' },
    ...(lyon ? [{ userId: thomasId, target: `organization:${lyon.id}` }] : []),
    ...(project ? [{ userId: leaId, target: `project:${project.id}` }] : []),
  ];
  await db.insert(follows).values(chosen).onConflictDoNothing();

  // What happened lately, oldest first: each becomes notifications through the fan-out, as in real life.
  const recorded: { hoursAgo: number; record: (tx: Parameters<Parameters<typeof db.transaction>[0]>[0]) => Promise<void> }[] = [];
  if (open) {
    const context = { consultationId: open.consultationId, consultationSlug: open.slug, consultationTitle: open.consultation };
    const phase = { phaseId: open.phaseId, phasePosition: open.position, phaseTitle: open.title };
    recorded.push({ hoursAgo: 50, record: (tx) => recordEvent(tx, 'phase.opened', null, { ...context, ...phase }, `demo:phase.opened:${open.phaseId}`) });
    const recent = await db
      .select({ id: contributions.id, title: contributions.title, authorId: contributions.authorId, organizationId: contributions.organizationId })
      .from(contributions)
      .where(and(eq(contributions.phaseId, open.phaseId), eq(contributions.state, 'published'), isNotNull(contributions.authorId)))
      .orderBy(desc(contributions.createdAt))
      .limit(6);
    for (const [i, c] of recent.filter((c) => c.authorId !== thomasId).slice(0, 3).entries())
      recorded.push({ hoursAgo: 30 - i * 10, record: (tx) => recordEvent(tx, 'contribution.published', c.authorId, { ...context, ...phase, contributionIds: [c.id], title: c.title, count: 1, organizationId: c.organizationId, linkedIds: [] }) });
    // Someone comments on Thomas's contribution; the organizers answer Léa's.
    const [his] = await db.select({ id: contributions.id, title: contributions.title }).from(contributions).where(and(eq(contributions.consultationId, open.consultationId), eq(contributions.authorId, thomasId), eq(contributions.state, 'published'))).limit(1);
    if (his) {
      const [comment] = await db.insert(comments).values({ contributionId: his.id, authorId: leaId, body: 'Nous mesurons la chaleur sous les toits avec nos capteurs : les données pourraient aider à choisir les bâtiments à traiter en premier.' }).returning({ id: comments.id });
      await db.execute(sql`update contributions set debate_count = debate_count + 1 where id = ${his.id}`);
      recorded.push({ hoursAgo: 3, record: (tx) => recordEvent(tx, 'comment.created', leaId, { ...context, contributionId: his.id, title: his.title, commentId: comment!.id, parentId: null }) });
    }
    const [hers] = await db.select({ id: contributions.id, title: contributions.title }).from(contributions).where(and(eq(contributions.consultationId, open.consultationId), eq(contributions.authorId, leaId), eq(contributions.state, 'published'))).limit(1);
    if (hers) recorded.push({ hoursAgo: 26, record: (tx) => recordEvent(tx, 'argument.created', thomasId, { ...context, contributionId: hers.id, title: hers.title, side: 'for' }) });
  }
  const [lyonEvent] = await db.select({ id: events.id, title: events.title, startsAt: events.startsAt, animatorId: events.animatorId, consultationId: events.consultationId, territoryKind: events.territoryKind, territoryCode: events.territoryCode }).from(events).where(and(eq(events.territoryCode, '69123'), sql`${events.startsAt} > ${at}`)).limit(1);
  if (lyonEvent)
    recorded.push({ hoursAgo: 20, record: (tx) => recordEvent(tx, 'event.created', heleneId, { ...(lyonEvent.consultationId ? { consultationId: lyonEvent.consultationId } : {}), eventId: lyonEvent.id, title: lyonEvent.title, startsAt: lyonEvent.startsAt.toISOString(), animatorId: lyonEvent.animatorId, territories: territoryTargets(lyonEvent.territoryKind, lyonEvent.territoryCode) }) });
  // Marie's organization's project gets a question and a response.
  const [marieProject] = await db.select({ id: projects.id, title: projects.title, owner: projects.ownerOrganizationId }).from(projects).where(and(eq(projects.ownerOrganizationId, lyon?.id ?? -1), eq(projects.state, 'open'))).limit(1);
  if (marieProject) {
    const [question] = await db.select({ id: projectQuestions.id, askerId: projectQuestions.askerId }).from(projectQuestions).where(eq(projectQuestions.projectId, marieProject.id)).limit(1);
    if (question) recorded.push({ hoursAgo: 6, record: (tx) => recordEvent(tx, 'question.asked', question.askerId, { projectId: marieProject.id, projectTitle: marieProject.title, questionId: question.id, ownerOrganizationId: marieProject.owner }) });
    const [response] = await db.select({ id: projectResponses.id, authorId: projectResponses.authorId, org: organizations.name }).from(projectResponses).innerJoin(organizations, eq(organizations.id, projectResponses.organizationId)).where(eq(projectResponses.projectId, marieProject.id)).limit(1);
    if (response) recorded.push({ hoursAgo: 2, record: (tx) => recordEvent(tx, 'response.submitted', response.authorId, { projectId: marieProject.id, projectTitle: marieProject.title, responseId: response.id, ownerOrganizationId: marieProject.owner, organizationName: response.org }) });
  }

  const start = (await db.select({ id: sql<number>`coalesce(max(${notificationEvents.id}), 0)`.mapWith(Number) }).from(notificationEvents))[0]!.id;
  for (const r of recorded.sort((a, b) => b.hoursAgo - a.hoursAgo)) await db.transaction(r.record);
  await fanOut(env);
  // Dated as they happened; nothing of the past is mailed at start (the weekly ones wait for Monday's digest).
  const made = await db.select({ id: notificationEvents.id }).from(notificationEvents).where(sql`${notificationEvents.id} > ${start}`).orderBy(notificationEvents.id);
  const ago = recorded.map((r) => r.hoursAgo).sort((a, b) => b - a);
  for (const [i, { id }] of made.entries()) {
    const when = new Date(at.getTime() - hours(ago[i] ?? 1));
    await db.update(notificationEvents).set({ createdAt: when }).where(eq(notificationEvents.id, id));
    await db.update(notifications).set({ createdAt: when }).where(eq(notifications.eventId, id));
  }
  await db.update(notifications).set({ emailedAt: at }).where(and(sql`${notifications.eventId} > ${start}`, eq(notifications.channel, 'immediate')));
  // The oldest are read already: the bell shows the rest.
  await db.update(notifications).set({ readAt: at }).where(and(sql`${notifications.eventId} > ${start}`, sql`${notifications.createdAt} < ${new Date(at.getTime() - hours(24))}`));
}
