// E-mails to an organization's members about a project: queued in the transaction that causes them, each in the
// member's language, with a link and never the content of an evaluation — and only to people who may see the
// project at that moment (visibility.ts decides, with their memberships of now).
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { translator } from '../../platform/http/i18n.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { users } from '../accounts/schema.ts';
import { recipientActor, recipientColumns, type Recipient } from '../accounts/recipients.ts';
import { memberships } from '../organizations/schema.ts';
import { canSeeProject, type VisibilityScope } from './visibility.ts';

/** Whether this person may see the project now, as they would if they opened the link. */
export async function maySee(tx: Tx, person: Recipient, project: VisibilityScope): Promise<boolean> {
  return canSeeProject(await recipientActor(tx, person), project);
}


/** `template` names projects:mail.<template>.subject/body; `vars` may hold i18n keys under `keys` to translate. */
export async function mailMembers(env: ServiceEnv, tx: Tx, project: VisibilityScope, organizationId: number, template: string, vars: Record<string, string>, options: { except?: number; keys?: Record<string, string> } = {}): Promise<void> {
  const recipients = await tx
    .select(recipientColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.status, 'active'), isNull(users.deletedAt), isNull(users.blockedAt), options.except ? ne(users.id, options.except) : undefined));
  for (const r of recipients) {
    if (!(await maySee(tx, r, project))) continue;
    const { ta } = translator(r.locale);
    const all = { ...vars, ...Object.fromEntries(Object.entries(options.keys ?? {}).map(([k, key]) => [k, ta(key)])), site: env.config.publicUrl };
    await queueMail(env.jobs, tx, { to: r.email, subject: ta(`projects:mail.${template}.subject`, all), text: ta(`projects:mail.${template}.body`, all) });
  }
}
