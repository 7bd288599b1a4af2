// Who is behind a session or token, kept for a short while: a signed-in page served from its persona's copy, or a
// vote, then costs no query at all. What could make a kept answer wrong is a change to an account, a session, a
// token, a membership or an organization; every statement sent to those tables through this process is seen before
// it runs (the database's statement hook). A sign-out forgets its own session only; anything else drops every kept
// answer at once. Other instances are told through LISTEN/NOTIFY (app.ts). For a while after a change nothing
// concerned is kept, so an answer read before its transaction committed cannot be kept after it.
import { hashToken } from './tokens.ts';
import type { ActorResolver } from '../../platform/http/request.ts';

/** Statements that may change who an existing session or token stands for. New sessions, tokens and accounts cannot. */
// A charter consent or a new charter version changes whether a person must accept the charter (charterOutdated).
const credentialChange = /\b(update|delete\s+from)\s+"?(users|sessions|api_tokens|memberships|organizations)\b|\binsert\s+into\s+"?(memberships|consents|charter_versions)\b/i;

/** A token's last use, written once a minute, changes nothing of who it stands for. */
const lastUse = /^\s*update\s+"api_tokens"\s+set\s+"last_used_at"\s*=\s*\$1\s+where\s+"api_tokens"\."id"\s*=\s*\$2\s*$/i;

/** A sign-out: one session, named by its id (the hash of its secret), ends. */
const signOut = /^\s*delete\s+from\s+"sessions"\s+where\s+"sessions"\."id"\s*=\s*\$1\s*$/i;

/** What a statement changes of who secrets stand for: nothing, one session (its id), or possibly anyone's. */
export type CredentialChange = undefined | { session: string } | 'any';

export function credentialChangeOf(statement: string, params: readonly unknown[] = []): CredentialChange {
  if (!credentialChange.test(statement) || lastUse.test(statement)) return undefined;
  if (signOut.test(statement) && typeof params[0] === 'string') return { session: params[0] };
  return 'any';
}

/** The cache's key for a session, from the session's id (what a sign-out names). */
export const sessionKey = (sessionId: string) => `s:${sessionId}`;

type Resolved = Awaited<ReturnType<ActorResolver>>;

interface Entry {
  resolved: Resolved;
  generation: number;
  storedAt: number;
}

export interface ActorCacheOptions {
  /** how long an answer is kept when nothing changes */
  ttlMs?: number;
  /** how long after a change nothing is kept (longer than a transaction lasts: the statement timeout) */
  quietMs?: number;
  maxEntries?: number;
}

export class ActorCache {
  private entries = new Map<string, Entry>();
  private generation = 0;
  private changedAt = Number.NEGATIVE_INFINITY;
  /** sessions that ended lately, and when: not kept again within the quiet time */
  private ended = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly quietMs: number;
  private readonly maxEntries: number;

  constructor(options: ActorCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.quietMs = options.quietMs ?? 10_000;
    this.maxEntries = options.maxEntries ?? 20_000;
  }

  /** Something about accounts changed, here or on another instance: forget every answer. */
  changed(now = Date.now()): void {
    this.generation++;
    this.changedAt = now;
    this.entries.clear();
  }

  /** One session ended: forget it, and keep nothing for it for a while (a read racing the sign-out). */
  forgetSession(sessionId: string, now = Date.now()): void {
    const key = sessionKey(sessionId);
    this.entries.delete(key);
    this.ended.set(key, now);
    if (this.ended.size > this.maxEntries) this.ended.clear();
  }

  /** Applies what a statement changes (see credentialChangeOf). */
  apply(change: CredentialChange): void {
    if (change === 'any') this.changed();
    else if (change) this.forgetSession(change.session);
  }

  /** Wraps a resolver: a signed-in answer is kept, and given again while nothing has changed. */
  wrap(resolve: ActorResolver): ActorResolver {
    return async (env, carried) => {
      const secret = carried.apiToken ?? carried.sessionToken;
      if (!secret) return resolve(env, carried);
      const key = carried.apiToken ? `t:${hashToken(secret)}` : sessionKey(hashToken(secret));
      const now = Date.now();
      const kept = this.entries.get(key);
      if (kept && kept.generation === this.generation && now - kept.storedAt < this.ttlMs) return kept.resolved;
      const generation = this.generation;
      const resolved = await resolve(env, carried);
      // Unknown secrets are not kept: anyone could fill the cache with them.
      const at = Date.now();
      const endedAt = this.ended.get(key);
      if (endedAt !== undefined && at - endedAt > this.quietMs) this.ended.delete(key);
      const quiet = at - this.changedAt > this.quietMs && (endedAt === undefined || at - endedAt > this.quietMs);
      if (resolved.actor.signedIn && generation === this.generation && quiet) {
        if (this.entries.size >= this.maxEntries) this.entries.clear();
        this.entries.set(key, { resolved, generation, storedAt: now });
      }
      return resolved;
    };
  }
}
