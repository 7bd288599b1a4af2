// Who may do what. Each module declares its rules as a table; a route names the rule it checks; deny by default.
import { Forbidden, Unauthenticated } from './errors.ts';
import type { Locale, PlatformRole } from '../modules/accounts/schema.ts';
import type { MemberRole, OrganizationType } from '../modules/organizations/schema.ts';

export interface ActorMembership {
  organizationId: number;
  role: MemberRole;
  organizationType: OrganizationType;
  verified: boolean;
}

export interface ActorUser {
  id: number;
  email: string;
  displayName: string;
  locale: Locale;
  platformRole: PlatformRole;
  emailVerified: boolean;
  /** a new version of the moderation charter waits for this person's consent (src/modules/moderation/charter.ts) */
  charterOutdated?: boolean;
}

/** The person behind a request, with what they belong to; a visitor has no user. */
export class Actor {
  constructor(
    readonly user: ActorUser | undefined,
    readonly memberships: ActorMembership[] = [],
  ) {}
  static readonly visitor = new Actor(undefined);
  get signedIn(): boolean {
    return this.user !== undefined;
  }
  get isAdmin(): boolean {
    return this.user?.platformRole === 'admin';
  }
  get isModerator(): boolean {
    return this.user?.platformRole === 'moderator' || this.isAdmin;
  }
  membership(organizationId: number): ActorMembership | undefined {
    return this.memberships.find((m) => m.organizationId === organizationId);
  }
  isMemberOf(organizationId: number): boolean {
    return this.membership(organizationId) !== undefined;
  }
  isAdminOf(organizationId: number): boolean {
    return this.membership(organizationId)?.role === 'admin';
  }
}

/** A rule answers yes or no for an actor and, for scoped rules, the thing acted on. */
export type Rule<S = never> = [S] extends [never] ? (actor: Actor) => boolean : (actor: Actor, scope: S) => boolean;
export type Rules = Record<string, (actor: Actor, scope: never) => boolean>;

const registry = new Map<string, (actor: Actor, scope?: unknown) => boolean>();

/** Modules register their rule tables once; rule names are global ("organization.edit"). */
export function defineRules<R extends Rules>(rules: R): R {
  for (const [name, rule] of Object.entries(rules)) {
    if (registry.has(name) && registry.get(name) !== rule) throw new Error(`policy rule defined twice: ${name}`);
    registry.set(name, rule as (actor: Actor, scope?: unknown) => boolean);
  }
  return rules;
}

export function hasRule(name: string): boolean {
  return registry.has(name);
}

/** Whether the rule needs the thing acted on (then the route checks it once it has loaded it). */
export function isScoped(name: string): boolean {
  return (registry.get(name)?.length ?? 0) > 1;
}

export function can(actor: Actor, name: string, scope?: unknown): boolean {
  const rule = registry.get(name);
  return rule ? rule(actor, scope) : false;
}

/** Throws Unauthenticated for a visitor and Forbidden for a signed-in person the rule refuses. */
export function authorize(actor: Actor, name: string, scope?: unknown): void {
  if (can(actor, name, scope)) return;
  throw actor.signedIn ? new Forbidden(name) : new Unauthenticated();
}

export const platformRules = defineRules({
  public: () => true,
  signedIn: (actor: Actor) => actor.signedIn,
  moderator: (actor: Actor) => actor.isModerator,
  admin: (actor: Actor) => actor.isAdmin,
});
