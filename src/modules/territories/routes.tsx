// Territory search: an HTML fragment for the form picker (a page when opened directly) and the same matches as JSON.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { territoryKinds } from '../organizations/schema.ts';
import { parse } from '../../platform/validation.ts';
import { loadTerritories, searchTerritories } from './data.ts';
import './policy.ts';
import { TerritoryChoices, TerritorySearchPage } from './views.tsx';

// The picker's search box is named territoryQuery in forms; htmx sends it under that name.
const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  territoryQuery: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});

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
    const query = parse(SearchQuery, req.query);
    const q = query.q ?? query.territoryQuery ?? '';
    const matches = searchTerritories(q, query.limit ?? 10);
    // The picker's fragment for htmx; opened directly, a page of its own (a fragment has no title, no language).
    if (!req.htmx) return reply.page(TerritorySearchPage({ ctx: req.view(), matches, query: q }));
    const html = await TerritoryChoices({ ctx: req.view(), matches, query: q });
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
