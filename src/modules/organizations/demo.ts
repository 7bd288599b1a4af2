// Demo organizations: real public bodies on their real territories, invented companies, and the demo people as members.
import { eq } from 'drizzle-orm';
import { now } from '../../platform/clock.ts';
import type { ServiceEnv } from '../../platform/http/types.ts';
import { findUserByEmail } from '../accounts/service.ts';
import { searchTerms } from '../search/terms.ts';
import { memberships, organizations, type Domain, type MemberRole, type MembershipStatus, type OrganizationType, type TerritoryKind } from './schema.ts';

interface DemoOrganization {
  slug: string;
  name: string;
  type: OrganizationType;
  territory?: [TerritoryKind, string];
  domains: Domain[];
  description: string;
  website?: string;
  verified?: boolean;
}

const paris: [TerritoryKind, string] = ['commune', '75056'];
const marseille: [TerritoryKind, string] = ['commune', '13055'];
const lyon: [TerritoryKind, string] = ['commune', '69123'];

export const demoOrganizations: DemoOrganization[] = [
  { slug: 'cap-digital', name: 'Cap Digital', type: 'reseau', territory: paris, domains: ['numerique_donnees', 'participation'], verified: true, website: 'https://www.capdigital.com', description: "Pôle de compétitivité de la transformation numérique. Cap Digital réunit startups, PME, grands groupes, laboratoires et collectivités autour de l'innovation ouverte." },
  { slug: 'ministere-de-la-transition-ecologique', name: 'Ministère de la Transition écologique', type: 'service_etat', territory: paris, domains: ['energie', 'mobilite', 'eau', 'nature_en_ville'], verified: true, description: "Le ministère prépare et met en œuvre la politique du Gouvernement en matière de transition écologique, de climat, de biodiversité et de transports." },
  { slug: 'cerema', name: 'Cerema', type: 'service_etat', territory: ['commune', '69029'], domains: ['mobilite', 'batiment', 'espace_public', 'numerique_donnees'], verified: true, website: 'https://www.cerema.fr', description: "Centre d'études et d'expertise sur les risques, l'environnement, la mobilité et l'aménagement. Le Cerema accompagne les territoires dans leurs projets." },
  { slug: 'avitem', name: 'AVITEM', type: 'reseau', territory: marseille, domains: ['participation', 'nature_en_ville', 'economie_circulaire'], verified: true, description: 'Agence des villes et territoires méditerranéens durables : un réseau qui fait circuler les expériences urbaines entre les deux rives de la Méditerranée.' },
  { slug: 'metropole-de-lyon', name: 'Métropole de Lyon', type: 'collectivite', territory: ['epci', '200046977'], domains: ['mobilite', 'eau', 'nature_en_ville', 'participation'], verified: true, website: 'https://www.grandlyon.com', description: 'Collectivité à statut particulier réunissant 58 communes. Elle exerce les compétences d\'une métropole et d\'un département.' },
  { slug: 'ville-de-paris', name: 'Ville de Paris', type: 'collectivite', territory: paris, domains: ['espace_public', 'participation', 'nature_en_ville'], verified: true, website: 'https://www.paris.fr', description: 'La Ville de Paris expérimente avec les Parisiennes et les Parisiens : budget participatif, rues aux écoles, végétalisation des cours.' },
  { slug: 'ville-de-marseille', name: 'Ville de Marseille', type: 'collectivite', territory: marseille, domains: ['espace_public', 'culture_tourisme', 'securite'], description: 'Deuxième ville de France, Marseille mène des projets de renouvellement urbain et de rénovation des écoles.' },
  { slug: 'nantes-metropole', name: 'Nantes Métropole', type: 'collectivite', territory: ['epci', '244400404'], domains: ['mobilite', 'participation', 'energie'], verified: true, description: 'Vingt-quatre communes qui conçoivent ensemble les politiques de mobilité, d\'habitat et de transition énergétique, avec un fort usage du dialogue citoyen.' },
  { slug: 'bordeaux-metropole', name: 'Bordeaux Métropole', type: 'collectivite', territory: ['epci', '243300316'], domains: ['mobilite', 'eau', 'dechets'], description: 'La métropole bordelaise et ses 28 communes : transports, eau, déchets et grands projets urbains.' },
  { slug: 'ville-de-toulouse', name: 'Ville de Toulouse', type: 'collectivite', territory: ['commune', '31555'], domains: ['mobilite', 'numerique_donnees'], description: 'La Ville rose investit dans les données ouvertes et les nouvelles mobilités.' },
  { slug: 'montpellier-mediterranee-metropole', name: 'Montpellier Méditerranée Métropole', type: 'collectivite', territory: ['epci', '243400017'], domains: ['mobilite', 'nature_en_ville', 'sante'], description: 'Trente et une communes, la gratuité des transports pour les habitants et une politique de santé environnementale.' },
  { slug: 'region-sud', name: "Région Sud Provence-Alpes-Côte d'Azur", type: 'collectivite', territory: ['region', '93'], domains: ['energie', 'economie_circulaire', 'culture_tourisme'], verified: true, description: 'La Région porte le plan climat « Une COP d\'avance » et soutient l\'innovation des entreprises du territoire.' },
  { slug: 'departement-de-la-gironde', name: 'Département de la Gironde', type: 'collectivite', territory: ['departement', '33'], domains: ['sante', 'participation'], description: 'Solidarités, collèges, routes : le Département accompagne les Girondines et les Girondins à chaque âge de la vie.' },
  { slug: 'grand-paris-amenagement', name: 'Grand Paris Aménagement', type: 'amenageur', territory: ['region', '11'], domains: ['batiment', 'espace_public', 'nature_en_ville'], verified: true, description: "Établissement public d'aménagement de l'État en Île-de-France : quartiers nouveaux, renouvellement urbain et zones d'activités." },
  { slug: 'euromediterranee', name: 'Euroméditerranée', type: 'amenageur', territory: marseille, domains: ['batiment', 'espace_public', 'eau'], verified: true, description: "Établissement public d'aménagement qui transforme 480 hectares au cœur de Marseille, entre le port et les quartiers nord." },
  { slug: 'spl-lyon-confluence', name: 'SPL Lyon Confluence', type: 'amenageur', territory: lyon, domains: ['batiment', 'energie', 'espace_public'], description: 'Société publique locale chargée du projet urbain de la Confluence, au sud de la Presqu\'île de Lyon.' },
  { slug: 'mobilcity', name: 'MobilCity', type: 'startup', territory: lyon, domains: ['mobilite', 'numerique_donnees'], description: 'Nous aidons les collectivités à mesurer les déplacements à vélo et à pied avec des capteurs anonymes.' },
  { slug: 'watt-et-quartier', name: 'Watt & Quartier', type: 'startup', territory: ['commune', '44109'], domains: ['energie', 'batiment'], description: "Boucles locales d'autoconsommation solaire à l'échelle d'un quartier." },
  { slug: 'canopee-urbaine', name: 'Canopée Urbaine', type: 'startup', territory: ['commune', '34172'], domains: ['nature_en_ville', 'sante'], description: 'Des îlots de fraîcheur conçus avec les habitants : plantations, ombrières, sols perméables.' },
  { slug: 'dataville-analytics', name: 'DataVille Analytics', type: 'pme_eti', territory: ['commune', '31555'], domains: ['numerique_donnees'], description: 'Plateformes de données territoriales et jumeaux numériques pour les villes moyennes.' },
  { slug: 'kilometre-zero-logistique', name: 'Kilomètre Zéro Logistique', type: 'startup', territory: marseille, domains: ['logistique', 'mobilite'], description: 'Livraison du dernier kilomètre en vélo-cargo depuis des espaces logistiques urbains.' },
  { slug: 'rebatir-materiaux', name: 'ReBâtir Matériaux', type: 'pme_eti', territory: ['commune', '33063'], domains: ['economie_circulaire', 'batiment'], description: 'Réemploi des matériaux de déconstruction : diagnostic, dépose soignée et revente.' },
  { slug: 'hydra-reseaux', name: 'Hydra Réseaux', type: 'pme_eti', territory: ['commune', '35238'], domains: ['eau', 'numerique_donnees'], description: 'Détection des fuites sur les réseaux d\'eau potable par capteurs acoustiques.' },
  { slug: 'constructions-hexagone', name: 'Constructions Hexagone', type: 'grand_groupe', territory: ['commune', '92012'], domains: ['batiment', 'energie', 'espace_public'], description: 'Groupe de construction et de services présent dans toutes les régions.' },
  { slug: 'terre-et-ville-ingenierie', name: 'Terre & Ville Ingénierie', type: 'bureau_etudes', territory: lyon, domains: ['espace_public', 'eau', 'nature_en_ville'], description: 'Bureau d\'études en voirie, réseaux et gestion des eaux pluviales.' },
  { slug: 'civiq', name: 'Civiq', type: 'startup', territory: paris, domains: ['participation', 'numerique_donnees'], description: 'Outils de concertation en ligne et en présentiel pour les collectivités.' },
  { slug: 'compost-and-co', name: 'Compost & Co', type: 'startup', territory: ['commune', '59350'], domains: ['dechets', 'economie_circulaire'], description: 'Collecte des biodéchets des restaurants et compostage de proximité.' },
  { slug: 'sentinelle-mobilites', name: 'Sentinelle Mobilités', type: 'pme_eti', territory: ['commune', '38185'], domains: ['securite', 'mobilite'], description: 'Analyse de la sécurité routière aux abords des écoles.' },
  { slug: 'ombre-fraiche-paysages', name: 'Ombre Fraîche Paysages', type: 'bureau_etudes', territory: ['commune', '13001'], domains: ['nature_en_ville', 'espace_public'], description: 'Paysagistes concepteurs spécialisés dans l\'adaptation des espaces publics à la chaleur.' },
  { slug: 'laboratoire-urbanites-mediterraneennes', name: 'Laboratoire Urbanités Méditerranéennes', type: 'recherche', territory: marseille, domains: ['participation', 'nature_en_ville', 'sante'], description: 'Laboratoire de recherche sur les villes méditerranéennes : climat urbain, usages de l\'espace public, gouvernance.' },
  { slug: 'velo-en-ville-nantes', name: 'Vélo en Ville Nantes', type: 'association', territory: ['commune', '44109'], domains: ['mobilite', 'participation'], description: 'Association d\'usagers du vélo : ateliers de réparation, vélo-écoles et dialogue avec la métropole.' },
];

/** Who belongs where, following the roles of the demo accounts. */
const demoMemberships: { email: string; slug: string; role: MemberRole; status?: MembershipStatus }[] = [
  { email: 'organisatrice@capdigital.example', slug: 'cap-digital', role: 'admin' },
  { email: 'animateur@avitem.example', slug: 'avitem', role: 'admin' },
  { email: 'marie.dupont@lyon.example', slug: 'metropole-de-lyon', role: 'admin' },
  { email: 'julien.roux@grandparisamenagement.example', slug: 'grand-paris-amenagement', role: 'member' },
  { email: 'lea.moreau@mobilcity.example', slug: 'mobilcity', role: 'admin' },
  { email: 'thomas.petit@example.org', slug: 'cap-digital', role: 'member', status: 'requested' },
];

/** Safe to run again: existing organizations and memberships are left as they are. */
export async function seedOrganizations(env: ServiceEnv): Promise<void> {
  for (const org of demoOrganizations) {
    const [existing] = await env.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, org.slug));
    if (existing) continue;
    await env.db.insert(organizations).values({
      slug: org.slug,
      name: org.name,
      type: org.type,
      description: org.description,
      website: org.website ?? null,
      domains: org.domains,
      territoryKind: org.territory?.[0] ?? null,
      territoryCode: org.territory?.[1] ?? null,
      searchTerms: searchTerms({ territoryKind: org.territory?.[0], territoryCode: org.territory?.[1], domains: org.domains }),
      ...(org.verified ? { verifiedAt: now(), verifiedBy: 'admin' as const } : {}),
    });
  }
  for (const m of demoMemberships) {
    const user = await findUserByEmail(env.db, m.email);
    const [org] = await env.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, m.slug));
    if (!user || !org) continue;
    // Each demo person belongs to one organization at most and speaks for it, as their contributions show.
    const active = (m.status ?? 'active') === 'active';
    await env.db.insert(memberships).values({ organizationId: org.id, userId: user.id, role: m.role, status: m.status ?? 'active', speaksFor: active }).onConflictDoNothing();
  }
}
