// Open-data pages and files: the catalogue, a consultation's dataset, the archives (served from the chunks the job
// wrote, with ETag), the DCAT catalogue and the data package descriptor, the organizers' export (streamed as it is
// written, audited) and an admin's rebuild.
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit/service.ts';
import { consultationPath, fragmentOf } from '../../platform/http/fragments.ts';
import { can } from '../../platform/policy.ts';
import { parse } from '../../platform/validation.ts';
import { SlugParams } from '../consultations/inputs.ts';
import { findPublishedConsultation } from '../consultations/drafts.ts';
import { findConsultation } from '../consultations/service.ts';
import { datapackage, writeArchive } from './archive.ts';
import { dcatCatalog } from './dcat.ts';
import './policy.ts';
import { resourcesFor } from './resources.ts';
import { archiveMeta, archiveStream, catalogConsultations, consultationScope, exportScope, findArchive, listArchives, platformScope, requestBuild, type Archive } from './service.ts';
import { ArchiveState, CatalogPage, DatasetPage } from './views/catalog.tsx';

export function sendArchive(req: FastifyRequest, reply: FastifyReply, archive: Archive | undefined, filename: string, page: string) {
  if (!archive?.builtAt || !archive.sha256) return reply.redirect(page, 303);
  const etag = `"${archive.sha256}"`;
  reply.header('etag', etag).header('cache-control', 'public, max-age=300').header('x-robots-tag', 'noindex');
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply
    .type('application/zip')
    .header('content-length', String(archive.bytes))
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(archiveStream(req.server.ctx.db, archive));
}

export function openDataRoutes(app: FastifyInstance): void {
  const env = app.ctx;

  app.get('/open-data', { config: { rule: 'opendata.read', cache: true } }, async (req, reply) => {
    const [archives, list] = await Promise.all([listArchives(env.db), catalogConsultations(env.db)]);
    const byScope = new Map(archives.map((a) => [a.scope, a]));
    const datasets = list.map((c) => ({ slug: c.slug, title: c.title, archive: byScope.get(consultationScope(c.id)) }));
    return reply.page(CatalogPage({ ctx: req.view(), platform: byScope.get(platformScope), datasets, canRebuild: can(req.actor, 'opendata.rebuild') }));
  });

  app.get('/open-data/status', { config: { rule: 'opendata.read' }, preHandler: fragmentOf(() => '/open-data') }, async (req, reply) =>
    reply.header('cache-control', 'no-store').page(ArchiveState({ ctx: req.view(), archive: await findArchive(env.db, platformScope), href: '/open-data/parvis-open-data.zip', statusHref: '/open-data/status' })),
  );

  app.get('/open-data/parvis-open-data.zip', { config: { rule: 'opendata.read' } }, async (req, reply) => sendArchive(req, reply, await findArchive(env.db, platformScope), 'parvis-open-data.zip', '/open-data'));

  app.get('/open-data/catalog.jsonld', { config: { rule: 'opendata.read' } }, async (_req, reply) => {
    const [archives, list] = await Promise.all([listArchives(env.db), catalogConsultations(env.db)]);
    return reply.type('application/ld+json; charset=utf-8').header('cache-control', 'public, max-age=300').send(JSON.stringify(dcatCatalog(env.config.publicUrl, archives, list)));
  });

  app.get('/open-data/datapackage.json', { config: { rule: 'opendata.read' } }, async (_req, reply) => {
    const meta = await archiveMeta(env.db, env, platformScope);
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(datapackage(meta, resourcesFor({}), {}), null, 2));
  });

  app.post('/open-data/rebuild', { config: { rule: 'opendata.rebuild' } }, async (req, reply) => {
    await requestBuild(env, platformScope);
    await recordAudit(env.db, req.actor, 'opendata.rebuild', platformScope);
    return reply.flash({ kind: 'info', key: 'opendata:flash.rebuild' }).redirect('/open-data', 303);
  });

  app.get('/consultations/:slug/open-data', { config: { rule: 'opendata.read', cache: true } }, async (req, reply) => {
    const consultation = await findPublishedConsultation(env.db, parse(SlugParams, req.params).slug);
    const archive = await findArchive(env.db, consultationScope(consultation.id));
    return reply.page(DatasetPage({ ctx: req.view(), consultation, archive, canExport: can(req.actor, 'opendata.export', consultation) }));
  });

  app.get('/consultations/:slug/open-data/status', { config: { rule: 'opendata.read' }, preHandler: fragmentOf((req) => `${consultationPath(req)}/open-data`) }, async (req, reply) => {
    const consultation = await findPublishedConsultation(env.db, parse(SlugParams, req.params).slug);
    const base = `/consultations/${consultation.slug}`;
    return reply.header('cache-control', 'no-store').page(ArchiveState({ ctx: req.view(), archive: await findArchive(env.db, consultationScope(consultation.id)), href: `${base}/open-data.zip`, statusHref: `${base}/open-data/status` }));
  });

  app.get('/consultations/:slug/open-data.zip', { config: { rule: 'opendata.read' } }, async (req, reply) => {
    const consultation = await findPublishedConsultation(env.db, parse(SlugParams, req.params).slug);
    return sendArchive(req, reply, await findArchive(env.db, consultationScope(consultation.id)), `parvis-${consultation.slug}.zip`, `/consultations/${consultation.slug}/open-data`);
  });

  // Streamed as it is written: the organizer gets today's data, not the last build, and nothing is kept.
  app.post('/consultations/:slug/export.zip', { config: { rule: 'opendata.export' } }, async (req, reply) => {
    const consultation = await findConsultation(env.db, parse(SlugParams, req.params).slug);
    req.authorize('opendata.export', consultation);
    await recordAudit(env.db, req.actor, 'opendata.export', `consultation:${consultation.id}`, { slug: consultation.slug });
    const out = new PassThrough();
    const meta = { ...(await archiveMeta(env.db, env, consultationScope(consultation.id))), title: `Parvis — ${consultation.title} : export des organisateurs` };
    writeArchive(env.db, { ...exportScope(env, consultationScope(consultation.id)), organizer: true }, meta, out).catch((error: Error) => {
      req.log.warn({ err: { message: error.message } }, 'organizer export failed');
      out.destroy(error);
    });
    return reply
      .type('application/zip')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="parvis-${consultation.slug}-organisateurs.zip"`)
      .send(out);
  });
}
