// The scale load as statements: each bulk table filled by `insert … select … from generate_series(…)`, in chunks of
// contributions that two connections share. Ids are given explicitly inside each table's planned range, so every
// reference (a vote's contribution, a link's earlier phase, a reply's parent) is arithmetic, not a lookup.
import { organizationTypes, domains } from '../src/modules/organizations/schema.ts';
import { answerStatuses } from '../src/modules/consultations/schema.ts';
import { eventKinds } from '../src/modules/events/schema.ts';
import { derived, type Bases, type ConsultationPlan, type PhasePlan, type Sizes } from './scale-plan.ts';
import { answerText, contributionModel, contributionText, createdAt, sqlDate, type ContributionModel, type Population } from './scale-rows.ts';
import { insertSql, statement, type Insert, type SchemaMap, type Task } from './scale-sql.ts';
import * as words from './scale-text.ts';
import { french, hash, literal, pick, unit } from './scale-text.ts';

export interface LoadContext {
  schema: SchemaMap;
  sizes: Sizes;
  bases: Bases;
  plan: ConsultationPlan[];
  communes: number;
  /** the demo's password hash, so that any bulk account signs in with the demo password */
  passwordHash: string | null;
  /** the demo organizer who answers, and her organization (organizer of the giant consultation) */
  organizerUserId: number | null;
  organizerOrganizationId: number | null;
  now: number;
}

const chunkSize = 100_000;
const commune = (rank: string) => `join parvis_bench.communes com on com.rn = ${rank}`;
const slugOf = (expr: string, n: string) => `trim(both '-' from regexp_replace(lower(immutable_unaccent(${expr})), '[^a-z0-9]+', '-', 'g')) || '-' || ${n}`;
const array = (values: readonly string[]) => `array[${values.map(literal).join(',')}]::text[]`;

export interface Chunk {
  consultation: ConsultationPlan;
  phase: PhasePlan;
  previous?: PhasePlan;
  from: number;
  to: number;
}

export function chunks(plan: ConsultationPlan[]): Chunk[] {
  return plan.flatMap((consultation) =>
    consultation.phases.flatMap((phase, i) => {
      const list: Chunk[] = [];
      for (let from = phase.first; from < phase.first + phase.size; from += chunkSize) list.push({ consultation, phase, previous: consultation.phases[i - 1], from, to: Math.min(from + chunkSize, phase.first + phase.size) - 1 });
      return list;
    }),
  );
}

export function population(ctx: LoadContext): Population {
  const d = derived(ctx.sizes);
  return { userBase: ctx.bases.users, accounts: ctx.sizes.accounts, organizationBase: ctx.bases.organizations, organizations: d.organizations, members: d.members, communes: ctx.communes, votes: ctx.sizes.votes, contributions: ctx.sizes.contributions };
}

function contributionsInsert(ctx: LoadContext, m: ContributionModel, k: Chunk): Insert {
  const c = 'r.c';
  const { title, body } = contributionText(c, 'r.kind', 'r.at_commune');
  const closed = k.phase.endsAt.getTime() < ctx.now;
  const answered = closed ? `(${hash(c, 98)} % 100 = 0 and not ${m.isDraft(c)})` : 'false';
  const territory = `(${hash(c, 72)} % 100)`;
  return {
    name: `contributions ${k.consultation.slug} phase ${k.phase.position} ${k.from}-${k.to}`,
    table: 'contributions',
    key: c,
    columns: {
      id: c, consultation_id: String(k.consultation.id), phase_id: String(k.phase.id), kind: 'r.kind', title, body,
      territory_kind: `(case when ${territory} < 65 then 'commune' when ${territory} < 80 then 'departement' when ${territory} < 88 then 'region' end)`,
      territory_code: `(case when ${territory} < 65 then r.code when ${territory} < 80 then r.departement when ${territory} < 88 then r.region end)`,
      author_id: m.author(c), organization_id: m.organization(c),
      state: `(case when ${m.isDraft(c)} then 'draft' else 'published' end)`,
      merged_into_id: `(case when ${m.isMerged(c, k.phase)} then ${c} - 1 end)`,
      answer: `(case when ${answered} then ${answerText(c)} end)`,
      answer_status: `(case when ${answered} then ${pick(answerStatuses, c, 99)} end)`,
      answered_at: `(case when ${answered} then ${sqlDate(new Date(k.phase.endsAt.getTime() + 10 * 86_400_000))} end)`,
      answered_by: `(case when ${answered} then ${ctx.organizerUserId ?? 'null'}::int end)`,
      debate_count: 'd.n',
      created_at: 'r.created_at', updated_at: 'r.created_at',
    },
    from: `from (select c, ${pick(k.phase.kinds, 'c', 100)} as kind, com.at_name as at_commune, com.code, com.departement, com.region, ${createdAt('c', k.phase, ctx.now)} as created_at
        from generate_series(${k.from}, ${k.to}) c ${commune(m.communeRank('c', 71))}) r
      cross join lateral (select ${m.argumentCount(c)} + (select count(*)::int from generate_series(1, ${m.commentCount(c)}) j where not ${m.commentDeleted(c, 'j')}) as n) d`,
  };
}

/** What hangs on each contribution: votes, arguments, comments (replies to the first), themes, links to the phase before. */
function reactionInserts(ctx: LoadContext, m: ContributionModel, k: Chunk): Insert[] {
  const c = 'c';
  const series = `from generate_series(${k.from}, ${k.to}) c`;
  const at = createdAt(c, k.phase, ctx.now);
  const label = `${k.consultation.slug} phase ${k.phase.position} ${k.from}-${k.to}`;
  const themes = k.consultation.themes.length;
  const commentId = (j: string) => `(${ctx.bases.comments} + (${c} - ${ctx.bases.contributions})::bigint * 4 + ${j})`;
  const inserts: Insert[] = [
    {
      // What the app's trigger would have made with each contribution (the load runs without triggers), counted as the votes below are drawn.
      name: `tallies ${label}`, table: 'contribution_tallies',
      columns: {
        contribution_id: c, phase_id: String(k.phase.id), visible: `not (${m.isDraft(c)}) and not (${m.isMerged(c, k.phase)})`,
        agree: `count(*) filter (where x = 'agree')::int`, mixed: `count(*) filter (where x = 'mixed')::int`, disagree: `count(*) filter (where x = 'disagree')::int`,
      },
      from: `${series} left join lateral (select ${m.voteValue(c, 'j')} as x from generate_series(1, ${m.voteCount(c)}) j) v on true group by ${c}`,
    },
    {
      name: `votes ${label}`, table: 'votes',
      columns: { contribution_id: c, user_id: m.voter(c, 'j'), value: m.voteValue(c, 'j'), updated_at: `${at} + j * interval '7 minutes'` },
      from: `${series} cross join lateral generate_series(1, ${m.voteCount(c)}) j`,
    },
    {
      name: `arguments ${label}`, table: 'contribution_arguments',
      columns: { contribution_id: c, side: 's.side', text: `(case s.side when 'for' then ${pick(words.argumentsFor, 's.key', 121)} else ${pick(words.argumentsAgainst, 's.key', 121)} end)`, author_id: m.someone('s.key', 122), created_at: `${at} + j * interval '1 hour'` },
      from: `${series} cross join lateral generate_series(1, ${m.argumentCount(c)}) j cross join lateral (select ${c}::bigint * 4 + j as key, case when ${hash(`${c}::bigint * 4 + j`, 123)} % 3 = 0 then 'against' else 'for' end as side) s`,
    },
    {
      name: `comments ${label}`, table: 'comments',
      columns: {
        id: commentId('j'), contribution_id: c, parent_id: `(case when ${m.commentIsReply(c, 'j')} then ${commentId('1')} end)`, depth: `(case when ${m.commentIsReply(c, 'j')} then 2 else 1 end)`,
        author_id: m.someone(`${c}::bigint * 16 + j`, 124), body: pick(words.commentTexts, `${c}::bigint * 16 + j`, 125),
        created_at: `${at} + j * interval '3 hours'`, deleted_at: `(case when ${m.commentDeleted(c, 'j')} then ${at} + interval '1 day' end)`,
      },
      from: `${series} cross join lateral generate_series(1, ${m.commentCount(c)}) j`,
    },
    {
      name: `themes ${label}`, table: 'contribution_themes',
      columns: { contribution_id: c, theme_id: `${k.consultation.themeFirst} + t` },
      from: `${series} cross join lateral (select ${hash(c, 101)} % ${themes} as t union all select (${hash(c, 101)} + 1 + ${hash(c, 102)} % ${Math.max(1, themes - 1)}) % ${themes} where ${themes} > 1 and ${hash(c, 103)} % 4 = 0) t`,
    },
  ];
  const previous = k.previous;
  if (previous && previous.size > 1) {
    const share = k.phase.kinds.includes('feature') ? 70 : 45;
    inserts.push({
      name: `links ${label}`, table: 'contribution_links',
      columns: { from_id: c, to_id: `${previous.first} + l` },
      from: `${series} cross join lateral (select ${hash(c, 112)} % ${previous.size} as l union all select (${hash(c, 112)} + 1 + ${hash(c, 114)} % ${previous.size - 1}) % ${previous.size} where ${hash(c, 113)} % 5 = 0) l where ${hash(c, 111)} % 100 < ${share}`,
    });
  }
  return inserts;
}

function peopleInserts(ctx: LoadContext, p: Population): Insert[] {
  const d = derived(ctx.sizes);
  const half = Math.ceil(p.accounts / 2);
  const users = (from: number, to: number): Insert => ({
    name: `accounts ${from}-${to}`, table: 'users',
    columns: {
      id: `${p.userBase} + n`, email: `lower(regexp_replace(immutable_unaccent(s.first || '.' || s.last), '[^a-zA-Z.]', '', 'g')) || '.' || n || '@exemple.fr'`,
      email_verified_at: 's.at', password_hash: ctx.passwordHash ? literal(ctx.passwordHash) : 'null', display_name: `s.first || ' ' || s.last`, bio: "''",
      locale: `(case when ${hash('n', 204)} % 20 = 0 then 'en' else 'fr' end)`, platform_role: "'member'", created_at: 's.at',
    },
    from: `from (select n, ${pick(words.firstNames, 'n', 201)} as first, ${pick(words.lastNames, 'n', 202)} as last, now() - ${unit('n', 203)} * interval '900 days' as at from generate_series(${from}, ${to}) n) s`,
  });
  const typeOf = `(${array(organizationTypes)})[1 + n % ${organizationTypes.length}]`;
  const nameCases = organizationTypes.map((type) =>
    type === 'startup' ? `when 'startup' then ${pick(words.organizationPrefixes.startup!, 'n', 211)} || ${pick(words.brandSuffixes, 'n', 212)} || ' ' || com.name` : `when '${type}' then ${pick(words.organizationPrefixes[type]!, 'n', 211)} || ' ' || com.name`,
  );
  const company = `o.type in ('startup', 'pme_eti', 'grand_groupe', 'bureau_etudes')`;
  const domain = (shift: number) => `(${array(domains)})[1 + (${hash('o.n', 213)} + ${shift}) % ${domains.length}]`;
  return [
    users(0, half - 1),
    users(half, p.accounts - 1),
    {
      name: 'organizations', table: 'organizations',
      columns: {
        id: `${p.organizationBase} + o.n`, slug: slugOf('o.name', 'o.n'), name: 'o.name', type: 'o.type',
        description: `o.name || ' agit ' || ${pick(words.places, 'o.n', 214)} || ' pour ' || ${pick(words.benefits, 'o.n', 215)} || '.'`,
        website: `(case when o.n % 3 = 0 then 'https://www.' || ${slugOf('o.name', 'o.n')} || '.example' end)`,
        domains: `array[${domain(0)}, ${domain(5)}]`,
        territory_kind: `(case when o.type = 'service_etat' then 'departement' when o.n % 4 <> 3 then 'commune' end)`,
        territory_code: `(case when o.type = 'service_etat' then o.departement when o.n % 4 <> 3 then o.code end)`,
        siret: `(case when ${company} then lpad((${hash('o.n', 216)} % 100000000000000)::text, 14, '0') end)`,
        legal_name: `(case when ${company} then upper(immutable_unaccent(o.name)) end)`,
        verified_at: `(case when o.n % 5 <> 4 then now() - interval '200 days' end)`,
        verified_by: `(case when o.n % 5 <> 4 then (case when ${company} then 'siret' else 'admin' end) end)`,
        created_by: `${p.userBase} + o.n % ${p.accounts}`, created_at: "now() - interval '400 days'", updated_at: "now() - interval '200 days'",
      },
      from: `from (select n, ${typeOf} as type, ${french(`(case ${typeOf} ${nameCases.join(' ')} end)`)} as name, com.code, com.departement
        from generate_series(0, ${p.organizations - 1}) n ${commune(`1 + (${hash('n', 210)} % ${Math.min(p.communes, 3000)})::int`)}) o`,
    },
    {
      name: 'memberships', table: 'memberships',
      columns: { organization_id: `${p.organizationBase} + n % ${p.organizations}`, user_id: `${p.userBase} + n`, role: `(case when n < ${p.organizations} then 'admin' else 'member' end)`, status: "'active'", created_at: "now() - interval '300 days'" },
      from: `from generate_series(0, ${p.members - 1}) n`,
    },
    {
      name: 'event animators', table: 'event_animators',
      columns: { organization_id: `${p.organizationBase} + n * 10 + 7`, designated_at: "now() - interval '300 days'" },
      from: `from generate_series(0, ${d.animators - 1}) n`,
    },
  ];
}

function eventInserts(ctx: LoadContext, p: Population): Insert[] {
  const d = derived(ctx.sizes);
  const giant = ctx.plan[0]!;
  const span = 3 * 365 * 86_400;
  const start = ctx.now / 1000 - (2 * 365 * 86_400);
  const city = (field: number) => `(${array(words.cities.map((c) => String(c[field])))})[1 + (${hash('n', 301)} % ${words.cities.length})::int]`;
  const eventCount = ctx.sizes.events;
  const past = `e.starts_at < now()`;
  return [
    {
      name: 'events', table: 'events',
      columns: {
        id: `${ctx.bases.events} + n`, slug: slugOf('e.title', 'n'), kind: 'e.kind', title: 'e.title',
        description: french(`'Un temps d’échange ouvert à toutes et à tous sur les ' || e.subject || '. Cela permettrait de ' || ${pick(words.benefits, 'n', 302)} || '.'`),
        starts_at: 'e.starts_at', ends_at: "e.starts_at + interval '2 hours'",
        venue: `(case when e.kind = 'in_person' then 'Salle des fêtes, ' || ${city(1)} end)`,
        latitude: `(case when e.kind = 'in_person' then ${city(2)}::float8 + (${unit('n', 303)} - 0.5) / 10 end)`,
        longitude: `(case when e.kind = 'in_person' then ${city(3)}::float8 + (${unit('n', 304)} - 0.5) / 10 end)`,
        online_url: `(case when e.kind <> 'in_person' then 'https://visio.example.org/evenement-' || n end)`,
        territory_kind: "'commune'", territory_code: city(0),
        capacity: `(case when ${hash('n', 305)} % 5 = 0 then null else 10 + ${hash('n', 306)} % 90 end)::int`,
        animator_id: `${p.organizationBase} + (${hash('n', 307)} % ${d.animators}) * 10 + 7`,
        consultation_id: `(case when n % 2 = 0 then ${giant.id} end)`,
        phase_id: `(case when n % 2 = 0 then (${array(giant.phases.map((ph) => String(ph.id)))})[1 + (${hash('n', 308)} % ${giant.phases.length})::int]::int end)`,
        minutes: `(case when ${past} and n % 3 = 0 then '## Ce qui a été dit' || chr(10) || chr(10) || '- ' || ${pick(words.observations, 'n', 309)} || chr(10) || '- ' || ${pick(words.measures, 'n', 310)} end)`,
        minutes_published_at: `(case when ${past} and n % 3 = 0 then e.starts_at + interval '3 days' end)`,
        cancelled_at: `(case when n % 50 = 7 then e.starts_at - interval '5 days' end)`,
        cancel_reason: `(case when n % 50 = 7 then 'L’intervenant principal ne peut pas être présent.' end)`,
        created_by: `${p.userBase} + (${hash('n', 311)} % ${p.organizations})`, created_at: "e.starts_at - interval '30 days'", updated_at: "e.starts_at - interval '30 days'",
      },
      from: `from (select n, ${pick(eventKinds, 'n', 312)} as kind, ${pick(words.subjects, 'n', 313)} as subject,
          ${french(`${pick(words.eventTitles, 'n', 314)} || ' : les ' || ${pick(words.subjects, 'n', 313)} || ' ' || ${pick(words.places, 'n', 315)}`)} as title,
          date_trunc('day', to_timestamp(${start} + n::float8 * ${span / Math.max(1, eventCount)})) + (7 + ${hash('n', 316)} % 11) * interval '1 hour' as starts_at
        from generate_series(0, ${eventCount - 1}) n) e`,
    },
  ];
}

function projectInserts(ctx: LoadContext, p: Population): Insert[] {
  const d = derived(ctx.sizes);
  const tenth = Math.floor(p.organizations / 10);
  const state = `(array['open','open','open','open','open','closed','closed','attributed','abandoned','draft'])[1 + (${hash('n', 401)} % 10)::int]`;
  return [
    {
      name: 'projects', table: 'projects',
      columns: {
        id: `${ctx.bases.projects} + n`, owner_organization_id: `${p.organizationBase} + 10 * (n % ${tenth}) + n % 2`, created_by: `${p.userBase} + 10 * (n % ${tenth}) + n % 2`,
        title: `'Expérimentation : ' || lower(${pick(words.tools, 'n', 402)}) || ' pour ' || ${pick(words.toolActions, 'n', 403)} || ' les ' || ${pick(words.subjects, 'n', 404)}`,
        context: french(`${pick(words.openings, 'n', 405)} || ', ' || ${pick(words.situations, 'n', 406)} || '.'`),
        problem: `'Les ' || ${pick(words.subjects, 'n', 404)} || ' ' || ${pick(words.findings, 'n', 407)} || ' ' || ${pick(words.places, 'n', 408)} || '.'`,
        expected: french(`'Une solution qui permette de ' || ${pick(words.benefits, 'n', 409)} || '.'`),
        territory_kind: "'commune'", territory_code: 'com.code', domains: `array[${pick(domains, 'n', 410)}]`,
        stage: pick(['idea', 'study', 'procurement', 'pilot', 'deployment'], 'n', 411), timeline: "'12 mois'",
        deadline: `(case when s.state = 'open' then now() + (10 + ${hash('n', 412)} % 80) * interval '1 day' else now() - (10 + ${hash('n', 412)} % 300) * interval '1 day' end)`,
        budget_min: '20000', budget_max: `20000 + (${hash('n', 413)} % 50) * 10000`,
        visibility: `(case when n % 20 = 0 then 'invited' when n % 7 = 0 then 'members' else 'public' end)`, state: 's.state',
        published_at: `(case when s.state <> 'draft' then now() - interval '120 days' end)`, created_at: "now() - interval '150 days'", updated_at: "now() - interval '100 days'",
      },
      from: `from (select n, ${state} as state from generate_series(0, ${d.projects - 1}) n) s ${commune(`1 + (${hash('n', 414)} % ${Math.min(p.communes, 2000)})::int`)}`,
    },
    {
      name: 'project responses', table: 'project_responses',
      columns: {
        project_id: 'p.id', organization_id: `${p.organizationBase} + 10 * ((p.id::bigint * 3 + r) % ${tenth}) + 2`, author_id: `${p.userBase} + 10 * ((p.id::bigint * 3 + r) % ${tenth}) + 2`,
        summary: `'Notre solution : ' || lower(${pick(words.tools, 'p.id * 3 + r', 420)})`, approach: pick(words.measures, 'p.id * 3 + r', 421),
        maturity: `(1 + ${hash('p.id * 3 + r', 422)} % 9)::int`, confidentiality: `(case when r = 0 then 'public' else 'owner_only' end)`,
        status: pick(['received', 'under_review', 'shortlisted', 'not_retained', 'retained'], 'p.id * 3 + r', 423), created_at: "now() - interval '60 days'", updated_at: "now() - interval '30 days'",
      },
      from: `from projects p cross join generate_series(0, ${tenth >= 3 ? 2 : 0}) r where p.id >= ${ctx.bases.projects} and p.state <> 'draft'`,
    },
  ];
}

/** Stage 1: everything generated from the series alone, foreign keys being unchecked during the load. */
export function generatedTasks(ctx: LoadContext): Task[] {
  const p = population(ctx);
  const m = contributionModel(p);
  const sql = (insert: Insert) => insertSql(ctx.schema, insert);
  const list = chunks(ctx.plan);
  return [
    ...list.map((k) => statement(contributionsInsert(ctx, m, k).name, sql(contributionsInsert(ctx, m, k)), 10 * (k.to - k.from + 1))),
    ...list.flatMap((k) => reactionInserts(ctx, m, k).map((insert) => statement(insert.name, sql(insert), (insert.table === 'votes' ? 3 : 1) * (k.to - k.from + 1)))),
    ...peopleInserts(ctx, p).map((insert) => statement(insert.name, sql(insert), insert.table === 'users' ? p.accounts : 1000)),
    ...eventInserts(ctx, p).map((insert) => statement(insert.name, sql(insert), ctx.sizes.events)),
    statement('projects', sql(projectInserts(ctx, p)[0]!), 100),
  ];
}

/** Stage 2: what reads rows of stage 1 (the first revision of each contribution, supports of arguments, registrations). */
export function derivedTasks(ctx: LoadContext): Task[] {
  const p = population(ctx);
  const m = contributionModel(p);
  const sql = (insert: Insert) => insertSql(ctx.schema, insert);
  const revisions = chunks(ctx.plan).map((k): Insert => ({
    name: `revisions ${k.from}-${k.to}`, table: 'contribution_revisions',
    columns: { contribution_id: 'id', title: 'title', body: 'body', kind: 'kind', edited_by: 'author_id', edited_at: 'created_at' },
    from: `from contributions where id between ${k.from} and ${k.to}`,
  }));
  const supports: Insert = {
    name: 'argument supports', table: 'argument_supports',
    columns: { argument_id: 'a.id', user_id: m.distinctSomeone('a.id', 'j', 131) },
    from: `from contribution_arguments a cross join lateral generate_series(1, (${hash('a.id', 132)} % 4)::int) j where a.contribution_id >= ${ctx.bases.contributions}`,
  };
  const registrations: Insert = {
    name: 'event registrations', table: 'event_registrations',
    columns: {
      event_id: 'e.id', user_id: m.distinctSomeone('e.id', 'j', 321),
      status: `(case when e.capacity is not null and j > e.capacity then 'waiting' when (e.capacity is null or r.k <= e.capacity) and ${hash('e.id * 64 + j', 322)} % 20 = 0 then 'cancelled' else 'confirmed' end)`,
      position: 'j', answers: "'{}'::jsonb", created_at: "e.created_at + j * interval '1 hour'", updated_at: "e.created_at + j * interval '1 hour'",
    },
    from: `from events e cross join lateral (select (${hash('e.id', 323)} % 41)::int as k) r cross join lateral generate_series(1, r.k) j where e.id >= ${ctx.bases.events}`,
  };
  return [
    ...revisions.map((insert) => statement(insert.name, sql(insert), 100_000)),
    statement(supports.name, sql(supports), 50_000),
    statement(registrations.name, sql(registrations), 50_000),
    statement('project responses', sql(projectInserts(ctx, p)[1]!), 100),
  ];
}
