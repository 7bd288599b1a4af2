// What the scale database holds, shared by its generator (bench/scale-seed.ts) and the scale bench (bench/run.ts
// --scale): the sizes, the consultations with their phases and the id ranges each table's bulk rows take.
import type { ContributionKind } from '../src/modules/consultations/schema.ts';

export const defaultScaleUrl = 'postgres://postgres@127.0.0.1/parvis_scale';
/** The Grand-Débat-sized consultation: three phases of several hundred thousand contributions; the third is open. */
export const giantSlug = 'grand-debat-des-territoires';
export const giantOpenPhase = 3;

export interface Sizes {
  contributions: number;
  accounts: number;
  votes: number;
  events: number;
}
export const defaultSizes: Sizes = { contributions: 2_000_000, accounts: 500_000, votes: 5_000_000, events: 10_000 };

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
/** The bench loads a server hard and the generator truncates: only ever one on this machine. */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!loopback.has(host)) throw new Error(`${host} is not a loopback address: the scale bench only runs against this machine's PostgreSQL`);
}

export interface PhasePlan {
  id: number;
  position: number;
  title: string;
  question: string;
  kinds: ContributionKind[];
  startsAt: Date;
  endsAt: Date;
  /** the ids of its contributions: first .. first + size - 1 */
  first: number;
  size: number;
}

export interface ConsultationPlan {
  id: number;
  slug: string;
  title: string;
  description: string;
  territoryCodes: string[];
  /** theme ids are themeFirst .. themeFirst + themes.length - 1 */
  themeFirst: number;
  themes: [slug: string, label: string][];
  phases: PhasePlan[];
}

/** The first id each table's bulk rows take (after the demo's). */
export interface Bases {
  users: number;
  organizations: number;
  consultations: number;
  phases: number;
  themes: number;
  contributions: number;
  comments: number;
  events: number;
  projects: number;
}

/** How many of each, derived from the four sizes asked for. */
export function derived(sizes: Sizes) {
  const organizations = Math.max(30, Math.round(sizes.accounts / 100));
  return {
    organizations,
    /** accounts 0 .. members - 1 belong to organization (n % organizations); the first of each is its admin */
    members: Math.min(sizes.accounts, organizations * 8),
    animators: Math.min(100, Math.floor(organizations / 10)),
    projects: Math.max(10, Math.round(organizations / 5)),
  };
}

const day = 86_400_000;
const grandThemes: [string, string][] = [
  ['transition-ecologique', 'Transition écologique'], ['fiscalite-depenses-publiques', 'Fiscalité et dépenses publiques'], ['democratie-citoyennete', 'Démocratie et citoyenneté'],
  ['services-publics', 'Organisation de l’État et des services publics'], ['mobilites', 'Mobilités du quotidien'], ['sante', 'Santé et accès aux soins'], ['logement', 'Logement'], ['emploi', 'Emploi et formation'],
];

interface Draft {
  slug: string;
  title: string;
  description: string;
  territoryCodes: string[];
  themes: [string, string][];
  /** [title, question, kinds, start and end in days from today, share of all contributions] */
  phases: [string, string, ContributionKind[], number, number, number][];
}

const drafts: Draft[] = [
  {
    slug: giantSlug, title: 'Le grand débat des territoires', territoryCodes: [],
    description: 'Une consultation nationale en trois temps : **vos constats**, **vos idées**, puis **les services à construire**. Chaque contribution est lue, et les organisateurs répondent aux plus soutenues.',
    themes: grandThemes,
    phases: [
      ['Vos constats', 'Quels besoins et quelles difficultés rencontrez-vous au quotidien ?', ['need'], -240, -150, 0.32],
      ['Vos idées', 'Quelles solutions proposez-vous pour y répondre ?', ['idea'], -150, -60, 0.31],
      ['Les services à construire', 'Quels services concrets faudrait-il mettre en place ?', ['feature'], -60, 60, 0.32],
    ],
  },
  { slug: 'plan-velo-metropole-de-lyon', title: 'Plan vélo de la Métropole de Lyon', territoryCodes: ['69123'], description: 'Où faut-il des pistes, des stationnements et des services vélo ? Dites-le nous.', themes: grandThemes.slice(4, 8), phases: [['Diagnostic', 'Où circulez-vous mal à vélo ?', ['need'], -100, -40, 0.006], ['Propositions', 'Que proposez-vous ?', ['idea'], -40, 30, 0.008]] },
  { slug: 'budget-participatif-marseille', title: 'Budget participatif de Marseille', territoryCodes: ['13055'], description: 'Proposez des projets pour votre quartier, financés par le budget participatif de la ville.', themes: grandThemes.slice(0, 5), phases: [['Dépôt des projets', 'Quel projet pour votre quartier ?', ['idea', 'feature'], -30, 45, 0.01]] },
  { slug: 'avenir-des-centres-bourgs', title: 'L’avenir des centres-bourgs bretons', territoryCodes: ['53'], description: 'Commerces, logements, services : comment faire revivre les centres-bourgs ?', themes: grandThemes.slice(2, 7), phases: [['Constats', 'Qu’est-ce qui manque dans votre bourg ?', ['need'], -400, -300, 0.005], ['Idées', 'Que faudrait-il faire ?', ['idea'], -300, -200, 0.005]] },
  { slug: 'eau-et-secheresse-occitanie', title: 'Eau et sécheresse en Occitanie', territoryCodes: ['76'], description: 'Partager l’eau quand elle se fait rare : vos besoins et vos idées.', themes: grandThemes.slice(0, 4), phases: [['Besoins et idées', 'Comment économiser et partager l’eau ?', ['need', 'idea'], -20, 70, 0.007]] },
  { slug: 'sante-de-proximite-nouvelle-aquitaine', title: 'Santé de proximité en Nouvelle-Aquitaine', territoryCodes: ['75'], description: 'Médecins, pharmacies, urgences : comment garder des soins près de chez soi ?', themes: grandThemes.slice(3, 8), phases: [['Constats', 'Quelles difficultés pour vous soigner ?', ['need'], -200, -120, 0.004], ['Idées', 'Que proposez-vous ?', ['idea'], -120, -50, 0.003], ['Services', 'Quels services construire ?', ['feature'], -50, 40, 0.003]] },
];

/** The consultations with their ids, dates and contribution ranges; the shares above add up to one. */
export function planConsultations(bases: Bases, sizes: Sizes, now = Date.now()): ConsultationPlan[] {
  const shares = drafts.flatMap((d) => d.phases.map((p) => p[5]));
  const total = shares.reduce((a, b) => a + b, 0);
  let phaseId = bases.phases;
  let themeId = bases.themes;
  let contributionId = bases.contributions;
  let assigned = 0;
  let seen = 0;
  return drafts.map((d, i) => {
    const themeFirst = themeId;
    themeId += d.themes.length;
    const phases = d.phases.map(([title, question, kinds, start, end, share], index): PhasePlan => {
      seen += share;
      // Cumulative rounding: the sizes add up to exactly the number asked for.
      const size = Math.round((sizes.contributions * seen) / total) - assigned;
      assigned += size;
      const plan = { id: phaseId++, position: index + 1, title, question, kinds, startsAt: new Date(now + start * day), endsAt: new Date(now + end * day), first: contributionId, size };
      contributionId += size;
      return plan;
    });
    return { id: bases.consultations + i, slug: d.slug, title: d.title, description: d.description, territoryCodes: d.territoryCodes, themeFirst, themes: d.themes, phases };
  });
}
