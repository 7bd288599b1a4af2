// Test fixtures for events (used by the module's tests, the authorization walk and the browser journeys).
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { days } from '../../platform/clock.ts';
import { Actor } from '../../platform/policy.ts';
import { users } from '../accounts/schema.ts';
import { phases } from '../consultations/schema.ts';
import { memberships, organizations } from '../organizations/schema.ts';
import { eventAnimators, eventQuestions, events } from './schema.ts';

/** Many people at once, without the cost of hashing a password for each. */
export async function quickUsers(app: FastifyInstance, prefix: string, n: number): Promise<Actor[]> {
  const rows = await app.ctx.db
    .insert(users)
    .values(Array.from({ length: n }, (_, i) => ({ email: `${prefix}-${i}@example.org`, displayName: `${prefix} ${i}`, emailVerifiedAt: new Date() }) as typeof users.$inferInsert))
    .returning();
  return rows.map((u) => new Actor({ id: u.id, email: u.email, displayName: u.displayName, locale: u.locale, platformRole: u.platformRole, emailVerified: true }));
}

export interface EventFixture {
  eventId: number;
  animatorId: number;
}

/**
 * Makes the organization an animator and gives it an event in the future feeding the consultation's first phase
 * (when a consultation slug is given).
 */
export async function eventFixture(app: FastifyInstance, organizationSlug: string, options: { capacity?: number | null; consultationId?: number; title?: string; startsInDays?: number; questions?: { label: string; required: boolean }[] } = {}): Promise<EventFixture> {
  const db = app.ctx.db;
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, organizationSlug));
  await db.insert(eventAnimators).values({ organizationId: org!.id }).onConflictDoNothing();
  let phaseId: number | null = null;
  if (options.consultationId) phaseId = (await db.select({ id: phases.id }).from(phases).where(eq(phases.consultationId, options.consultationId)).orderBy(phases.position))[0]?.id ?? null;
  const start = new Date(Date.now() + days(options.startsInDays ?? 10));
  const title = options.title ?? `Atelier ${organizationSlug}`;
  const [event] = await db
    .insert(events)
    .values({
      slug: `${organizationSlug}-${Math.random().toString(36).slice(2, 8)}`,
      kind: 'in_person',
      title,
      description: 'Un atelier pour partager les besoins du territoire, avec une description assez longue.',
      startsAt: start,
      endsAt: new Date(start.getTime() + 3 * 3_600_000),
      venue: '20 rue du Lac, 69003 Lyon',
      latitude: 45.76,
      longitude: 4.85,
      onlineUrl: 'https://visio.example.org/atelier-secret',
      territoryKind: 'commune',
      territoryCode: '69123',
      capacity: options.capacity === undefined ? 10 : options.capacity,
      animatorId: org!.id,
      consultationId: options.consultationId ?? null,
      phaseId,
    })
    .returning();
  if (options.questions?.length) await db.insert(eventQuestions).values(options.questions.map((q, i) => ({ eventId: event!.id, position: i + 1, ...q })));
  return { eventId: event!.id, animatorId: org!.id };
}

export async function addMember(app: FastifyInstance, organizationId: number, userId: number): Promise<void> {
  await app.ctx.db.insert(memberships).values({ organizationId, userId, role: 'member' }).onConflictDoNothing();
}
