// Demo people: one per role, so every part of the platform can be tried at once.
import { eq } from 'drizzle-orm';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { now } from '../../platform/clock.ts';
import { hashPassword } from './passwords.ts';
import { users, type PlatformRole } from './schema.ts';

export const demoPassword = 'parvis-demo-2026';

export interface DemoAccount {
  email: string;
  displayName: string;
  role: string;
  platformRole?: PlatformRole;
}

/** Who they are and what they show; organizations attach them as members in their own demo loader. */
export const demoAccounts: DemoAccount[] = [
  { email: 'admin@parvis.example', displayName: 'Camille Admin', role: 'platform admin', platformRole: 'admin' },
  { email: 'moderation@parvis.example', displayName: 'Sacha Moderateur', role: 'moderator', platformRole: 'moderator' },
  { email: 'organisatrice@capdigital.example', displayName: 'Hélène Martin', role: 'organizer (Cap Digital, admin)' },
  { email: 'animateur@avitem.example', displayName: 'Karim Benali', role: 'animator (AVITEM, admin)' },
  { email: 'marie.dupont@lyon.example', displayName: 'Marie Dupont', role: 'collectivité member (Métropole de Lyon, admin)' },
  { email: 'julien.roux@grandparisamenagement.example', displayName: 'Julien Roux', role: 'aménageur member (Grand Paris Aménagement)' },
  { email: 'lea.moreau@mobilcity.example', displayName: 'Léa Moreau', role: 'startup admin (MobilCity)' },
  { email: 'thomas.petit@example.org', displayName: 'Thomas Petit', role: 'member, no organization' },
];

export async function seedAccounts(env: ServiceEnv): Promise<DemoAccount[]> {
  const passwordHash = await hashPassword(demoPassword);
  for (const account of demoAccounts) {
    const [existing] = await env.db.select({ id: users.id }).from(users).where(eq(users.email, account.email));
    if (existing) continue;
    await env.db.insert(users).values({
      email: account.email,
      displayName: account.displayName,
      passwordHash,
      emailVerifiedAt: now(),
      platformRole: account.platformRole ?? 'member',
    });
  }
  return demoAccounts;
}
