// HTML pages of the organizations module: directory, creation, public page, editing, logo and verification.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationFailed } from '../../platform/errors.ts';
import { formValues, submitForm } from '../../platform/http/forms.ts';
import { can } from '../../platform/policy.ts';
import { parse } from '../../platform/validation.ts';
import type { FormState } from '../../platform/views/form.tsx';
import { pickerState, withTerritories } from '../territories/resolve.ts';
import { listOrganizations, pageSize, readDirectoryQuery } from './directory.ts';
import { OrganizationInput, SlugParams, organizationForm } from './inputs.ts';
import { sendStoredFile, uploadedBytes } from '../../platform/files/upload.ts';
import { extensionOf, getLogo, saveLogo } from './logo.ts';
import { registerSearch } from '../search/providers.ts';
import { organizationSearch } from './search.ts';
import { speakingForRoutes } from './speaking-for-routes.tsx';
import { loadAuthorized } from './http.ts';
import './policy.ts';
import { createOrganization, findOrganization, listMembers, organizationHidden, organizationValues, updateOrganization, type Organization } from './service.ts';
import { verifyByAdmin, verifyBySiret } from './verification.ts';
import { DirectoryPage } from './views/directory.tsx';
import { OrganizationFormPage } from './views/form.tsx';
import { OrganizationPage } from './views/organization.tsx';

/**
 * A page's address may carry only the territory search (the picker's no-JavaScript fallback): a crafted link must not
 * pre-fill anything else an admin could then save without noticing.
 */
function territorySearch(query: unknown): Record<string, unknown> {
  const values = formValues(query);
  return Object.fromEntries(Object.entries(values).filter(([key]) => key === 'territoryQuery' || key === 'territory'));
}

/** The territory field's state from what the form sent: the territory it names, or what was typed and its matches. */
export const territoryState = (values: Record<string, unknown>) => pickerState(values);

export function organizationRoutes(app: FastifyInstance): void {
  const env = app.ctx;
  registerSearch(organizationSearch);
  speakingForRoutes(app);

  const loadFor = (req: FastifyRequest, rule: string) => loadAuthorized(env.db, req, rule);

  function formPage(req: FastifyRequest, form: FormState, org?: Organization, logoForm?: FormState) {
    return OrganizationFormPage({ ctx: req.view(), form, territory: territoryState(form.values), org, logoForm, registerAvailable: Boolean(env.config.companyRegisterUrl) });
  }

  function editPage(req: FastifyRequest, org: Organization, errors: { form?: FormState['errors']; logo?: FormState['errors'] } = {}) {
    return formPage(req, { values: organizationValues(org), errors: errors.form ?? {} }, org, { values: {}, errors: errors.logo ?? {} });
  }

  app.get('/organizations', { config: { rule: 'organization.read', cache: 'signed-in' } }, async (req, reply) => {
    const query = readDirectoryQuery(req.query);
    const { items, total } = await listOrganizations(env.db, query);
    return reply.page(DirectoryPage({ ctx: req.view(), query, items, total, pageSize }));
  });

  app.get('/organizations/new', { config: { rule: 'organization.create' } }, async (req, reply) =>
    reply.page(formPage(req, { values: territorySearch(req.query), errors: {} })),
  );
  app.post('/organizations/new', { config: { rule: 'organization.create' } }, async (req, reply) => {
    const body = withTerritories(organizationForm(req.body));
    return submitForm(reply, body, OrganizationInput, async (input) => {
      const org = await createOrganization(env.db, req.actor, input);
      return reply.flash({ kind: 'success', key: 'organizations:flash.created' }).redirect(`/organizations/${org.slug}`, 303);
    }, (form) => formPage(req, form));
  });

  app.get('/organizations/:slug', { config: { rule: 'organization.read', cache: true } }, async (req, reply) => {
    const org = await loadFor(req, 'organization.read');
    const hidden = await organizationHidden(env.db, req.actor, org);
    const members = await listMembers(env.db, org.id);
    const userId = req.actor.user?.id;
    const viewer = { membership: members.find((m) => m.userId === userId), isPlatformAdmin: req.actor.isAdmin, signedIn: req.actor.signedIn, canManage: can(req.actor, 'organization.edit', org) };
    return reply.page(OrganizationPage({ ctx: req.view(), org, members, viewer, hidden }));
  });

  // Served with the type found when it was stored, never guessed by the browser, and never as a page.
  app.get('/organizations/:slug/logo', { config: { rule: 'organization.read' } }, async (req, reply) => {
    const { slug } = parse(SlugParams, req.params);
    const logo = await getLogo(env.db, slug);
    if (!logo) return reply.code(404).type('text/plain').send('not found');
    return sendStoredFile(reply, logo, { filename: `logo.${extensionOf(logo.contentType)}`, versioned: (req.query as { v?: unknown }).v === logo.id });
  });

  app.get('/organizations/:slug/edit', { config: { rule: 'organization.edit' } }, async (req, reply) => {
    const org = await loadFor(req, 'organization.edit');
    const values = { ...organizationValues(org), ...territorySearch(req.query) };
    return reply.page(formPage(req, { values, errors: {} }, org));
  });
  app.post('/organizations/:slug/edit', { config: { rule: 'organization.edit' } }, async (req, reply) => {
    const org = await loadFor(req, 'organization.edit');
    const body = withTerritories(organizationForm(req.body));
    return submitForm(reply, body, OrganizationInput, async (input) => {
      await updateOrganization(env.db, org, input);
      return reply.flash({ kind: 'success', key: 'organizations:flash.saved' }).redirect(`/organizations/${org.slug}`, 303);
    }, (form) => formPage(req, form, org));
  });

  app.post('/organizations/:slug/logo', { config: { rule: 'organization.edit' } }, async (req, reply) => {
    const org = await loadFor(req, 'organization.edit');
    try {
      await saveLogo(env.db, req.actor, org, await uploadedBytes(req.body, 'logo'));
    } catch (error) {
      if (error instanceof ValidationFailed) return reply.page(editPage(req, org, { logo: error.fields }), 422);
      throw error;
    }
    return reply.flash({ kind: 'success', key: 'organizations:flash.logoSaved' }).redirect(`/organizations/${org.slug}/edit`, 303);
  });

  app.post('/organizations/:slug/siret/verify', { config: { rule: 'organization.verify' } }, async (req, reply) => {
    const org = await loadFor(req, 'organization.verify');
    let outcome;
    try {
      outcome = await verifyBySiret(env, org);
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      // Shown beside the SIRET field, with what the register said if it answered.
      return reply.page(editPage(req, await findOrganization(env.db, org.slug), { form: error.fields }), 422);
    }
    return reply.flash({ kind: 'success', key: `organizations:flash.${outcome}` }).redirect(`/organizations/${org.slug}`, 303);
  });

  app.post('/admin/organizations/:slug/verify', { config: { rule: 'organization.adminVerify' } }, async (req, reply) => {
    const org = await loadFor(req, 'organization.adminVerify');
    await verifyByAdmin(env, req.actor, org);
    return reply.flash({ kind: 'success', key: 'organizations:flash.verified' }).redirect(`/organizations/${org.slug}`, 303);
  });
}
