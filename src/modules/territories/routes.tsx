// Territory search: the territory field's suggestions as datalist options for htmx, a page when opened directly, and
// the same matches as JSON.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { territoryKinds } from '../organizations/schema.ts';
import { parse } from '../../platform/validation.ts';
import { loadTerritories, searchTerritories } from './data.ts';
import './policy.ts';
import { TerritoryOptions, TerritorySearchPage } from './views.tsx';

// htmx sends the territory field under its own name in the form (territory, territories…), the page's box is q.
const fieldNames = ['q', 'territory', 'territoriesAdd', 'territoryCodesAdd', 'territoryQuery'] as const;
const text = Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 60 })]));
const SearchQuery = Type.Object({
  ...Object.fromEntries(fieldNames.map((name) => [name, text])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});

/** The text typed, whichever field sent it. */
function typed(query: Record<string, unknown>): string {
  for (const name of fieldNames) {
    const found = [query[name]].flat().find((v): v is string => typeof v === 'string' && v.trim() !== '' && !/^[a-z]+:[0-9AB]+$/.test(v));
    if (found) return found.slice(0, 100);
  }
  return '';
}

export const TerritoryItem = Type.Object({
  kind: Type.Union(territoryKinds.map((k) => Type.Literal(k))),
  code: Type.String(),
  name: Type.String(),
  departement: Type.Optional(Type.String()),
  region: Type.Optional(Type.String()),
  epci: Type.Optional(Type.String()),
});

export function territoryRoutes(app: FastifyInstance): void {
  app.addHook('onReady', loadTerritories);
  app.get('/territories', { config: { rule: 'territory.read' } }, async (req, reply) => {
    const query = parse(SearchQuery, req.query) as Record<string, unknown> & { limit?: number };
    const q = typed(query);
    const matches = searchTerritories(q, query.limit ?? 10);
    // The picker's fragment for htmx; opened directly, a page of its own (a fragment has no title, no language).
    if (!req.htmx) return reply.page(TerritorySearchPage({ ctx: req.view(), matches, query: q }));
    const html = await TerritoryOptions({ ctx: req.view(), matches });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=3600').header('vary', 'accept-language, cookie, hx-request').send(html);
  });

  app.get(
    '/api/v1/territories',
    {
      config: { rule: 'territory.read' },
      schema: {
        tags: ['territories'],
        summary: 'Search the official geography (communes, EPCI, départements, régions) by name or code',
        querystring: Type.Object({ q: Type.String({ maxLength: 100 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) }),
        response: { 200: Type.Object({ items: Type.Array(TerritoryItem) }) },
      },
    },
    async (req) => {
      const { q, limit } = req.query as { q: string; limit?: number };
      return { items: searchTerritories(q, limit ?? 10) };
    },
  );
}
