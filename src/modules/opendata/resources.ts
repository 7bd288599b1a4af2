// What the open-data archive holds: one resource per kind of public record, each described column by column (for
// the README and datapackage.json) and read in keyset batches by id, so a two-million-row table streams in constant
// memory. No personal data: no e-mail, no account id — a person is a stable pseudonym (an HMAC of their id, the same in
// every file), and their name only where they published under it (not a blocked account's); hidden content (isVisible
// for contributions, notHidden for the rest) and deleted comments are left out; projects only when public and published. The organizer's variant adds what is not public.
import { createHmac } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.ts';
import { inPublished } from '../consultations/drafts.ts';
import { isVisible } from '../consultations/links.ts';
import { notHidden } from '../moderation/visibility.ts';

export type FieldType = 'integer' | 'number' | 'string' | 'boolean' | 'datetime' | 'array';

export interface Field {
  name: string;
  type: FieldType;
  description: string;
}

export interface ExportScope {
  /** one consultation, or the whole platform */
  consultationId?: number;
  /** the organizer's export: adds what is not public */
  organizer?: boolean;
  /** at most this many rows per resource (the bench's million) */
  limitRows?: number;
  /** only these resources (the bench's contributions) */
  only?: string[];
  /** the platform's address, for the url columns */
  publicUrl: string;
  /** turns an account id into its pseudonym */
  pseudonym: (userId: number | null) => string | null;
}

export type Row = Record<string, unknown>;

export interface Resource {
  name: string;
  title: string;
  description: string;
  fields: Field[];
  /** platform-only resources (projects) and organizer-only ones (attendance) */
  only?: 'platform' | 'organizer';
  /** rows with id > after, in id order, at most `limit`; a row with `_keep: false` only moves the keyset on */
  batch(db: Db, scope: ExportScope, after: number, limit: number): Promise<Row[]>;
  /** the key the next batch starts after */
  key: string;
  /** several rows share a key: a full batch ends before its last key, which the next batch reads whole */
  grouped?: boolean;
}

export function pseudonymizer(secret: string): (userId: number | null) => string | null {
  return (userId) => (userId === null || userId === undefined ? null : createHmac('sha256', secret).update(`parvis-person:${userId}`).digest('hex').slice(0, 16));
}

const f = (name: string, type: FieldType, description: string): Field => ({ name, type, description });
// The platform's archive leaves drafts out; a consultation's own is never built while it is a draft (service.ts).
const inConsultation = (scope: ExportScope, column: SQL) => (scope.consultationId === undefined ? inPublished(column) : sql`${column} = ${scope.consultationId}`);
const person = (scope: ExportScope, r: Row, column = 'author_id') => {
  const { [column]: id, ...rest } = r;
  return { ...rest, author: scope.pseudonym(id === null ? null : Number(id)) };
};
/** A person's name only where they published under it, and never for an account deleted, blocked or whose profile is hidden. */
const authorName = (alias: string) =>
  sql`(select u.display_name from users u where u.id = ${sql.raw(alias)}.author_id and u.deleted_at is null and u.blocked_at is null and ${notHidden('user', sql.raw('u.id'))})`;

const pseudonymField = f('author', 'string', 'Pseudonyme stable de la personne (le même dans tous les fichiers), sans lien avec son compte');
const authorNameField = f('author_name', 'string', 'Nom sous lequel la personne a publié ; vide pour un compte supprimé, bloqué ou masqué par la modération');

export const resources: Resource[] = [
  {
    name: 'consultations',
    title: 'Consultations',
    description: 'Les consultations, leur description et les territoires concernés (codes officiels du COG).',
    key: 'id',
    fields: [f('id', 'integer', 'Identifiant'), f('slug', 'string', 'Adresse courte'), f('title', 'string', 'Titre'), f('description', 'string', 'Description (Markdown)'), f('territory_codes', 'array', 'Codes COG des territoires concernés'), f('created_at', 'datetime', 'Création'), f('url', 'string', 'Page de la consultation')],
    batch: async (db, s, after, limit) =>
      (await rows<Row>(db, sql`select id, slug, title, description, territory_codes, created_at from consultations where id > ${after} and ${inConsultation(s, sql.raw('id'))} order by id limit ${limit}`)).map((r) => ({ ...r, url: `${s.publicUrl}/consultations/${String(r.slug)}` })),
  },
  {
    name: 'phases',
    title: 'Phases',
    description: 'Les phases de chaque consultation, dans leur ordre, avec leur question et les natures de contribution acceptées.',
    key: 'id',
    fields: [f('id', 'integer', 'Identifiant'), f('consultation_id', 'integer', 'Consultation'), f('position', 'integer', 'Rang dans la consultation'), f('title', 'string', 'Titre'), f('question', 'string', 'Question posée'), f('starts_at', 'datetime', 'Ouverture'), f('ends_at', 'datetime', 'Clôture'), f('kinds', 'array', 'Natures de contribution acceptées (need, idea, feature)')],
    batch: (db, s, after, limit) => rows(db, sql`select id, consultation_id, position, title, question, starts_at, ends_at, kinds from phases where id > ${after} and ${inConsultation(s, sql.raw('consultation_id'))} order by id limit ${limit}`),
  },
  {
    name: 'themes',
    title: 'Thèmes',
    description: 'Les thèmes proposés par chaque consultation.',
    key: 'id',
    fields: [f('id', 'integer', 'Identifiant'), f('consultation_id', 'integer', 'Consultation'), f('slug', 'string', 'Code'), f('label', 'string', 'Libellé')],
    batch: (db, s, after, limit) => rows(db, sql`select id, consultation_id, slug, label from consultation_themes where id > ${after} and ${inConsultation(s, sql.raw('consultation_id'))} order by id limit ${limit}`),
  },
  {
    name: 'contributions',
    title: 'Contributions',
    description: 'Les contributions publiées (ni brouillons, ni doublons fusionnés, ni contenus masqués), avec les votes agrégés, le nombre d’arguments et de commentaires et la réponse officielle.',
    key: 'id',
    fields: [
      f('id', 'integer', 'Identifiant'),
      f('consultation_id', 'integer', 'Consultation'),
      f('phase_id', 'integer', 'Phase'),
      f('kind', 'string', 'Nature : need (besoin), idea (idée de solution), feature (fonctionnalité ou service)'),
      f('title', 'string', 'Titre'),
      f('body', 'string', 'Texte (Markdown)'),
      f('territory_kind', 'string', 'Type de territoire : commune, epci, departement, region'),
      f('territory_code', 'string', 'Code officiel du territoire (COG)'),
      pseudonymField,
      authorNameField,
      f('organization_id', 'integer', 'Organisation au nom de laquelle la personne s’exprime'),
      f('organization_name', 'string', 'Nom de cette organisation'),
      f('created_at', 'datetime', 'Publication'),
      f('updated_at', 'datetime', 'Dernière modification'),
      f('agree', 'integer', 'Votes « d’accord »'),
      f('mixed', 'integer', 'Votes « mitigé »'),
      f('disagree', 'integer', 'Votes « pas d’accord »'),
      f('debate', 'integer', 'Arguments et commentaires'),
      f('answer_status', 'string', 'Statut donné par les organisateurs : under_study, retained, not_retained, done'),
      f('answer', 'string', 'Réponse officielle (Markdown)'),
      f('answered_at', 'datetime', 'Date de la réponse officielle'),
      f('workshop_event_id', 'integer', 'Événement (atelier) où la contribution a été recueillie'),
      f('url', 'string', 'Page de la contribution'),
    ],
    batch: async (db, s, after, limit) =>
      (
        await rows<Row>(
          db,
          sql`select c.id, c.consultation_id, c.phase_id, c.kind, c.title, c.body, c.territory_kind, c.territory_code, c.author_id, ${authorName('c')} as author_name,
            c.organization_id, (select o.name from organizations o where o.id = c.organization_id) as organization_name, c.created_at, c.updated_at,
            t.agree, t.mixed, t.disagree, c.debate_count as debate, c.answer_status, c.answer, c.answered_at,
            (select ec.event_id from event_contributions ec where ec.contribution_id = c.id) as workshop_event_id
            ${s.organizer ? sql.raw(`, (select string_agg(o.name, ' ; ' order by o.name) from memberships m join organizations o on o.id = m.organization_id where m.user_id = c.author_id and m.status = 'active') as author_organizations`) : sql``}
            from contributions c join contribution_tallies t on t.contribution_id = c.id where c.id > ${after} and ${inConsultation(s, sql.raw('c.consultation_id'))} and ${isVisibleAs('c')} order by c.id limit ${limit}`,
        )
      ).map((r) => ({ ...person(s, r), url: `${s.publicUrl}/contributions/${String(r.id)}` })),
  },
  {
    name: 'contribution_themes',
    title: 'Thèmes des contributions',
    description: 'Les thèmes choisis pour chaque contribution.',
    grouped: true,
    key: 'contribution_id',
    fields: [f('contribution_id', 'integer', 'Contribution'), f('theme_id', 'integer', 'Thème')],
    batch: (db, s, after, limit) =>
      rows(
        db,
        sql`with page as materialized (select contribution_id, theme_id from contribution_themes where contribution_id > ${after} order by contribution_id, theme_id limit ${limit})
          select page.contribution_id, page.theme_id, (${inConsultation(s, sql.raw('c.consultation_id'))} and ${isVisibleAs('c')}) as _keep from page join contributions c on c.id = page.contribution_id order by page.contribution_id, page.theme_id`,
      ),
  },
  {
    name: 'contribution_links',
    title: 'Liens entre phases',
    description: 'Traçabilité : une idée répond à des besoins, une fonctionnalité découle d’idées (from_id répond à to_id).',
    grouped: true,
    key: 'from_id',
    fields: [f('from_id', 'integer', 'Contribution qui répond'), f('to_id', 'integer', 'Contribution à laquelle elle répond')],
    batch: (db, s, after, limit) =>
      rows(
        db,
        sql`with page as materialized (select from_id, to_id from contribution_links where from_id > ${after} order by from_id, to_id limit ${limit})
          select page.from_id, page.to_id, (${inConsultation(s, sql.raw('a.consultation_id'))} and ${isVisibleAs('a')} and ${isVisibleAs('b')}) as _keep
          from page join contributions a on a.id = page.from_id join contributions b on b.id = page.to_id order by page.from_id, page.to_id`,
      ),
  },
  {
    name: 'arguments',
    title: 'Arguments',
    description: 'Les arguments pour et contre chaque contribution publiée.',
    key: 'id',
    fields: [f('id', 'integer', 'Identifiant'), f('contribution_id', 'integer', 'Contribution'), f('side', 'string', 'for (pour) ou against (contre)'), f('text', 'string', 'Texte'), pseudonymField, authorNameField, f('created_at', 'datetime', 'Publication')],
    batch: async (db, s, after, limit) =>
      (
        await rows<Row>(
          db,
          sql`select a.id, a.contribution_id, a.side, a.text, a.author_id, ${authorName('a')} as author_name, a.created_at from contribution_arguments a join contributions c on c.id = a.contribution_id
            where a.id > ${after} and ${inConsultation(s, sql.raw('c.consultation_id'))} and ${isVisibleAs('c')} and ${notHidden('argument', sql.raw('a.id'))} order by a.id limit ${limit}`,
        )
      ).map((r) => person(s, r)),
  },
  {
    name: 'comments',
    title: 'Commentaires',
    description: 'Les commentaires des contributions publiées (sans ceux qui ont été supprimés), avec leur fil de réponses.',
    key: 'id',
    fields: [f('id', 'integer', 'Identifiant'), f('contribution_id', 'integer', 'Contribution'), f('parent_id', 'integer', 'Commentaire auquel il répond'), pseudonymField, authorNameField, f('body', 'string', 'Texte (Markdown)'), f('created_at', 'datetime', 'Publication'), f('edited_at', 'datetime', 'Dernière modification')],
    batch: async (db, s, after, limit) =>
      (
        await rows<Row>(
          db,
          sql`select m.id, m.contribution_id, m.parent_id, m.author_id, ${authorName('m')} as author_name, m.body, m.created_at, m.edited_at from comments m join contributions c on c.id = m.contribution_id
            where m.id > ${after} and m.deleted_at is null and ${inConsultation(s, sql.raw('c.consultation_id'))} and ${isVisibleAs('c')} and ${notHidden('comment', sql.raw('m.id'))} order by m.id limit ${limit}`,
        )
      ).map((r) => person(s, r)),
  },
  {
    name: 'syntheses',
    title: 'Synthèses',
    description: 'Les synthèses publiées des phases closes.',
    key: 'id',
    fields: [f('id', 'integer', 'Identifiant'), f('phase_id', 'integer', 'Phase'), f('body', 'string', 'Texte (Markdown ; [#123] cite la contribution 123)'), f('published_at', 'datetime', 'Publication')],
    batch: (db, s, after, limit) =>
      rows(db, sql`select y.id, y.phase_id, y.body, y.published_at from syntheses y join phases p on p.id = y.phase_id where y.id > ${after} and y.published_at is not null and ${inConsultation(s, sql.raw('p.consultation_id'))} order by y.id limit ${limit}`),
  },
  {
    name: 'synthesis_citations',
    title: 'Citations des synthèses',
    description: 'Les contributions que chaque synthèse cite.',
    grouped: true,
    key: 'synthesis_id',
    fields: [f('synthesis_id', 'integer', 'Synthèse'), f('contribution_id', 'integer', 'Contribution citée')],
    batch: (db, s, after, limit) =>
      rows(
        db,
        sql`select sc.synthesis_id, sc.contribution_id from synthesis_citations sc join syntheses y on y.id = sc.synthesis_id join phases p on p.id = y.phase_id join contributions c on c.id = sc.contribution_id
          where sc.synthesis_id > ${after} and y.published_at is not null and ${isVisibleAs('c')} and ${inConsultation(s, sql.raw('p.consultation_id'))} order by sc.synthesis_id, sc.contribution_id limit ${limit}`,
      ),
  },
  {
    name: 'events',
    title: 'Événements',
    description: 'Webinaires et ateliers, avec leur compte rendu une fois publié.',
    key: 'id',
    fields: [
      f('id', 'integer', 'Identifiant'),
      f('kind', 'string', 'webinar, in_person, online_workshop'),
      f('title', 'string', 'Titre'),
      f('description', 'string', 'Description (Markdown)'),
      f('starts_at', 'datetime', 'Début'),
      f('ends_at', 'datetime', 'Fin'),
      f('venue', 'string', 'Lieu'),
      f('territory_kind', 'string', 'Type de territoire'),
      f('territory_code', 'string', 'Code officiel du territoire'),
      f('animator_id', 'integer', 'Organisation qui anime'),
      f('consultation_id', 'integer', 'Consultation que l’événement nourrit'),
      f('phase_id', 'integer', 'Phase que l’événement nourrit'),
      f('minutes', 'string', 'Compte rendu (Markdown), une fois publié'),
      f('cancelled_at', 'datetime', 'Annulation'),
    ],
    batch: (db, s, after, limit) =>
      rows(
        db,
        sql`select id, kind, title, description, starts_at, ends_at, venue, territory_kind, territory_code, animator_id, consultation_id, phase_id, case when minutes_published_at is not null then minutes end as minutes, cancelled_at
          from events where id > ${after} and ${inConsultation(s, sql.raw('consultation_id'))} and ${notHidden('event', sql.raw('events.id'))} order by id limit ${limit}`,
      ),
  },
  {
    name: 'event_contributions',
    title: 'Contributions des ateliers',
    description: 'Les contributions recueillies en atelier, avec le nom du participant quand il a accepté d’être nommé.',
    key: 'contribution_id',
    fields: [f('contribution_id', 'integer', 'Contribution'), f('event_id', 'integer', 'Événement'), f('participant_name', 'string', 'Participant, s’il a accepté d’être nommé')],
    batch: (db, s, after, limit) =>
      rows(
        db,
        sql`select ec.contribution_id, ec.event_id, ec.participant_name from event_contributions ec join contributions c on c.id = ec.contribution_id
          where ec.contribution_id > ${after} and ${inConsultation(s, sql.raw('c.consultation_id'))} and ${isVisibleAs('c')} order by ec.contribution_id limit ${limit}`,
      ),
  },
  {
    name: 'attendance',
    title: 'Participation aux ateliers',
    description: 'Pour les organisateurs : inscriptions et présence par événement (des nombres, aucune personne).',
    only: 'organizer',
    key: 'event_id',
    fields: [f('event_id', 'integer', 'Événement'), f('confirmed', 'integer', 'Inscriptions confirmées'), f('waiting', 'integer', 'En liste d’attente'), f('cancelled', 'integer', 'Annulées'), f('attended', 'integer', 'Présents (pointés par les animateurs)')],
    batch: (db, s, after, limit) =>
      rows(
        db,
        sql`select e.id as event_id, count(r.id) filter (where r.status = 'confirmed') as confirmed, count(r.id) filter (where r.status = 'waiting') as waiting,
          count(r.id) filter (where r.status = 'cancelled') as cancelled, count(r.id) filter (where r.attended) as attended
          from events e left join event_registrations r on r.event_id = e.id where e.id > ${after} and ${inConsultation(s, sql.raw('e.consultation_id'))} group by e.id order by e.id limit ${limit}`,
      ),
  },
  {
    name: 'projects',
    title: 'Projets',
    description: 'Les projets d’innovation publics et publiés par des collectivités et aménageurs.',
    only: 'platform',
    key: 'id',
    fields: [
      f('id', 'integer', 'Identifiant'),
      f('owner_organization_id', 'integer', 'Organisation qui porte le projet'),
      f('title', 'string', 'Titre'),
      f('context', 'string', 'Contexte (Markdown)'),
      f('problem', 'string', 'Problème posé (Markdown)'),
      f('expected', 'string', 'Ce qui est attendu (Markdown)'),
      f('territory_kind', 'string', 'Type de territoire'),
      f('territory_code', 'string', 'Code officiel du territoire'),
      f('domains', 'array', 'Domaines'),
      f('stage', 'string', 'Stade : idea, study, procurement, pilot, deployment'),
      f('state', 'string', 'État'),
      f('deadline', 'datetime', 'Date limite des réponses'),
      f('published_at', 'datetime', 'Publication'),
    ],
    batch: (db, _s, after, limit) =>
      rows(db, sql`select id, owner_organization_id, title, context, problem, expected, territory_kind, territory_code, domains, stage, state, deadline, published_at from projects where id > ${after} and visibility = 'public' and state <> 'draft' order by id limit ${limit}`),
  },
  {
    name: 'project_faq',
    title: 'Foire aux questions des projets',
    description: 'Les questions et réponses publiées des projets publics.',
    only: 'platform',
    key: 'id',
    fields: [f('id', 'integer', 'Identifiant'), f('project_id', 'integer', 'Projet'), f('question', 'string', 'Question (reformulée par le porteur)'), f('answer', 'string', 'Réponse'), f('published_at', 'datetime', 'Publication')],
    batch: (db, _s, after, limit) =>
      rows(db, sql`select q.id, q.project_id, q.question, q.answer, q.published_at from project_faq q join projects p on p.id = q.project_id where q.id > ${after} and p.visibility = 'public' and p.state <> 'draft' order by q.id limit ${limit}`),
  },
  {
    name: 'organizations',
    title: 'Organisations',
    description: 'Les profils publics des organisations (pour une consultation : celles qui l’organisent ou au nom desquelles on y a contribué).',
    key: 'id',
    fields: [
      f('id', 'integer', 'Identifiant'),
      f('slug', 'string', 'Adresse courte'),
      f('name', 'string', 'Nom'),
      f('type', 'string', 'Type déclaré ou vérifié (collectivite, amenageur, startup, …)'),
      f('verified', 'boolean', 'Type vérifié (SIRET ou administrateur)'),
      f('territory_kind', 'string', 'Type de territoire'),
      f('territory_code', 'string', 'Code officiel du territoire'),
      f('domains', 'array', 'Domaines'),
      f('website', 'string', 'Site web'),
      f('description', 'string', 'Présentation'),
    ],
    batch: (db, s, after, limit) =>
      rows(
        db,
        sql`select o.id, o.slug, o.name, o.type, o.verified_at is not null as verified, o.territory_kind, o.territory_code, o.domains, o.website, o.description from organizations o
          where o.id > ${after} and ${notHidden('organization', sql.raw('o.id'))} and ${
            s.consultationId === undefined
              ? sql`true`
              : sql`(exists (select 1 from consultation_organizers co where co.organization_id = o.id and co.consultation_id = ${s.consultationId}) or exists (select 1 from contributions c where c.organization_id = o.id and c.consultation_id = ${s.consultationId} and ${isVisibleAs('c')}))`
          } order by o.id limit ${limit}`,
      ),
  },
];

/** `isVisible` (consultations/links.ts) written for a table alias: the same condition, so moderation's change reaches here. */
function isVisibleAs(alias: string): SQL {
  const chunks = (isVisible as unknown as { queryChunks: unknown[] }).queryChunks;
  return sql.join(
    chunks.map((chunk) => {
      const column = chunk as { name?: string; table?: unknown };
      if (column && typeof column === 'object' && 'name' in column && column.table) return sql.raw(`${alias}.${column.name}`);
      return chunk as SQL;
    }),
  );
}

export function resourcesFor(scope: Pick<ExportScope, 'consultationId' | 'organizer' | 'only'>): Resource[] {
  return resources.filter((r) => (!r.only || (r.only === 'platform' ? scope.consultationId === undefined : scope.organizer)) && (!scope.only || scope.only.includes(r.name)));
}
