// The analytics part of the JSON API: the figures of every dashboard, the opinion groups and the topic groups, through
// the same services as the pages, kept like them (visitors' answers cached, ETag).
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { can } from '../../platform/policy.ts';
import { parse } from '../../platform/validation.ts';
import { findVisibleConsultation } from '../consultations/http.ts';
import { PhaseParams, SlugParams } from '../consultations/inputs.ts';
import type { Figures } from './figures.ts';
import './policy.ts';
import { analyticsPhase, TopicParams } from './routes.tsx';
import { consultationDashboard, opinionView, phaseAccess, phaseDashboard, platformDashboard, rankings, topicGroup, topicList, type Dashboard, type RankedItem } from './service.ts';

const Count = Type.Object({ key: Type.String(), label: Type.Optional(Type.String()), count: Type.Integer() });
const Day = Type.Object({ day: Type.String({ format: 'date' }), contributions: Type.Integer(), votes: Type.Integer(), comments: Type.Integer() });
const Totals = Type.Object(
  Object.fromEntries(['contributions', 'votes', 'agree', 'mixed', 'disagree', 'arguments', 'comments', 'participants', 'workshop', 'online', 'needs', 'unansweredNeeds', 'officialAnswers'].map((k) => [k, Type.Integer()])),
);
const Ranked = Type.Object({ id: Type.Integer(), title: Type.String(), kind: Type.String(), agree: Type.Integer(), mixed: Type.Integer(), disagree: Type.Integer(), debate: Type.Integer(), url: Type.String() });
const DashboardBody = Type.Object({
  computedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'null until the job has computed the figures' }),
  hiddenPhases: Type.Integer({ description: 'phases left out: kept for the organizers until their synthesis' }),
  totals: Totals,
  days: Type.Array(Day),
  actorTypes: Type.Array(Count, { description: "organization type of the author's organization; individual when none" }),
  regions: Type.Array(Count),
  departements: Type.Array(Count),
  themes: Type.Array(Count),
  kinds: Type.Array(Count),
  supported: Type.Array(Ranked),
  debated: Type.Array(Ranked),
  unanswered: Type.Array(Ranked),
});
const GroupVotes = Type.Object({ agree: Type.Integer(), mixed: Type.Integer(), disagree: Type.Integer() });
const OpinionsBody = Type.Object({
  computedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  voters: Type.Integer(),
  considered: Type.Integer({ description: 'contributions considered: the most voted on, 300 at most' }),
  groups: Type.Array(Type.Object({ name: Type.String(), size: Type.Integer() })),
  explainedVariance: Type.Number(),
  silhouette: Type.Number(),
  consensus: Type.Array(Type.Integer({ description: 'contribution id' })),
  divisive: Type.Array(Type.Integer()),
  contributions: Type.Array(Type.Object({ id: Type.Integer(), groups: Type.Array(GroupVotes), consensus: Type.Number(), divisive: Type.Number() })),
});
const TopicSummary = Type.Object({ id: Type.Integer(), name: Type.String(), label: Type.Union([Type.String(), Type.Null()]), terms: Type.Array(Type.String()), size: Type.Integer(), url: Type.String(), examples: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String() })) });
const TopicQuery = Type.Object({ after: Type.Optional(Type.String({ pattern: '^[0-9.]{1,12}:[0-9]{1,10}$', description: 'the next cursor of the previous answer' })) });
const PlatformBody = Type.Object({
  computedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  accounts: Type.Object({ total: Type.Integer(), verified: Type.Integer(), blocked: Type.Integer(), newLast30Days: Type.Integer() }),
  organizations: Type.Array(Type.Object({ type: Type.String(), verified: Type.Integer(), claimed: Type.Integer() })),
  counts: Type.Object({ consultations: Type.Integer(), contributions: Type.Integer(), events: Type.Integer(), projects: Type.Integer() }),
  days: Type.Array(Type.Object({ ...Day.properties, accounts: Type.Integer() })),
});

export function analyticsApi(app: FastifyInstance): void {
  const env = app.ctx;
  const url = (path: string) => `${env.config.publicUrl}${path}`;
  const rankedJson = (list: RankedItem[]) => list.map((r) => ({ ...r, url: url(`/contributions/${r.id}`) }));
  const dashboardJson = (d: Dashboard, ranks: Awaited<ReturnType<typeof rankings>>) => {
    const f: Figures = d.figures;
    return { computedAt: d.computedAt?.toISOString() ?? null, hiddenPhases: d.hiddenPhases, ...f, supported: rankedJson(ranks.supported), debated: rankedJson(ranks.debated), unanswered: rankedJson(ranks.unanswered) };
  };

  app.get(
    '/api/v1/consultations/:slug/dashboard',
    { config: { rule: 'analytics.read', cache: true }, schema: { tags: ['analytics'], summary: "A consultation's dashboard figures", params: SlugParams, response: { 200: DashboardBody } } },
    async (req, reply) => {
      const consultation = await findVisibleConsultation(env.db, req, parse(SlugParams, req.params).slug);
      const scope = { organizerIds: consultation.organizerIds, restricted: false };
      req.authorize('analytics.read', scope);
      const access = await phaseAccess(env.db, consultation);
      const seesAll = can(req.actor, 'analytics.manage', scope);
      const [dashboard, ranks] = await Promise.all([consultationDashboard(env.db, consultation, access, seesAll), rankings(env.db, access.filter((a) => seesAll || !a.restricted).map((a) => a.phase))]);
      return reply.json(dashboardJson(dashboard, ranks));
    },
  );

  app.get(
    '/api/v1/consultations/:slug/phases/:phase/dashboard',
    { config: { rule: 'analytics.read', cache: true }, schema: { tags: ['analytics'], summary: "A phase's dashboard figures", params: PhaseParams, response: { 200: DashboardBody } } },
    async (req, reply) => {
      const { phase } = await analyticsPhase(req, 'analytics.read');
      const [dashboard, ranks] = await Promise.all([phaseDashboard(env.db, phase), rankings(env.db, [phase])]);
      return reply.json(dashboardJson(dashboard, ranks));
    },
  );

  app.get(
    '/api/v1/consultations/:slug/phases/:phase/opinions',
    { config: { rule: 'analytics.read', cache: true }, schema: { tags: ['analytics'], summary: "A phase's opinion groups, consensus and divisive contributions", params: PhaseParams, response: { 200: OpinionsBody } } },
    async (req, reply) => {
      const { phase } = await analyticsPhase(req, 'analytics.read');
      const view = await opinionView(env.db, phase, 0);
      const r = view.result;
      // Contributions no longer visible (hidden, merged) are left out of every list.
      const visible = new Set(r ? (await opinionView(env.db, phase, r.contributions.length)).titles.keys() : []);
      return reply.json({
        computedAt: view.computedAt?.toISOString() ?? null,
        voters: r?.voters ?? 0,
        considered: r?.considered ?? 0,
        groups: (r?.groupSizes ?? []).map((size, i) => ({ name: String.fromCharCode(65 + i), size })),
        explainedVariance: r?.explained ?? 0,
        silhouette: r?.silhouette ?? 0,
        consensus: (r?.consensus ?? []).filter((id) => visible.has(id)),
        divisive: (r?.divisive ?? []).filter((id) => visible.has(id)),
        contributions: (r?.contributions ?? []).filter((c) => visible.has(c.id)),
      });
    },
  );

  app.get(
    '/api/v1/consultations/:slug/phases/:phase/topics',
    { config: { rule: 'analytics.read', cache: true }, schema: { tags: ['analytics'], summary: "A phase's topic groups, with the contributions closest to each", params: PhaseParams, response: { 200: Type.Object({ computedAt: Type.Union([Type.String(), Type.Null()]), groups: Type.Array(TopicSummary) }) } } },
    async (req, reply) => {
      const { consultation, phase } = await analyticsPhase(req, 'analytics.read');
      const list = await topicList(env.db, phase);
      const base = `/consultations/${consultation.slug}/phases/${phase.position}/topics`;
      return reply.json({ computedAt: list.computedAt?.toISOString() ?? null, groups: list.groups.map((g) => ({ id: g.id, name: g.label ?? g.terms.join(', '), label: g.label, terms: g.terms, size: g.size, url: url(`${base}/${g.id}`), examples: g.examples })) });
    },
  );

  app.get(
    '/api/v1/consultations/:slug/phases/:phase/topics/:group',
    {
      config: { rule: 'analytics.read', cache: true },
      schema: {
        tags: ['analytics'],
        summary: 'One topic group and its contributions, 50 at a time, the closest first; follow `next` for more',
        params: TopicParams,
        querystring: TopicQuery,
        response: { 200: Type.Object({ id: Type.Integer(), name: Type.String(), terms: Type.Array(Type.String()), size: Type.Integer(), contributions: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), kind: Type.String(), similarity: Type.Number(), pinned: Type.Boolean() })), next: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (req, reply) => {
      const { phase } = await analyticsPhase(req, 'analytics.read');
      const { group } = parse(TopicParams, req.params);
      const { after } = parse(TopicQuery, req.query);
      const [similarity, id] = after ? after.split(':').map(Number) : [];
      const data = await topicGroup(env.db, phase, group, after ? { similarity: similarity!, id: id! } : undefined);
      const last = data.members.at(-1);
      return reply.json({ id: data.group.id, name: data.group.label ?? data.group.terms.join(', '), terms: data.group.terms, size: data.group.size, contributions: data.members, next: data.more && last ? `${last.similarity}:${last.id}` : null });
    },
  );

  app.get(
    '/api/v1/admin/dashboard',
    { config: { rule: 'analytics.platform' }, schema: { tags: ['analytics'], summary: 'The platform-wide figures (platform admins)', security: [{ token: [] }], response: { 200: PlatformBody } } },
    async () => {
      const { figures, computedAt } = await platformDashboard(env.db);
      return { computedAt: computedAt?.toISOString() ?? null, ...(figures ?? { accounts: { total: 0, verified: 0, blocked: 0, newLast30Days: 0 }, organizations: [], counts: { consultations: 0, contributions: 0, events: 0, projects: 0 }, days: [] }) };
    },
  );
}
