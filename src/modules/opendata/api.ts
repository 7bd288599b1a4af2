// The open-data part of the JSON API: the catalogue (each archive's state and address) and the contributions of the
// platform or of a consultation through a stable cursor (keyset on id: a page never shifts when others write).
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { parse } from '../../platform/validation.ts';
import { findPublishedConsultation } from '../consultations/drafts.ts';
import { jsonValue } from './archive.ts';
import './policy.ts';
import { resources } from './resources.ts';
import { catalogConsultations, consultationScope, exportScope, listArchives, platformScope } from './service.ts';

const Dataset = Type.Object({
  scope: Type.String(),
  title: Type.String(),
  page: Type.String(),
  download: Type.String(),
  status: Type.String({ description: 'none, queued, building, ready, failed' }),
  builtAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  bytes: Type.Integer(),
  sha256: Type.Union([Type.String(), Type.Null()]),
  progress: Type.Integer(),
  total: Type.Integer(),
});

const ContributionsQuery = Type.Object({
  consultation: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'slug; all consultations when absent' })),
  after: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1, description: 'the `next` of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});

const contributionResource = resources.find((r) => r.name === 'contributions')!;

export function openDataApi(app: FastifyInstance): void {
  const env = app.ctx;
  const url = (path: string) => `${env.config.publicUrl}${path}`;

  app.get(
    '/api/v1/open-data',
    { config: { rule: 'opendata.read' }, schema: { tags: ['open data'], summary: 'The open-data catalogue: one archive for the platform, one per consultation', response: { 200: Type.Object({ licence: Type.String(), catalog: Type.String(), datasets: Type.Array(Dataset) }) } } },
    async () => {
      const [archives, list] = await Promise.all([listArchives(env.db), catalogConsultations(env.db)]);
      const byScope = new Map(archives.map((a) => [a.scope, a]));
      const entry = (scope: string, title: string, page: string, download: string) => {
        const a = byScope.get(scope);
        return { scope, title, page: url(page), download: url(download), status: a?.status ?? 'none', builtAt: a?.builtAt?.toISOString() ?? null, bytes: a?.bytes ?? 0, sha256: a?.sha256 ?? null, progress: a?.progress ?? 0, total: a?.total ?? 0 };
      };
      return {
        licence: 'etalab-2.0',
        catalog: url('/open-data/catalog.jsonld'),
        datasets: [entry(platformScope, 'Parvis', '/open-data', '/open-data/parvis-open-data.zip'), ...list.map((c) => entry(consultationScope(c.id), c.title, `/consultations/${c.slug}/open-data`, `/consultations/${c.slug}/open-data.zip`))],
      };
    },
  );

  app.get(
    '/api/v1/open-data/contributions',
    {
      config: { rule: 'opendata.read' },
      schema: {
        tags: ['open data'],
        summary: 'Every published contribution, as in the archive, by a stable cursor: follow `next` until it is null',
        querystring: ContributionsQuery,
        response: { 200: Type.Object({ items: Type.Array(Type.Record(Type.String(), Type.Unknown())), next: Type.Union([Type.Integer(), Type.Null()]) }) },
      },
    },
    async (req) => {
      const q = parse(ContributionsQuery, req.query);
      const consultation = q.consultation ? await findPublishedConsultation(env.db, q.consultation) : undefined;
      const limit = q.limit ?? 100;
      const scope = exportScope(env, consultation ? consultationScope(consultation.id) : platformScope);
      const batch = await contributionResource.batch(env.db, scope, q.after ?? 0, limit + 1);
      const page = batch.slice(0, limit);
      const items = page.map((r) => Object.fromEntries(contributionResource.fields.map((f) => [f.name, jsonValue(r[f.name], f.type)])));
      return { items, next: batch.length > limit ? Number(page.at(-1)!.id) : null };
    },
  );
}
