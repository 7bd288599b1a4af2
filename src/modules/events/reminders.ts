// Reminder mails the day before: a job scans the events starting in the next 24 hours and mails each confirmed person
// once. The row in event_reminders is written in the same transaction as the mail job, with ON CONFLICT DO NOTHING on
// its primary key: when two workers scan at the same time, only the one whose insert lands queues the mail.
import { and, eq, gt, lte, sql, isNull } from 'drizzle-orm';
import { hours, now } from '../../platform/clock.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { translator } from '../../platform/http/i18n.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { users, type Locale } from '../accounts/schema.ts';
import { parisText } from './registrations.ts';
import { eventRegistrations, eventReminders, events } from './schema.ts';

export const remindersQueue = 'events.reminders';

/** Returns how many reminders this call queued. */
export async function sendDueReminders(env: ServiceEnv): Promise<number> {
  const at = now();
  const due = await env.db
    .select({ eventId: events.id, title: events.title, startsAt: events.startsAt, venue: events.venue, onlineUrl: events.onlineUrl, userId: users.id, email: users.email, locale: users.locale, name: users.displayName })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .innerJoin(users, eq(users.id, eventRegistrations.userId))
    .where(
      and(
        eq(eventRegistrations.status, 'confirmed'),
        isNull(events.cancelledAt),
        gt(events.startsAt, at),
        lte(events.startsAt, new Date(at.getTime() + hours(24))),
        sql`not exists (select 1 from ${eventReminders} where ${eventReminders.eventId} = ${events.id} and ${eventReminders.userId} = ${users.id})`,
      ),
    )
    .limit(2000);
  let sent = 0;
  for (const r of due) {
    await env.db.transaction(async (tx) => {
      const claimed = await tx.insert(eventReminders).values({ eventId: r.eventId, userId: r.userId, sentAt: at }).onConflictDoNothing().returning({ eventId: eventReminders.eventId });
      if (claimed.length === 0) return;
      const { ta } = translator(r.locale as Locale);
      const vars = { name: r.name, title: r.title, start: parisText(r.startsAt), place: r.venue ?? r.onlineUrl ?? '', link: `${env.config.publicUrl}/events/${r.eventId}`, site: env.config.publicUrl };
      await queueMail(env.jobs, tx, { to: r.email, subject: ta('events:mail.reminder.subject', vars), text: ta('events:mail.reminder.body', vars) });
      sent++;
    });
  }
  return sent;
}
