// Demo events: the 2020 scenario (launch webinar on 1 October, the Île-de-France and Lyon workshops the same day, the
// Mediterranean workshops run by AVITEM), each with minutes and the contributions entered from the room; and upcoming
// events of the current consultation, with free seats and one full with a waiting list. Safe to run again.
import { and, eq, inArray } from 'drizzle-orm';
import { days, now } from '../../platform/clock.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { users } from '../accounts/schema.ts';
import { parisDate } from '../consultations/phases.ts';
import { consultations, contributionRevisions, contributions, phases, type ContributionKind } from '../consultations/schema.ts';
import { organizations } from '../organizations/schema.ts';
import { searchTerms } from '../search/terms.ts';
import { eventAnimators, eventContributions, eventQuestions, eventRegistrations, events, type EventKind } from './schema.ts';

interface DemoEvent {
  slug: string;
  kind: EventKind;
  title: string;
  description: string;
  /** Paris time for the 2020 events; days from today (at 14:00 Paris) for the upcoming ones */
  start: string | number;
  hours: number;
  venue?: string;
  at?: [number, number];
  online?: string;
  territory: [string, string];
  capacity: number | null;
  animator: string;
  consultation: string;
  phase: number;
  minutes?: string;
  /** [title, body, participant or null] entered from the room */
  room?: [string, string, string | null][];
  /** demo e-mails registered, in order (the capacity decides who waits) */
  registered?: string[];
  questions?: [string, boolean][];
}

const karim = 'animateur@avitem.example';
const helene = 'organisatrice@capdigital.example';
const marie = 'marie.dupont@lyon.example';
const julien = 'julien.roux@grandparisamenagement.example';
const lea = 'lea.moreau@mobilcity.example';
const thomas = 'thomas.petit@example.org';
const camille = 'admin@parvis.example';
const place = 'place-de-l-innovation-urbaine';
const fresh = 'rafraichir-nos-villes';

const demoEvents: DemoEvent[] = [
  {
    slug: 'webinaire-de-lancement-place-de-l-innovation-urbaine',
    kind: 'webinar',
    title: "Webinaire de lancement de la Place de l'innovation urbaine",
    description: "Cap Digital, le ministère de la Transition écologique et le Cerema présentent la démarche, ses trois séquences et la manière d'y contribuer.\n\nQuestions-réponses en fin de séance.",
    start: '2020-10-01T10:00',
    hours: 1.5,
    online: 'https://visio.example.org/lancement-piu',
    territory: ['region', '11'],
    capacity: null,
    animator: 'cap-digital',
    consultation: place,
    phase: 1,
    minutes: "## Ce qui a été présenté\n\n- Les **trois séquences** de la consultation et leurs dates ;\n- la façon de contribuer en ligne et lors des ateliers.\n\n## Questions de la salle\n\nLes participants ont surtout demandé comment leurs contributions seraient reprises : chaque séquence se clôt par une synthèse publique qui cite les contributions retenues.",
    room: [["Savoir ce que deviennent nos contributions", "Les participants veulent suivre ce que deviennent leurs contributions d'une séquence à l'autre, jusqu'à la synthèse.", null]],
    registered: [helene, marie, julien, lea, thomas, karim],
  },
  {
    slug: 'atelier-ile-de-france-2020',
    kind: 'in_person',
    title: 'Atelier Île-de-France : partageons nos besoins',
    description: "Un après-midi pour faire émerger les besoins des collectivités et aménageurs franciliens, en petits groupes, au tableau blanc.",
    start: '2020-10-01T14:00',
    hours: 3,
    venue: 'Cap Digital, 14 rue Alexandre Parodi, 75010 Paris',
    at: [48.8777, 2.3639],
    territory: ['region', '11'],
    capacity: 40,
    animator: 'cap-digital',
    consultation: place,
    phase: 1,
    minutes: "Trente participants, quatre tables. Trois besoins reviennent à chaque table : **trouver un terrain d'expérimentation**, **comprendre la commande publique innovante**, **partager les données des chantiers**.",
    room: [
      ['Un guichet unique pour expérimenter', "Les startups ne savent pas à qui s'adresser dans une collectivité pour tester une solution sur l'espace public.", 'Léa Moreau'],
      ['Des clauses types pour l’achat innovant', "Les acheteurs publics manquent de modèles de clauses pour acheter une innovation sans appel d'offres lourd.", null],
      ['Ouvrir les données des chantiers', 'Les dates et emprises des chantiers devraient être publiées pour anticiper leurs effets sur les déplacements.', 'Julien Roux'],
    ],
    registered: [julien, lea, thomas],
  },
  {
    slug: 'atelier-lyon-2020',
    kind: 'in_person',
    title: 'Atelier Lyon : partageons nos besoins',
    description: "L'atelier lyonnais, le même jour que l'atelier francilien, avec la Métropole de Lyon et les acteurs de la Confluence.",
    start: '2020-10-01T14:00',
    hours: 3,
    venue: 'Hôtel de la Métropole, 20 rue du Lac, 69003 Lyon',
    at: [45.7607, 4.8566],
    territory: ['commune', '69123'],
    capacity: 30,
    animator: 'cerema',
    consultation: place,
    phase: 1,
    minutes: "Vingt-deux participants. Les échanges ont porté sur la **mesure des effets** d'une expérimentation et sur la **durée** des tests, souvent trop courte pour conclure.",
    room: [
      ['Mesurer les effets d’une expérimentation', "Il manque une méthode partagée pour évaluer une expérimentation urbaine avant de la généraliser.", 'Marie Dupont'],
      ['Des expérimentations plus longues', 'Trois mois ne suffisent pas pour juger une solution de mobilité : il faut couvrir plusieurs saisons.', null],
    ],
    registered: [marie],
  },
  {
    slug: 'atelier-mediterranee-marseille-2020',
    kind: 'in_person',
    title: 'Atelier méditerranéen à Marseille',
    description: "Le réseau des développeurs méditerranéens réunit villes françaises et villes de la rive sud autour des besoins de l'innovation urbaine.",
    start: '2020-10-08T14:00',
    hours: 3,
    venue: 'Villa Méditerranée, esplanade du J4, 13002 Marseille',
    at: [43.2966, 5.3611],
    territory: ['commune', '13055'],
    capacity: 35,
    animator: 'avitem',
    consultation: place,
    phase: 1,
    minutes: "Des villes des deux rives ont comparé leurs difficultés. La **chaleur** et l'**eau** dominent ; la **circulation des retours d'expérience** entre pays manque.",
    room: [
      ['Adapter les solutions au climat méditerranéen', 'Les solutions testées dans le nord de la France ne tiennent pas toujours compte de la chaleur estivale.', 'Karim Benali'],
      ['Faire circuler les retours d’expérience', "Les villes du sud de la Méditerranée testent des solutions utiles mais leurs résultats restent dans des rapports non publiés.", null],
    ],
    registered: [karim, thomas],
  },
  {
    slug: 'atelier-mediterranee-en-ligne-2020',
    kind: 'online_workshop',
    title: 'Atelier méditerranéen en ligne : imaginons des solutions',
    description: "Un atelier en ligne pour transformer les besoins exprimés à Marseille en idées de solutions.",
    start: '2020-10-15T10:00',
    hours: 2,
    online: 'https://visio.example.org/avitem-solutions',
    territory: ['region', '93'],
    capacity: 50,
    animator: 'avitem',
    consultation: place,
    phase: 2,
    minutes: "Quatre idées retenues par les participants, dont une **bibliothèque multilingue** de retours d'expérience.",
    room: [
      ['Une bibliothèque multilingue de retours d’expérience', "Des fiches courtes, en français, anglais et arabe, sur ce qui a marché ou non dans chaque ville.", null],
      ['Des binômes de villes des deux rives', 'Associer une ville française et une ville du sud autour du même défi pendant un an.', 'Karim Benali'],
    ],
    registered: [karim, marie],
  },
  {
    slug: 'atelier-ilots-de-fraicheur-montpellier',
    kind: 'in_person',
    title: 'Atelier îlots de fraîcheur à Montpellier',
    description: "Imaginons ensemble les solutions pour rafraîchir une cour d'école, une place, une rue : plantations, ombrières, sols perméables.",
    start: 7,
    hours: 3,
    venue: 'Hôtel de Métropole, 50 place Zeus, 34000 Montpellier',
    at: [43.6045, 3.8897],
    territory: ['commune', '34172'],
    capacity: 30,
    animator: 'avitem',
    consultation: fresh,
    phase: 2,
    registered: [marie, lea],
    questions: [['Régime alimentaire', false], ["J'accepte d'être nommé·e dans le compte rendu (oui / non)", true]],
  },
  {
    slug: 'atelier-la-rue-fraiche-marseille',
    kind: 'in_person',
    title: 'Atelier « la rue fraîche » à Marseille',
    description: 'Un atelier en petit comité, sur le terrain, pour tester des solutions de rafraîchissement dans une rue du centre.',
    start: 5,
    hours: 2,
    venue: 'Place de Lenche, 13002 Marseille',
    at: [43.2988, 5.3664],
    territory: ['commune', '13055'],
    capacity: 3,
    animator: 'avitem',
    consultation: fresh,
    phase: 2,
    registered: [karim, marie, julien, lea, thomas],
  },
  {
    slug: 'webinaire-cours-oasis',
    kind: 'webinar',
    title: "Webinaire : les cours d'école oasis",
    description: "Retours d'expérience des villes qui ont transformé leurs cours d'école en îlots de fraîcheur ouverts au quartier.",
    start: 12,
    hours: 1,
    online: 'https://visio.example.org/cours-oasis',
    territory: ['region', '93'],
    capacity: null,
    animator: 'cerema',
    consultation: fresh,
    phase: 2,
    registered: [thomas],
  },
];

function startOf(e: DemoEvent): Date {
  if (typeof e.start === 'string') return parisDate(e.start);
  const day = new Date(now().getTime() + e.start * days(1)).toISOString().slice(0, 10);
  return parisDate(`${day}T14:00`);
}

export async function seedEvents(env: ServiceEnv): Promise<void> {
  const db = env.db;
  const orgSlugs = [...new Set(demoEvents.map((e) => e.animator))];
  let orgs = new Map((await db.select({ id: organizations.id, slug: organizations.slug }).from(organizations).where(inArray(organizations.slug, orgSlugs))).map((o) => [o.slug, o.id]));
  if (!orgs.has('avitem')) {
    await db.insert(organizations).values({ slug: 'avitem', name: 'AVITEM', type: 'reseau', description: 'Agence des villes et territoires méditerranéens durables : le réseau des développeurs méditerranéens.', territoryKind: 'commune', territoryCode: '13055', searchTerms: searchTerms({ territoryKind: 'commune', territoryCode: '13055' }) }).onConflictDoNothing();
    orgs = new Map((await db.select({ id: organizations.id, slug: organizations.slug }).from(organizations).where(inArray(organizations.slug, orgSlugs))).map((o) => [o.slug, o.id]));
  }
  for (const id of orgs.values()) await db.insert(eventAnimators).values({ organizationId: id }).onConflictDoNothing();
  const emails = [...new Set(demoEvents.flatMap((e) => e.registered ?? []))];
  const people = new Map((await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails))).map((u) => [u.email, u.id]));
  // Room input is entered by an animator of the workshop: a member of its animating organization, else the
  // platform's admin (no demo account belongs to the Cerema).
  const animatorsOf: Record<string, string> = { 'cap-digital': helene, avitem: karim };
  const enteredByOf = async (e: DemoEvent) => {
    const email = animatorsOf[e.animator] ?? camille;
    if (!people.has(email)) {
      const [found] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (found) people.set(email, found.id);
    }
    return people.get(email) ?? null;
  };
  for (const e of demoEvents) {
    const [existing] = await db.select({ id: events.id }).from(events).where(eq(events.slug, e.slug));
    if (existing) continue;
    const [phase] = await db
      .select({ id: phases.id, consultationId: phases.consultationId, kinds: phases.kinds })
      .from(phases)
      .innerJoin(consultations, eq(consultations.id, phases.consultationId))
      .where(and(eq(consultations.slug, e.consultation), eq(phases.position, e.phase)));
    const startsAt = startOf(e);
    const endsAt = new Date(startsAt.getTime() + e.hours * 3_600_000);
    const past = endsAt < now();
    const animatorId = orgs.get(e.animator) ?? null;
    const [row] = await db
      .insert(events)
      .values({
        slug: e.slug,
        kind: e.kind,
        title: e.title,
        description: e.description,
        startsAt,
        endsAt,
        venue: e.venue ?? null,
        latitude: e.at?.[0] ?? null,
        longitude: e.at?.[1] ?? null,
        onlineUrl: e.online ?? null,
        territoryKind: e.territory[0],
        territoryCode: e.territory[1],
        searchTerms: searchTerms({ territoryKind: e.territory[0], territoryCode: e.territory[1] }),
        capacity: e.capacity,
        animatorId,
        consultationId: phase?.consultationId ?? null,
        phaseId: phase?.id ?? null,
        minutes: e.minutes ?? null,
        minutesPublishedAt: e.minutes ? endsAt : null,
        createdAt: new Date(startsAt.getTime() - days(14)),
        updatedAt: e.minutes ? endsAt : new Date(startsAt.getTime() - days(14)),
      })
      .returning({ id: events.id });
    const eventId = row!.id;
    if (e.questions?.length) await db.insert(eventQuestions).values(e.questions.map(([label, required], i) => ({ eventId, position: i + 1, label, required })));
    for (const [i, email] of (e.registered ?? []).entries()) {
      const userId = people.get(email);
      if (!userId) continue;
      const status = e.capacity === null || i < e.capacity ? 'confirmed' : 'waiting';
      await db.insert(eventRegistrations).values({ eventId, userId, status, position: i + 1, attended: past && status === 'confirmed' ? true : null, createdAt: new Date(startsAt.getTime() - days(10) + i * 3_600_000) }).onConflictDoNothing();
    }
    if (phase && e.room) {
      const kind = phase.kinds[0] as ContributionKind;
      const enteredBy = await enteredByOf(e);
      for (const [i, [title, body, participant]] of e.room.entries()) {
        const createdAt = new Date(endsAt.getTime() + days(1) + i * 60_000);
        const [c] = await db
          .insert(contributions)
          .values({ consultationId: phase.consultationId, phaseId: phase.id, kind, title, body, territoryKind: e.territory[0], territoryCode: e.territory[1], authorId: enteredBy, organizationId: null, createdAt, updatedAt: createdAt })
          .returning({ id: contributions.id });
        await db.insert(contributionRevisions).values({ contributionId: c!.id, title, body, kind, editedBy: enteredBy, editedAt: createdAt });
        await db.insert(eventContributions).values({ contributionId: c!.id, eventId, participantName: participant });
      }
    }
  }
}
