// Demo projects: three real-looking projects of demo collectivités and aménageurs at different states — a
// public open one with questions, FAQ, responses and an evaluation; an attributed one; and a restricted one seen
// only by the organizations it invited. Safe to run again: a project whose title exists is left as it is.
import { eq, inArray } from 'drizzle-orm';
import { days, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/client.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { users } from '../accounts/schema.ts';
import { organizations, type Domain, type TerritoryKind } from '../organizations/schema.ts';
import { searchTerms } from '../search/terms.ts';
import { projectCriteria, projectEvaluationNotes, projectFaq, projectInvitations, projectMessages, projectQuestions, projectResponses, projects, projectScores, type ProjectStage, type ProjectState, type ProjectVisibility, type ResponseStatus } from './schema.ts';

interface DemoResponse {
  org: string;
  author?: string;
  summary: string;
  approach: string;
  references: string;
  maturity: number;
  price: [number, number];
  team: string;
  confidentiality: 'public' | 'owner_only';
  status: ResponseStatus;
  statusMessage?: string;
  /** scores by criterion position, 0–5, given by the owner's demo member */
  scores?: number[];
  note?: string;
  messages?: [fromOwner: boolean, body: string][];
}

interface DemoProject {
  owner: string;
  createdBy?: string;
  title: string;
  context: string;
  problem: string;
  expected: string;
  territory: [TerritoryKind, string];
  point?: [number, number];
  domains: Domain[];
  stage: ProjectStage;
  timeline: string;
  /** days from today */
  deadline: number;
  budget?: [number, number];
  visibility: ProjectVisibility;
  invited?: string[];
  state: ProjectState;
  questions: { org: string; asker?: string; visibility: 'public' | 'private'; body: string; answer?: string; faq?: string }[];
  criteria: [string, number][];
  responses: DemoResponse[];
}

const marie = 'marie.dupont@lyon.example';
const julien = 'julien.roux@grandparisamenagement.example';
const lea = 'lea.moreau@mobilcity.example';

export const demoProjects: DemoProject[] = [
  {
    owner: 'metropole-de-lyon',
    createdBy: marie,
    title: 'Un hub logistique du dernier kilomètre à la Part-Dieu',
    context: "Le quartier de la Part-Dieu reçoit chaque jour plus de 4 000 livraisons. La Métropole libère **1 200 m²** dans un parking public pour y installer un espace logistique urbain.",
    problem: "Les camionnettes de livraison encombrent les voies de bus et les trottoirs aux heures de pointe, et les commerçants n'ont pas de solution mutualisée pour la réception des colis.",
    expected: "- une exploitation du hub (réception, tri, stockage court)\n- des tournées finales à vélo-cargo ou en véhicules électriques légers\n- des indicateurs mensuels : colis, kilomètres évités, émissions",
    territory: ['epci', '200046977'],
    point: [45.7605, 4.8583],
    domains: ['logistique', 'mobilite'],
    stage: 'pilot',
    timeline: 'Expérimentation de 12 mois à partir du printemps prochain',
    deadline: 24,
    budget: [80000, 250000],
    visibility: 'public',
    state: 'open',
    questions: [
      { org: 'mobilcity', asker: lea, visibility: 'public', body: 'Le parking dispose-t-il de bornes de recharge pour des véhicules utilitaires légers ?', answer: "Oui : 12 points de charge de 22 kW sont installés au niveau -1 et pourront être réservés à l'exploitant." },
      {
        org: 'kilometre-zero-logistique',
        visibility: 'private',
        body: "Nous exploitons déjà deux hubs à Marseille avec La Poste : pouvons-nous proposer un groupement avec eux ?",
        answer: 'Oui, les groupements sont acceptés ; un mandataire unique doit être désigné dans la réponse.',
        faq: 'Une réponse peut-elle être déposée par un groupement d\'entreprises ?',
      },
      { org: 'mobilcity', asker: lea, visibility: 'private', body: 'Les données de comptage des vélos-cargos pourront-elles être publiées en open data ?' },
    ],
    criteria: [
      ['Réponse au problème posé', 40],
      ['Maturité et références', 30],
      ['Coût et modèle économique', 30],
    ],
    responses: [
      {
        org: 'kilometre-zero-logistique',
        summary: 'Un hub exploité par nos équipes et des tournées finales en vélo-cargo électrique.',
        approach: "Réception des colis de nuit, tri le matin, 14 vélos-cargos en tournées de 9 h à 19 h. Consigne pour les commerçants, retour des emballages.",
        references: 'Deux hubs à Marseille depuis 2022 (Joliette, Belsunce), 1,2 million de colis livrés.',
        maturity: 8,
        price: [150000, 210000],
        team: '8 personnes dont 6 livreurs salariés',
        confidentiality: 'public',
        status: 'shortlisted',
        statusMessage: 'Votre réponse est présélectionnée ; nous vous proposons une audition le mois prochain.',
        scores: [5, 4, 3],
        note: 'Très solide sur les références. Vérifier le coût des assurances vélo-cargo.',
        messages: [
          [true, 'Pourriez-vous préciser le nombre de tournées par jour en période de fêtes ?'],
          [false, 'Nous passons à 22 tournées par jour en décembre, avec 4 vélos de renfort.'],
        ],
      },
      {
        org: 'mobilcity',
        author: lea,
        summary: 'Des capteurs anonymes pour mesurer les flux de livraison et piloter le hub.',
        approach: 'Nos capteurs comptent les véhicules de livraison aux abords du hub et alimentent un tableau de bord pour la Métropole.',
        references: 'Comptages vélo à Lyon et Villeurbanne depuis 2023.',
        maturity: 6,
        price: [30000, 60000],
        team: '3 ingénieurs',
        confidentiality: 'owner_only',
        status: 'under_review',
        statusMessage: "Votre proposition complète celle d'un exploitant ; nous l'étudions.",
        scores: [3, 3, 4],
        note: 'Complément intéressant mais ne répond pas seul au besoin.',
      },
    ],
  },
  {
    owner: 'grand-paris-amenagement',
    createdBy: julien,
    title: "Rafraîchir la cour de l'école Anatole-France",
    context: "L'école élémentaire Anatole-France accueille 280 enfants dans une cour entièrement bitumée de 2 100 m², qui dépasse 50 °C en surface lors des vagues de chaleur.",
    problem: "La cour est un îlot de chaleur l'été et ne laisse pas s'infiltrer l'eau de pluie. Les enseignants renoncent aux récréations l'après-midi en juin.",
    expected: 'Une conception avec les enfants et les enseignants, la désimperméabilisation d\'au moins 40 % de la surface, des ombrages, et un suivi des températures pendant deux étés.',
    territory: ['commune', '93066'],
    point: [48.9362, 2.3574],
    domains: ['nature_en_ville', 'espace_public', 'eau'],
    stage: 'deployment',
    timeline: 'Travaux pendant les vacances d\'été, suivi sur deux étés',
    deadline: -40,
    budget: [120000, 300000],
    visibility: 'public',
    state: 'attributed',
    questions: [{ org: 'canopee-urbaine', visibility: 'public', body: 'Les enfants pourront-ils participer aux plantations ?', answer: "Oui, deux demi-journées de plantation avec chaque classe sont prévues au cahier des charges." }],
    criteria: [
      ['Qualité de la démarche avec les enfants', 35],
      ['Performance climatique', 40],
      ['Coût', 25],
    ],
    responses: [
      {
        org: 'canopee-urbaine',
        summary: 'Une cour-oasis conçue avec les enfants : 45 % de pleine terre, arbres et ombrières végétales.',
        approach: 'Ateliers de conception en classe, chantier participatif de plantation, sols perméables et noue pour les eaux de pluie.',
        references: 'Six cours d\'école à Montpellier et Sète depuis 2021.',
        maturity: 9,
        price: [180000, 240000],
        team: 'Paysagiste, hydrologue, médiatrice',
        confidentiality: 'public',
        status: 'retained',
        statusMessage: 'Votre réponse est retenue. Félicitations !',
        scores: [5, 4, 4],
      },
      {
        org: 'ombre-fraiche-paysages',
        summary: 'Des ombrières textiles et une fontaine sèche.',
        approach: 'Solution rapide à installer, sans travaux lourds.',
        references: 'Places publiques à Aix-en-Provence.',
        maturity: 7,
        price: [90000, 120000],
        team: '2 paysagistes',
        confidentiality: 'owner_only',
        status: 'not_retained',
        statusMessage: 'Merci pour votre réponse ; la désimperméabilisation attendue n\'était pas assez présente.',
        scores: [2, 2, 5],
      },
    ],
  },
  {
    owner: 'euromediterranee',
    title: "Une plateforme de données pour la ZAC Littorale",
    context: "La ZAC Littorale couvre 170 hectares entre le port et les quartiers nord de Marseille. Ses chantiers, ses réseaux et ses futurs habitants produiront beaucoup de données.",
    problem: "Les données des chantiers, de l'énergie et de la mobilité sont dispersées entre une dizaine d'opérateurs ; personne n'a de vue d'ensemble de l'opération.",
    expected: 'Une plateforme de données ouverte et interopérable, un jumeau numérique simplifié, et la publication en open data de ce qui peut l\'être.',
    territory: ['commune', '13055'],
    point: [43.3128, 5.3669],
    domains: ['numerique_donnees', 'energie', 'mobilite'],
    stage: 'study',
    timeline: 'Étude de 6 mois, puis marché de réalisation',
    deadline: 45,
    budget: [60000, 150000],
    visibility: 'invited',
    invited: ['dataville-analytics', 'mobilcity', 'civiq'],
    state: 'open',
    questions: [{ org: 'mobilcity', asker: lea, visibility: 'private', body: 'Faut-il reprendre les données historiques des chantiers terminés ?', answer: 'Seulement celles des trois dernières années.', faq: 'Quelle profondeur d\'historique faut-il reprendre ?' }],
    criteria: [],
    responses: [
      {
        org: 'dataville-analytics',
        summary: 'Notre plateforme de données territoriales, déjà déployée dans trois villes moyennes.',
        approach: 'Connecteurs vers les opérateurs, entrepôt de données, jumeau numérique 3D léger et portail open data.',
        references: 'Albi, Castres, Rodez.',
        maturity: 8,
        price: [90000, 140000],
        team: '5 personnes',
        confidentiality: 'owner_only',
        status: 'received',
      },
    ],
  },
];

async function idsBy<T extends string>(db: Db, rows: { key: T; id: number }[]): Promise<Map<T, number>> {
  return new Map(rows.map((r) => [r.key, r.id]));
}

export async function seedProjects(env: ServiceEnv): Promise<void> {
  const db = env.db;
  const slugs = [...new Set(demoProjects.flatMap((p) => [p.owner, ...(p.invited ?? []), ...p.questions.map((q) => q.org), ...p.responses.map((r) => r.org)]))];
  const orgs = await idsBy(db, (await db.select({ key: organizations.slug, id: organizations.id }).from(organizations).where(inArray(organizations.slug, slugs))) as { key: string; id: number }[]);
  const people = await idsBy(db, (await db.select({ key: users.email, id: users.id }).from(users).where(inArray(users.email, [marie, julien, lea]))) as { key: string; id: number }[]);
  const today = now();
  for (const demo of demoProjects) {
    const ownerId = orgs.get(demo.owner);
    if (!ownerId) continue;
    const [existing] = await db.select({ id: projects.id }).from(projects).where(eq(projects.title, demo.title));
    if (existing) continue;
    const deadline = new Date(today.getTime() + days(demo.deadline));
    const [project] = await db
      .insert(projects)
      .values({
        ownerOrganizationId: ownerId,
        createdBy: demo.createdBy ? (people.get(demo.createdBy) ?? null) : null,
        title: demo.title,
        context: demo.context,
        problem: demo.problem,
        expected: demo.expected,
        territoryKind: demo.territory[0],
        territoryCode: demo.territory[1],
        latitude: demo.point?.[0] ?? null,
        longitude: demo.point?.[1] ?? null,
        domains: demo.domains,
        searchTerms: searchTerms({ territoryKind: demo.territory[0], territoryCode: demo.territory[1], domains: demo.domains }),
        stage: demo.stage,
        timeline: demo.timeline,
        deadline,
        budgetMin: demo.budget?.[0] ?? null,
        budgetMax: demo.budget?.[1] ?? null,
        visibility: demo.visibility,
        state: demo.state,
        publishedAt: new Date(deadline.getTime() - days(60)),
        // The demo's projects opened before anyone set alerts: nobody is mailed on seeding.
        alertsSentAt: today,
      })
      .returning({ id: projects.id });
    const projectId = project!.id;
    for (const slug of demo.invited ?? []) if (orgs.has(slug)) await db.insert(projectInvitations).values({ projectId, organizationId: orgs.get(slug)! });
    const answerer = demo.createdBy ? (people.get(demo.createdBy) ?? null) : null;
    for (const q of demo.questions) {
      const [question] = await db
        .insert(projectQuestions)
        .values({ projectId, askerId: q.asker ? (people.get(q.asker) ?? null) : null, askerOrganizationId: orgs.get(q.org) ?? null, body: q.body, visibility: q.visibility, answer: q.answer ?? null, answeredBy: q.answer ? answerer : null, answeredAt: q.answer ? today : null })
        .returning({ id: projectQuestions.id });
      if (q.faq && q.answer) await db.insert(projectFaq).values({ projectId, questionId: question!.id, question: q.faq, answer: q.answer });
    }
    const criteria = demo.criteria.length
      ? await db.insert(projectCriteria).values(demo.criteria.map(([label, weight], position) => ({ projectId, label, weight, position }))).returning({ id: projectCriteria.id })
      : [];
    for (const r of demo.responses) {
      const organizationId = orgs.get(r.org);
      if (!organizationId) continue;
      const [response] = await db
        .insert(projectResponses)
        .values({ projectId, organizationId, authorId: r.author ? (people.get(r.author) ?? null) : null, summary: r.summary, approach: r.approach, references: r.references, maturity: r.maturity, priceMin: r.price[0], priceMax: r.price[1], team: r.team, confidentiality: r.confidentiality, status: r.status, statusMessage: r.statusMessage ?? '' })
        .returning({ id: projectResponses.id });
      const responseId = response!.id;
      if (answerer && r.scores) for (const [i, score] of r.scores.entries()) if (criteria[i]) await db.insert(projectScores).values({ responseId, criterionId: criteria[i]!.id, evaluatorId: answerer, score });
      if (r.note) await db.insert(projectEvaluationNotes).values({ responseId, authorId: answerer, body: r.note });
      for (const [fromOwner, body] of r.messages ?? []) await db.insert(projectMessages).values({ responseId, authorId: fromOwner ? answerer : null, fromOwner, body });
    }
  }
}
