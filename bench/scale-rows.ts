// Every bulk contribution's attributes as SQL expressions of its id: its text, author, territory, and how many votes,
// arguments and comments it gets with their values. The same expression serves the row that stores a count and the
// rows counted, so the counts kept on contributions are right by construction (and checked after the load).
import type { PhasePlan } from './scale-plan.ts';
import * as words from './scale-text.ts';
import { capitalize, hash, literal, pick, unit, withDe } from './scale-text.ts';

export interface Population {
  /** bulk accounts take ids users .. users + accounts - 1 */
  userBase: number;
  accounts: number;
  organizationBase: number;
  organizations: number;
  members: number;
  /** rows of parvis_bench.communes, largest population first */
  communes: number;
  votes: number;
  contributions: number;
}

/** A multiplier coprime with the number of accounts: j ↦ (start + j·step) mod accounts never repeats for j < accounts. */
export function coprimeStep(accounts: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  for (const step of [104_729, 130_363, 7_919, 15_485_863]) if (gcd(step, accounts) === 1) return step;
  return 1;
}

/** The ones with many votes: one in 5,000 gets 200 to 2,000, as the most shared proposals of a national debate do. */
const popularEvery = 5000;
const popularMin = 200;
const popularSpread = 1800;

export function contributionModel(p: Population) {
  const step = coprimeStep(p.accounts);
  const popularShare = (popularMin + (popularSpread - 1) / 2) / popularEvery;
  // The others' votes follow a geometric law whose mean fills what is left of the votes asked for.
  const mean = Math.max(0.01, p.votes / Math.max(1, p.contributions) - popularShare);
  const lnQ = Math.log(mean / (1 + mean));
  const isDraft = (c: string) => `(${hash(c, 1)} % 200 = 0)`;
  const accountOf = (index: string) => `(${p.userBase} + (${index}))`;

  return {
    isDraft,
    isMerged: (c: string, phase: PhasePlan) => `(${c} > ${phase.first} and ${hash(c, 92)} % 500 = 0 and ${hash(`${c} - 1`, 92)} % 500 <> 0 and not ${isDraft(c)})`,
    voteCount: (c: string) =>
      `(case when ${isDraft(c)} then 0 when ${hash(c, 11)} % ${popularEvery} = 0 then least(${p.accounts}, ${popularMin} + ${hash(c, 12)} % ${popularSpread}) else least(${p.accounts}, floor(ln(${unit(c, 13)}) / ${lnQ})) end)::int`,
    /** mostly agree, in a share that differs from one contribution to the next so that "most supported" means something */
    voteValue: (c: string, j: string) => {
      const agree = `(35 + ${hash(c, 23)} % 50)`;
      const roll = `(${hash(`${c}::bigint * 4096 + ${j}`, 22)} % 100)`;
      return `(case when ${roll} < ${agree} then 'agree' when ${roll} < ${agree} + (100 - ${agree}) / 2 then 'mixed' else 'disagree' end)`;
    },
    voter: (c: string, j: string) => accountOf(`(${hash(c, 31)} + (${j})::bigint * ${step}) % ${p.accounts}`),
    argumentCount: (c: string) => `(case when ${isDraft(c)} then 0 when ${hash(c, 41)} % 100 < 12 then 1 + ${hash(c, 42)} % 3 else 0 end)::int`,
    commentCount: (c: string) => `(case when ${isDraft(c)} then 0 when ${hash(c, 51)} % 100 < 15 then 1 + ${hash(c, 52)} % 3 else 0 end)::int`,
    commentDeleted: (c: string, j: string) => `(${hash(`${c}::bigint * 16 + ${j}`, 53)} % 50 = 0)`,
    commentIsReply: (c: string, j: string) => `(${j} > 1 and ${hash(`${c}::bigint * 16 + ${j}`, 54)} % 2 = 0)`,
    /** 8% speak for their organization: then the author is one of its members */
    speaksForOrganization: (c: string) => `(${hash(c, 61)} % 100 < 8)`,
    author: (c: string) => `(case when ${hash(c, 61)} % 100 < 8 then ${accountOf(`${hash(c, 62)} % ${p.members}`)} else ${accountOf(`${hash(c, 62)} % ${p.accounts}`)} end)`,
    organization: (c: string) => `(case when ${hash(c, 61)} % 100 < 8 then ${p.organizationBase} + (${hash(c, 62)} % ${p.members}) % ${p.organizations} end)`,
    someone: (key: string, salt: number) => accountOf(`${hash(key, salt)} % ${p.accounts}`),
    distinctSomeone: (key: string, j: string, salt: number) => accountOf(`(${hash(key, salt)} + (${j})::bigint * ${step}) % ${p.accounts}`),
    /** communes weigh by population: the cube of a uniform number leans towards the largest */
    communeRank: (key: string, salt: number) => `least(${p.communes}, 1 + floor(${p.communes} * power(${unit(key, salt)}, 3))::int)`,
  };
}
export type ContributionModel = ReturnType<typeof contributionModel>;

const lower = (list: readonly string[]) => list.map((w) => w.charAt(0).toLowerCase() + w.slice(1));

/** Where it is about: a commune by name three times in ten ("à Lyon", "au Havre"), else a kind of place. */
const where = (c: string, atCommune: string) => `(case when ${hash(c, 81)} % 10 < 3 then ${atCommune} else ${pick(words.places, c, 82)} end)`;

/** A contribution's title and body for its kind, with the commune it is about (its name after "à"). Every phrase is
 *  already elided ("d’améliorer"): no regular expression on two million rows. */
export function contributionText(c: string, kind: string, atCommune: string): { title: string; body: string } {
  const subject = pick(words.subjects, c, 83);
  const place = where(c, atCommune);
  const verb = pick(words.ideaVerbs, c, 84);
  const proposal = pick(withDe(lower(words.ideaVerbs)), c, 84);
  const tool = pick(words.tools, c, 85);
  const title = `(case ${kind}
    when 'need' then 'Les ' || ${subject} || ' ' || ${pick(words.findings, c, 86)} || ' ' || ${place}
    when 'idea' then ${verb} || ' les ' || ${subject} || ' ' || ${place}
    else ${tool} || ' pour ' || ${pick(words.toolActions, c, 87)} || ' les ' || ${subject} || ' ' || ${place} end)`;
  const context = `${pick(words.openings, c, 88)} || ', ' || ${pick(words.situations, c, 89)} || '.'`;
  const local = `${capitalize(atCommune)} || ', ' || ${pick(words.observations, c, 90)} || '.'`;
  const benefit = `'Cela permettrait ' || ${pick(withDe(words.benefits), c, 91)} || '.'`;
  const funding = `(case when ${hash(c, 93)} % 2 = 0 then ' Le financement pourrait venir ' || ${pick(withDe(words.fundings), c, 94)} || '.' else '' end)`;
  const body = `(case ${kind}
    when 'need' then ${context} || ' ' || ${local} || ' Les ' || ${subject} || ' devraient être une priorité ' || ${place} || '. ' || ${benefit}
    when 'idea' then 'Je propose ' || ${proposal} || ' les ' || ${subject} || ' ' || ${place} || '. Concrètement, ' || ${pick(words.measures, c, 95)} || '. ' || ${local} || ' ' || ${benefit} || ${funding}
    else ${capitalize(tool)} || ' permettrait de ' || ${pick(words.toolUses, c, 96)} || '. ' || ${context} || ' ' || ${local} || ' ' || ${benefit} || ${funding} end)`;
  return { title, body };
}

export const answerText = (c: string) =>
  `(${pick(['Merci pour cette contribution, très soutenue.', 'Cette proposition rejoint plusieurs autres : nous l’étudions avec les services concernés.', 'Nous retenons cette idée pour la prochaine phase.', 'Cette mesure relève d’une autre collectivité ; nous lui avons transmis.'], c, 97)} || ' Réponse des organisateurs.')`;

export const sqlDate = (date: Date) => `${literal(date.toISOString())}::timestamptz`;

/** Spread over the phase, or up to now for the one still open. */
export function createdAt(c: string, phase: PhasePlan, now: number): string {
  const start = phase.startsAt.getTime() / 1000;
  const end = Math.min(phase.endsAt.getTime(), now - 3_600_000) / 1000;
  const stepSeconds = (end - start) / Math.max(1, phase.size);
  return `to_timestamp(${start} + (${c} - ${phase.first})::float8 * ${stepSeconds})`;
}
