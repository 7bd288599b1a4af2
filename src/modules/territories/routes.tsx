// Territory search: an HTML fragment for the form picker and the same matches as JSON.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { territoryKinds } from '../organizations/schema.ts';
import { parse } from '../../platform/validation.ts';
import { loadTerritories, searchTerritories } from './data.ts';
import './policy.ts';
import { TerritoryChoices } from './views.tsx';

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
    const html = await TerritoryChoices({ ctx: req.view(), matches: searchTerritories(q, query.limit ?? 10), query: q });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=3600').header('vary', 'accept-language, cookie').send(html);
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
