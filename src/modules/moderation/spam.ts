// Spam defences that cost honest people nothing, in one place for every route that publishes text (HTML and API):
// - a honeypot field and a minimum fill time on public forms (FormTrap in views/trap.tsx): robots fill every field
//   and post at once; a person never sees the field and takes seconds;
// - every account: a few posts a minute (a person writing fast posts one every ten seconds at most);
// - new accounts (their first day, or until their third post): posts an hour and links per post limited;
// - the same text again and again (by one account in a day, or by three accounts within an hour) refused.
// Counters are rows of `rate_limits` (countHit), so they hold across instances and restarts. Every refusal says why
// and when to try again (Retry-After); the text typed is shown back, never silently dropped.
import { createHash, createHmac } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hours, minutes, now } from '../../platform/clock.ts';
import { rows } from '../../platform/db/client.ts';
import { isApiRequest } from '../../platform/http/errors.ts';
import { safeNext } from '../../platform/http/forms.ts';
import { countHit } from '../../platform/rate-limits/store.ts';
import { users } from '../accounts/schema.ts';
import { postFingerprints } from './schema.ts';
import { SpamRefusedPage, SpamRefusedNotice } from './views/spam.tsx';

/** A route that publishes text: which fields hold it, and whether it is a new post (an edit is checked, not counted). */
export interface PostingRoute {
  url: string;
  fields: string[];
  counts: boolean;
  /** only some submissions publish (a preview does not) */
  publishes?: (body: Record<string, unknown>) => boolean;
}

const publishesContribution = (body: Record<string, unknown>) => body.intent !== 'preview' && !body._search;

/** Checked by spam.test.ts against the app's routes: a renamed route fails the test instead of losing its defences. */
export const postingRoutes: PostingRoute[] = [
  { url: '/consultations/:slug/phases/:phase/contribute', fields: ['title', 'body'], counts: true, publishes: publishesContribution },
  { url: '/contributions/:id/edit', fields: ['title', 'body'], counts: false, publishes: publishesContribution },
  { url: '/contributions/:id/arguments', fields: ['text'], counts: true },
  { url: '/contributions/:id/comments', fields: ['body'], counts: true },
  { url: '/comments/:id/edit', fields: ['body'], counts: false },
  { url: '/projects/:id/questions', fields: ['body'], counts: true },
  { url: '/organizations/new', fields: ['name', 'description'], counts: true, publishes: (body) => !body._search },
  { url: '/api/v1/consultations/:slug/phases/:phase/contributions', fields: ['title', 'body'], counts: true },
  { url: '/api/v1/contributions/:id/arguments', fields: ['text'], counts: true },
  { url: '/api/v1/contributions/:id/comments', fields: ['body'], counts: true },
  { url: '/api/v1/projects/:id/questions', fields: ['body'], counts: true },
];

/** Forms with a trap (views/trap.tsx) but no posting limit of their own: whoever fills them is checked for robots. */
export const trappedRoutes = ['/register', '/reports'];

export const limits = {
  /** an account's first day is new; so are its first posts, whatever its age */
  newAccountAge: hours(24),
  newAccountPosts: 3,
  newAccountPostsPerHour: 10,
  newAccountLinks: 2,
  /** a wall of links is spam whoever posts it */
  links: 10,
  /** a text shorter than this (folded) may well be said twice: "merci", "+1", "je suis d'accord" */
  comparableLength: 20,
  repeatWindow: hours(24),
  /** three accounts posting the same text within an hour are a campaign */
  campaignAccounts: 3,
  campaignWindow: hours(1),
};

// A name robots fill and no form of ours uses (the organization form has a real `website`).
export const honeypotField = 'homepage';
export const fillTimeField = '_ft';

let secret = 'unset';
/** The key that signs the forms' fill-time stamps, set once when the module is registered. */
export function setTrapSecret(value: string): void {
  secret = value;
}

const sign = (stamp: string) => createHmac('sha256', secret).update(`fill:${stamp}`).digest('base64url').slice(0, 16);

/** The stamp a form carries: when it was shown, signed so that a robot cannot date it back. */
export function fillStamp(at = Date.now()): string {
  const stamp = at.toString(36);
  return `${stamp}.${sign(stamp)}`;
}

/** When the form was shown, if the stamp is ours. */
export function stampedAt(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const [stamp, signature] = value.split('.');
  if (!stamp || !signature || sign(stamp) !== signature) return undefined;
  const at = parseInt(stamp, 36);
  return Number.isFinite(at) ? at : undefined;
}

/** A field's text, from a urlencoded form, a multipart one ({ value }) or JSON. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'value' in value && typeof (value as { value: unknown }).value === 'string') return (value as { value: string }).value;
  return '';
}

/** Letters and digits only, lower case, accents folded: the same text however it is spaced or punctuated. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function countLinks(text: string): number {
  return (text.match(/\b(?:https?:\/\/|www\.)[^\s)\]]+/gi) ?? []).length;
}

export type Refusal =
  | { code: 'spam_trap' }
  | { code: 'too_fast'; retryAfter: number }
  | { code: 'posting_too_fast'; retryAfter: number; max: number }
  | { code: 'new_account_limit'; retryAfter: number; max: number }
  | { code: 'too_many_links'; max: number }
  | { code: 'repeated_text' };

const statusOf = (refusal: Refusal) => (refusal.code === 'posting_too_fast' || refusal.code === 'new_account_limit' ? 429 : 422);

interface Pending {
  userId: number;
  fingerprint: string;
  comparable: boolean;
}
const pendingKey = Symbol('spamFingerprint');
type Marked = FastifyRequest & { [pendingKey]?: Pending };

export function registerSpamDefences(app: FastifyInstance): void {
  const { db, config } = app.ctx;
  setTrapSecret(config.sessionSecret);
  const routes = new Map(postingRoutes.map((r) => [r.url, r]));
  const trapped = new Set([...trappedRoutes, ...postingRoutes.filter((r) => !r.url.startsWith('/api/')).map((r) => r.url)]);

  async function check(req: Marked, body: Record<string, unknown>): Promise<Refusal | undefined> {
    const url = req.routeOptions.url ?? '';
    // Robots: the field nobody sees, and a form sent sooner than a person could.
    if (!req.viaToken && trapped.has(url)) {
      if (textOf(body[honeypotField]).trim() !== '') return { code: 'spam_trap' };
      const shownAt = stampedAt(textOf(body[fillTimeField]));
      const elapsed = shownAt === undefined ? Infinity : Date.now() - shownAt;
      if (elapsed < config.minFillMs) return { code: 'too_fast', retryAfter: Math.max(1, Math.ceil((config.minFillMs - elapsed) / 1000)) };
    }
    const route = routes.get(url);
    const user = req.actor.user;
    if (!route || !user || config.postsPerMinute === 0 || (route.publishes && !route.publishes(body))) return undefined;
    const text = route.fields.map((f) => textOf(body[f])).join('\n');
    const at = now();
    const folded = fold(text);
    const fingerprint = createHash('sha256').update(folded).digest('hex').slice(0, 32);
    const comparable = folded.length >= limits.comparableLength;
    const [state] = await rows<{ young: boolean; posts: number; repeated: boolean; spread: number }>(db, sql`
      select ${users.createdAt} > ${new Date(at.getTime() - limits.newAccountAge)} as young,
        (select count(*)::int from (select 1 from ${postFingerprints} p where p.user_id = ${user.id} limit ${limits.newAccountPosts}) s) as posts,
        ${comparable} and exists (select 1 from ${postFingerprints} p where p.user_id = ${user.id} and p.fingerprint = ${fingerprint} and p.comparable and p.created_at > ${new Date(at.getTime() - limits.repeatWindow)}) as repeated,
        case when ${comparable} then (select count(distinct p.user_id)::int from ${postFingerprints} p where p.fingerprint = ${fingerprint} and p.comparable and p.user_id <> ${user.id} and p.created_at > ${new Date(at.getTime() - limits.campaignWindow)}) else 0 end as spread
      from ${users} where ${users.id} = ${user.id}`);
    if (!state) return undefined;
    const isNew = state.young || Number(state.posts) < limits.newAccountPosts;
    const links = countLinks(text);
    const maxLinks = isNew ? limits.newAccountLinks : limits.links;
    if (links > maxLinks) return { code: 'too_many_links', max: maxLinks };
    if (!route.counts) return undefined;
    if (state.repeated || Number(state.spread) + 1 >= limits.campaignAccounts) return { code: 'repeated_text' };
    const minute = await countHit(db, `posts:minute:${user.id}`, minutes(1));
    if (minute.current > config.postsPerMinute) return { code: 'posting_too_fast', retryAfter: Math.max(1, Math.ceil(minute.ttl / 1000)), max: config.postsPerMinute };
    if (isNew) {
      const hour = await countHit(db, `posts:new-hour:${user.id}`, hours(1));
      if (hour.current > limits.newAccountPostsPerHour) return { code: 'new_account_limit', retryAfter: Math.max(1, Math.ceil(hour.ttl / 1000)), max: limits.newAccountPostsPerHour };
    }
    req[pendingKey] = { userId: user.id, fingerprint, comparable };
    return undefined;
  }

  async function refuse(req: FastifyRequest, reply: FastifyReply, refusal: Refusal, body: Record<string, unknown>) {
    const status = statusOf(refusal);
    if ('retryAfter' in refusal) reply.header('retry-after', String(refusal.retryAfter));
    const vars = { max: 'max' in refusal ? refusal.max : 0, seconds: 'retryAfter' in refusal ? refusal.retryAfter : 0 };
    if (isApiRequest(req)) return reply.code(status).send({ error: { code: refusal.code, message: req.i18n.ta(`moderation:spam.${refusal.code}`, vars), ...('retryAfter' in refusal ? { retryAfter: refusal.retryAfter } : {}) } });
    const route = routes.get(req.routeOptions.url ?? '');
    const typed = (route?.fields ?? ['body', 'details']).map((f) => textOf(body[f])).filter(Boolean).join('\n\n');
    // htmx swaps 2xx answers only: the notice goes at the top of the form's target, and what was typed stays put.
    if (req.htmx) return reply.header('hx-reswap', 'afterbegin').page(SpamRefusedNotice({ ctx: req.view(), code: refusal.code, vars }), 200);
    const referer = typeof req.headers.referer === 'string' ? req.headers.referer : '';
    let back = '/';
    try {
      const parsed = new URL(referer);
      if (parsed.origin === new URL(config.publicUrl).origin || parsed.host === req.headers.host) back = safeNext(parsed.pathname + parsed.search);
    } catch {
      back = '/';
    }
    return reply.page(SpamRefusedPage({ ctx: req.view(), code: refusal.code, vars, typed, back }), status);
  }

  app.addHook('preHandler', async (req: Marked, reply) => {
    if (req.method !== 'POST') return;
    const url = req.routeOptions.url ?? '';
    if (!routes.has(url) && !trapped.has(url)) return;
    const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
    const refusal = await check(req, body);
    if (refusal) return refuse(req, reply, refusal, body);
  });

  // Kept once the post went through: what it said, for the next posts to be compared with.
  app.addHook('onResponse', async (req: Marked, reply) => {
    const pending = req[pendingKey];
    if (!pending || reply.statusCode >= 400) return;
    await db.insert(postFingerprints).values({ userId: pending.userId, fingerprint: pending.fingerprint, comparable: pending.comparable, createdAt: now() }).catch((error: unknown) => req.log.warn({ err: error }, 'post fingerprint not kept'));
  });
}

/** An account's posts counted so far (at most what makes it established). */
export async function postsCounted(app: FastifyInstance, userId: number): Promise<number> {
  return (await app.ctx.db.select({ id: postFingerprints.id }).from(postFingerprints).where(eq(postFingerprints.userId, userId)).limit(limits.newAccountPosts)).length;
}
