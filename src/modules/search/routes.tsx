// The search page and its API: one query through every registered provider, or through one kind with pages.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ValidationFailed } from '../../platform/errors.ts';
import { parse } from '../../platform/validation.ts';
import { defineRules, type Actor } from '../../platform/policy.ts';
import type { BoundedCount } from '../../platform/db/bounded.ts';
import { searchProviders, type SearchHit } from './providers.ts';
import { SearchPage } from './views.tsx';

defineRules({ 'search.read': () => true });

export const searchPageSize = 10;
/** Without a chosen kind, the first few of each. */
const previewSize = 5;

const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  type: Type.Optional(Type.String({ maxLength: 40 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});

export interface SearchGroup extends BoundedCount {
  type: string;
  hits: SearchHit[];
}

/** Lenient like the lists: a mistyped page or kind shows the first page of everything. */
function readQuery(query: unknown): { q: string; type?: string; page: number } {
  try {
    const parsed = parse(SearchQuery, query);
    const type = searchProviders().some((p) => p.type === parsed.type) ? parsed.type : undefined;
    return { q: (parsed.q ?? '').trim(), type, page: type ? (parsed.page ?? 1) : 1 };
  } catch (error) {
    if (error instanceof ValidationFailed) return { q: '', page: 1 };
    throw error;
  }
}

export function searchRoutes(app: FastifyInstance): void {
  const env = app.ctx;

  async function run(actor: Actor, q: string, type: string | undefined, page: number): Promise<SearchGroup[]> {
    if (q.length < 2) return [];
    const chosen = searchProviders().filter((p) => !type || p.type === type);
    const size = type ? searchPageSize : previewSize;
    return Promise.all(chosen.map(async (p) => ({ type: p.type, ...(await p.search(env.db, actor, q, size, (page - 1) * size)) })));
  }

  app.get('/search', { config: { rule: 'search.read', cache: 'signed-in', lagsWrites: true } }, async (req, reply) => {
    const { q, type, page } = readQuery(req.query);
    const groups = await run(req.actor, q, type, page);
    return reply.page(SearchPage({ ctx: req.view(), q, type, page, groups, types: searchProviders().map((p) => p.type) }));
  });

  const Hit = Type.Object({ title: Type.String(), url: Type.String(), excerpt: Type.String({ description: 'plain text' }), context: Type.Optional(Type.String()), date: Type.Optional(Type.String({ format: 'date-time' })) });
  app.get(
    '/api/v1/search',
    {
      config: { rule: 'search.read' },
      schema: {
        tags: ['search'],
        summary: 'Search consultations, contributions, organizations and more, with French stemming (only what the token’s account may see)',
        querystring: SearchQuery,
        response: { 200: Type.Object({ query: Type.String(), groups: Type.Array(Type.Object({ type: Type.String(), total: Type.Integer(), capped: Type.Boolean({ description: 'more than `total` match (matches are counted up to 1,000)' }), items: Type.Array(Hit) })) }) },
      },
    },
    async (req) => {
      const { q, type, page } = readQuery(req.query);
      const groups = await run(req.actor, q, type, page);
      const plain = (text: string) => text.replace(/[\u0001\u0002]/g, '');
      return {
        query: q,
        groups: groups.map((g) => ({ type: g.type, total: g.total, capped: g.capped, items: g.hits.map((h) => ({ title: h.title, url: `${env.config.publicUrl}${h.href}`, excerpt: plain(h.excerpt), ...(h.context ? { context: h.context } : {}), ...(h.date ? { date: h.date.toISOString() } : {}) })) })),
      };
    },
  );
}
