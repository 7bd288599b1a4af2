// A person as the modules that mail them read their account: the address and language, and who they are to the
// policy at the moment of sending (their role and memberships of now), so that nobody is mailed what they may not see.
import type { Tx } from '../../platform/db/client.ts';
import { Actor } from '../../platform/policy.ts';
import { activeMemberships } from '../organizations/actor.ts';
import { users } from './schema.ts';

export interface Recipient {
  id: number;
  email: string;
  displayName: string;
  locale: 'fr' | 'en';
  platformRole: 'member' | 'moderator' | 'admin';
  emailVerifiedAt: Date | null;
}

export const recipientColumns = { id: users.id, email: users.email, displayName: users.displayName, locale: users.locale, platformRole: users.platformRole, emailVerifiedAt: users.emailVerifiedAt };

export async function recipientActor(tx: Tx, person: Recipient): Promise<Actor> {
  return new Actor({ id: person.id, email: person.email, displayName: person.displayName, locale: person.locale, platformRole: person.platformRole, emailVerified: person.emailVerifiedAt !== null }, await activeMemberships(tx as never, person.id));
}
