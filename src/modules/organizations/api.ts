// The organizations part of the JSON API: the directory and one organization, with the same filters as the pages.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { getTerritory } from '../territories/data.ts';
import { TerritoryItem } from '../territories/routes.tsx';
import { listOrganizations, pageSize, readDirectoryQuery, type DirectoryEntry } from './directory.ts';
import { DomainSchema, OrganizationTypeSchema, RoleSchema, SlugParams } from './inputs.ts';
import { findOrganization, listMembers, organizationHidden, type Organization } from './service.ts';
import { logoUrl } from './views/components.tsx';
import { apiName } from '../accounts/names.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const OrganizationSummary = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  type: OrganizationTypeSchema,
  verified: Type.Boolean({ description: 'the type is verified (by SIRET or by a platform admin); otherwise only claimed' }),
  domains: Type.Array(DomainSchema),
  territory: Nullable(TerritoryItem),
  logoUrl: Nullable(Type.String()),
  url: Type.String(),
});

const OrganizationDetail = Type.Object({
    ...OrganizationSummary.properties,
    description: Type.String(),
    website: Nullable(Type.String()),
    siret: Nullable(Type.String()),
    legalName: Nullable(Type.String()),
    legalCategory: Nullable(Type.String()),
    verifiedBy: Nullable(Type.String()),
    verifiedAt: Nullable(Type.String({ format: 'date-time' })),
    members: Type.Array(Type.Object({ displayName: Type.String(), role: RoleSchema })),
});

const DirectoryQuerystring = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'words in the name or description, accents and case ignored' })),
  type: Type.Optional(OrganizationTypeSchema),
  domain: Type.Optional(DomainSchema),
  territory: Type.Optional(Type.String({ maxLength: 100, description: 'an official code (13, 69123, 200046977), kind:code, or a name' })),
  verified: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('true')])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
});

function summary(publicUrl: string, org: DirectoryEntry | Organization) {
  const territory = org.territoryKind && org.territoryCode ? getTerritory(org.territoryKind, org.territoryCode) : undefined;
  const logo = logoUrl(org);
  return {
    slug: org.slug,
    name: org.name,
    type: org.type,
    verified: org.verifiedAt !== null,
    domains: org.domains,
    territory: territory ?? null,
    logoUrl: logo ? `${publicUrl}${logo}` : null,
    url: `${publicUrl}/organizations/${org.slug}`,
  };
}

export function organizationApi(app: FastifyInstance): void {
  const env = app.ctx;
  app.get(
    '/api/v1/organizations',
    {
      config: { rule: 'organization.read', cache: true },
      schema: {
        tags: ['organizations'],
        summary: 'The directory of organizations, 20 a page, with the filters of /organizations',
        querystring: DirectoryQuerystring,
        response: { 200: Type.Object({ items: Type.Array(OrganizationSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }) },
      },
    },
    async (req, reply) => {
      const query = readDirectoryQuery(req.query);
      const { items, total } = await listOrganizations(env.db, query);
      return reply.json({ items: items.map((org) => summary(env.config.publicUrl, org)), total, page: query.page, pageSize });
    },
  );

  app.get(
    '/api/v1/organizations/:slug',
    {
      config: { rule: 'organization.read' },
      schema: { tags: ['organizations'], summary: 'One organization, with its members', params: SlugParams, response: { 200: OrganizationDetail } },
    },
    async (req) => {
      const org = await findOrganization(env.db, (req.params as { slug: string }).slug);
      await organizationHidden(env.db, req.actor, org);
      const members = await listMembers(env.db, org.id, 'active');
      return {
        ...summary(env.config.publicUrl, org),
        description: org.description,
        website: org.website,
        siret: org.siret,
        legalName: org.legalName,
        legalCategory: org.legalCategory,
        verifiedBy: org.verifiedBy,
        verifiedAt: org.verifiedAt?.toISOString() ?? null,
        members: members.map((m) => ({ displayName: apiName(m.displayName), role: m.role })),
      };
    },
  );
}
