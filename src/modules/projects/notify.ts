// E-mails to an organization's members about a project: queued in the transaction that causes them, each in the
// member's language, with a link and never the content of an evaluation.
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { translator } from '../../platform/http/i18n.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { users } from '../accounts/schema.ts';
import { memberships } from '../organizations/schema.ts';

/** `template` names projects:mail.<template>.subject/body; `vars` may hold i18n keys under `keys` to translate. */
export async function mailMembers(env: ServiceEnv, tx: Tx, organizationId: number, template: string, vars: Record<string, string>, options: { except?: number; keys?: Record<string, string> } = {}): Promise<void> {
  const recipients = await tx
    .select({ email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.status, 'active'), isNull(users.deletedAt), isNull(users.blockedAt), options.except ? ne(users.id, options.except) : undefined));
  for (const r of recipients) {
    const { ta } = translator(r.locale);
    const all = { ...vars, ...Object.fromEntries(Object.entries(options.keys ?? {}).map(([k, key]) => [k, ta(key)])), site: env.config.publicUrl };
    await queueMail(env.jobs, tx, { to: r.email, subject: ta(`projects:mail.${template}.subject`, all), text: ta(`projects:mail.${template}.body`, all) });
  }
}
