// Alerts: people choose domains and territories; when a fitting project opens they get one e-mail, through the
// jobs table — and only if they may see the project, decided by visibility.ts with their memberships of that moment.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { translator } from '../../platform/http/i18n.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { Actor } from '../../platform/policy.ts';
import { users } from '../accounts/schema.ts';
import { activeMemberships } from '../organizations/actor.ts';
import type { AlertInput } from './inputs.ts';
import { territoryChain } from './matching.ts';
import { projectAlerts } from './schema.ts';
import { projectById, type Project } from './service.ts';
import { canSeeProject } from './visibility.ts';

export async function getAlert(db: Db, userId: number): Promise<{ domains: string[]; territories: string[] }> {
  const [row] = await db.select({ domains: projectAlerts.domains, territories: projectAlerts.territories }).from(projectAlerts).where(eq(projectAlerts.userId, userId));
  return row ?? { domains: [], territories: [] };
}

export async function saveAlert(db: Db, userId: number, input: AlertInput): Promise<void> {
  const values = { domains: input.domains ?? [], territories: [...new Set(input.territories ?? [])] };
  if (values.domains.length === 0 && values.territories.length === 0) {
    await db.delete(projectAlerts).where(eq(projectAlerts.userId, userId));
    return;
  }
  await db.insert(projectAlerts).values({ userId, ...values }).onConflictDoUpdate({ target: projectAlerts.userId, set: { ...values, updatedAt: new Date() } });
}

/** A project fits an alert by a shared domain, or by lying within (or containing) one of its territories. */
export function fits(project: Pick<Project, 'domains' | 'territoryKind' | 'territoryCode'>, alert: { domains: string[]; territories: string[] }): boolean {
  if (project.domains.some((d) => alert.domains.includes(d))) return true;
  const chain = territoryChain(project.territoryKind, project.territoryCode);
  return alert.territories.some((key) => {
    const [kind, code] = key.split(':');
    return (kind === 'commune' || kind === 'epci' || kind === 'departement' || kind === 'region') && code !== undefined && chain[kind] === code;
  });
}

/** The job: one e-mail to each person whose alert fits and who may see the project now. */
export async function sendAlerts(env: ServiceEnv, projectId: number): Promise<number> {
  const project = await projectById(env.db, projectId);
  if (!project || project.state !== 'open') return 0;
  const rows = await env.db
    .select({ userId: users.id, email: users.email, displayName: users.displayName, locale: users.locale, platformRole: users.platformRole, emailVerifiedAt: users.emailVerifiedAt, domains: projectAlerts.domains, territories: projectAlerts.territories })
    .from(projectAlerts)
    .innerJoin(users, eq(users.id, projectAlerts.userId))
    .where(and(isNull(users.deletedAt), isNull(users.blockedAt)));
  let sent = 0;
  for (const row of rows) {
    if (!fits(project, row)) continue;
    const actor = new Actor({ id: row.userId, email: row.email, displayName: row.displayName, locale: row.locale, platformRole: row.platformRole, emailVerified: row.emailVerifiedAt !== null }, await activeMemberships(env.db, row.userId));
    if (!canSeeProject(actor, project) || actor.isMemberOf(project.ownerOrganizationId)) continue;
    const { ta } = translator(row.locale);
    const vars = { project: project.title, owner: project.owner.name, link: `${env.config.publicUrl}/projects/${project.id}`, settings: `${env.config.publicUrl}/projects/alerts`, site: env.config.publicUrl };
    await env.db.transaction((tx) => queueMail(env.jobs, tx, { to: row.email, subject: ta('projects:mail.alert.subject', vars), text: ta('projects:mail.alert.body', vars) }));
    sent++;
  }
  return sent;
}
