// The shape of the authorization walk's tables: one per module, merged by test/authorization.test.ts.
import type { FastifyInstance } from 'fastify';
import { roles, type Role, type RoleFixture } from '../support/roles.ts';

export type Allowed = readonly Role[];
export const everyone: Allowed = roles;
export const signedIn: Allowed = ['member', 'orgAdmin', 'moderator', 'admin'];
export const moderators: Allowed = ['moderator', 'admin'];
export const admins: Allowed = ['admin'];
// Platform admins may do everything an organization's admin may (PRODUCT.md, roles).
export const orgAdmins: Allowed = ['orgAdmin', 'admin'];

export type WalkFixture = RoleFixture & { victimId: number };

export interface Expectation {
  allow: Allowed;
  /** a concrete path for the route's pattern */
  path?: (f: WalkFixture) => string;
  body?: Record<string, string>;
}

export interface RouteTable {
  /** creates what the module's paths point at, once per database, before the walk */
  setup?: (app: FastifyInstance, fixture: WalkFixture) => Promise<void>;
  routes: Record<string, Expectation>;
}
