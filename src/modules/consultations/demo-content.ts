// The words of the demo: the seed scenario's consultation as PRODUCT.md tells it, and a current one, with what
// the demo people said in each phase.
import type { Illustration } from '../../platform/views/illustrations.tsx';
import type { ContributionKind } from './schema.ts';

export interface DemoPhase {
  title: string;
  question: string;
  kinds: ContributionKind[];
  /** Paris dates for the seed scenario; for the current consultation, days from today */
  start: string | number;
  end: string | number;
}

/** [author e-mail, organization slug or null, title, body, theme slugs, territory key] */
export type DemoContribution = [string, string | null, string, string, string[], string?];

const helene = 'organisatrice@capdigital.example';
const karim = 'animateur@avitem.example';
const marie = 'marie.dupont@lyon.example';
const julien = 'julien.roux@grandparisamenagement.example';
const lea = 'lea.moreau@mobilcity.example';
const thomas = 'thomas.petit@example.org';
const camille = 'admin@parvis.example';

export interface DemoConsultation {
  slug: string;
  title: string;
  description: string;
  organizers: string[];
  territoryCodes: string[];
  themes: [string, string][];
  phases: DemoPhase[];
  contributions: DemoContribution[][];
  /** one of the illustrations drawn for the demo (public/images/covers) */
  cover: Illustration;
}

export const placeInnovation: DemoConsultation = {
  slug: 'place-de-l-innovation-urbaine',
  cover: 'neighbourhood',
  title: "Place de l'innovation urbaine",
  description: `Collectivités, aménageurs, startups, PME, grands groupes, chercheurs et associations : construisons ensemble la plateforme qui facilitera l'innovation urbaine dans les territoires.

La consultation avance en **trois séquences** :

1. **Partageons nos besoins** — les difficultés que nous rencontrons ;
2. **Imaginons des solutions** — les services et outils à développer ;
3. **Construisons les outils** — les fonctionnalités attendues d'une plateforme d'open innovation urbaine.

Un webinaire de lancement ouvre la démarche, suivi de deux ateliers le même jour (Île-de-France et Lyon) et d'ateliers méditerranéens animés par l'AVITEM.`,
  organizers: ['cap-digital', 'ministere-de-la-transition-ecologique', 'cerema'],
  territoryCodes: [],
  themes: [
    ['experimentation', 'Expérimentation'],
    ['financement', 'Financement'],
    ['commande-publique', 'Commande publique'],
    ['donnees', 'Données'],
    ['mise-en-relation', 'Mise en relation'],
  ],
  phases: [
    { title: 'Partageons nos besoins', question: 'Exprimons les difficultés et les problématiques que nous rencontrons en tant qu’acteurs de l’innovation urbaine', kinds: ['need'], start: '2020-09-24T00:00', end: '2020-10-12T00:00' },
    { title: 'Imaginons des solutions', question: 'Inventons ensemble les services et outils à développer pour accélérer l’innovation urbaine dans les territoires', kinds: ['idea'], start: '2020-10-12T00:00', end: '2020-11-02T00:00' },
    { title: 'Construisons les outils', question: 'Définissons les services et fonctionnalités attendus d’une plateforme d’open innovation urbaine', kinds: ['feature'], start: '2020-11-02T00:00', end: '2020-12-18T00:00' },
  ],
  contributions: [
    [
      [marie, 'metropole-de-lyon', 'Trouver des startups qui ont déjà testé leur solution ailleurs', "Quand un service de la Métropole veut expérimenter, il ne sait pas quelles entreprises ont déjà déployé une solution comparable dans une autre ville, ni avec quels résultats. Nous repartons de zéro à chaque fois.", ['mise-en-relation'], 'epci:200046977'],
      [lea, 'mobilcity', 'Des cycles de décision trop longs pour une jeune entreprise', "Entre le premier rendez-vous et un bon de commande, il s'écoule souvent plus de dix-huit mois. Pour une startup de huit personnes, c'est la différence entre survivre et fermer.", ['commande-publique', 'financement'], 'commune:69123'],
      [julien, 'grand-paris-amenagement', 'Expérimenter sur un chantier sans bloquer le planning', "Nos opérations d'aménagement offrent des terrains d'expérimentation idéaux, mais chaque test ajoute des risques au planning et à l'assurance. Il nous manque un cadre type qui répartisse clairement les responsabilités.", ['experimentation'], 'region:11'],
      [helene, 'cap-digital', 'Connaître les besoins réels des collectivités', "Nos adhérents développent des solutions sans toujours savoir quels problèmes les collectivités cherchent vraiment à résoudre. Les appels à projets arrivent trop tard pour orienter la feuille de route produit.", ['mise-en-relation'], 'commune:75056'],
      [karim, 'avitem', 'Partager les retours d’expérience entre villes méditerranéennes', "Les villes de la rive sud testent des solutions de fraîcheur urbaine et de gestion de l'eau dont les villes françaises pourraient s'inspirer, mais ces retours circulent mal et restent dans des rapports non publiés.", ['mise-en-relation', 'donnees'], 'commune:13055'],
      [thomas, null, 'Savoir ce qui est testé dans mon quartier', "En tant qu'habitant, je découvre les capteurs et les expérimentations par hasard. Je ne sais ni qui les porte, ni combien de temps ils restent, ni ce que deviennent les données.", ['experimentation', 'donnees']],
      [marie, 'metropole-de-lyon', 'Sécuriser juridiquement l’achat d’une innovation', "Nos acheteurs craignent le délit de favoritisme dès qu'on parle d'une entreprise en particulier. Le marché public d'innovation existe mais reste peu connu et mal outillé.", ['commande-publique'], 'epci:200046977'],
      [lea, 'mobilcity', 'Accéder aux données de mobilité des collectivités', "Chaque ville publie ses comptages sous un format différent, quand elle les publie. Intégrer trois villes nous coûte autant que développer une nouvelle fonctionnalité.", ['donnees'], 'commune:69123'],
      [julien, 'grand-paris-amenagement', 'Évaluer une expérimentation de manière comparable', "Les bilans d'expérimentation sont rédigés par les porteurs eux-mêmes, avec des indicateurs différents d'un projet à l'autre. Impossible de comparer deux solutions de gestion des eaux pluviales.", ['experimentation', 'donnees']],
      [helene, 'cap-digital', 'Financer la phase entre prototype et déploiement', "Les subventions couvrent la recherche et le prototype ; les marchés couvrent le déploiement. Entre les deux, l'expérimentation en conditions réelles n'est financée par personne.", ['financement']],
      [karim, 'avitem', 'Traduire les besoins techniques en langage commun', "Un ingénieur voirie, un développeur et un élu ne décrivent pas le même problème avec les mêmes mots. Les ateliers passent une heure à se comprendre avant de commencer.", ['mise-en-relation']],
      [marie, 'metropole-de-lyon', 'Associer les habitants dès la conception', "Les expérimentations échouent souvent faute d'appropriation par les usagers. Nous aurions besoin de méthodes simples pour les associer avant l'installation, pas après.", ['experimentation'], 'epci:200046977'],
      [thomas, null, 'Des petites communes oubliées de l’innovation', "Les solutions sont pensées pour les métropoles. Une commune de 3 000 habitants n'a ni service numérique ni budget d'étude, mais elle a les mêmes problèmes de chaleur et de voirie.", ['financement']],
      [lea, 'mobilcity', 'Être référencé sans répondre à cent appels d’offres', "Nous répondons à des dizaines de consultations par an, chacune avec ses formulaires. Un dossier unique décrivant l'entreprise, ses références et ses certifications nous ferait gagner des semaines.", ['commande-publique', 'mise-en-relation']],
    ],
    [
      [helene, 'cap-digital', 'Un annuaire qualifié des solutions déjà déployées', "Chaque solution y serait décrite avec les collectivités qui l'ont testée, la durée, le coût et un contact. Les collectivités pourraient filtrer par problème à résoudre plutôt que par technologie.", ['mise-en-relation', 'donnees']],
      [marie, 'metropole-de-lyon', 'Un guide de l’achat innovant avec des clauses types', "Des modèles de marchés d'innovation, de conventions d'expérimentation et de clauses de propriété des données, validés par des juristes et réutilisables tels quels.", ['commande-publique'], 'epci:200046977'],
      [lea, 'mobilcity', 'Un dossier entreprise unique réutilisable', "L'entreprise remplit une fois sa présentation, ses références et ses attestations ; chaque collectivité y accède au moment d'une consultation. Les mises à jour se font à un seul endroit.", ['commande-publique']],
      [julien, 'grand-paris-amenagement', 'Des sites d’expérimentation labellisés', "Les aménageurs proposeraient des terrains avec un cadre contractuel prêt à l'emploi : durée, assurance, remise en état. Les startups candidateraient sur un site précis.", ['experimentation'], 'region:11'],
      [karim, 'avitem', 'Des ateliers mixtes entre villes des deux rives', "Réunir chaque trimestre deux villes françaises et deux villes du sud de la Méditerranée autour d'un même défi, avec restitution publique des solutions repérées.", ['mise-en-relation'], 'commune:13055'],
      [helene, 'cap-digital', 'Un fonds d’amorçage pour les expérimentations', "Un fonds mutualisé entre l'État, les régions et les grands groupes financerait la moitié du coût d'une expérimentation, à condition que son évaluation soit publiée.", ['financement']],
      [thomas, null, 'Une carte publique des expérimentations en cours', "Chaque expérimentation serait visible sur une carte : ce qui est testé, par qui, jusqu'à quand, et les données collectées. Les habitants pourraient poser des questions au porteur.", ['experimentation', 'donnees']],
      [julien, 'grand-paris-amenagement', 'Un référentiel d’évaluation commun', "Une grille d'indicateurs partagée par thème (eau, chaleur, mobilité) pour que les bilans soient comparables d'une ville à l'autre et d'une solution à l'autre.", ['experimentation', 'donnees']],
      [marie, 'metropole-de-lyon', 'Des appels à défis plutôt que des appels d’offres', "La collectivité décrit son problème sans imposer la solution ; les entreprises proposent des approches et les meilleures sont testées en conditions réelles.", ['commande-publique', 'experimentation'], 'epci:200046977'],
      [lea, 'mobilcity', 'Des formats de données ouverts communs', "Adopter des schémas nationaux pour les comptages vélo, les stationnements et la qualité de l'air, et aider les villes à publier dans ces formats.", ['donnees']],
      [karim, 'avitem', 'Un glossaire partagé de l’innovation urbaine', "Un lexique illustré qui traduit les termes techniques pour les élus, les agents et les entreprises, enrichi par les contributions des ateliers.", ['mise-en-relation']],
      [thomas, null, 'Un accompagnement des petites communes par le département', "Une équipe départementale mutualisée aiderait les petites communes à formuler leurs besoins et à rejoindre des expérimentations déjà lancées ailleurs.", ['financement', 'mise-en-relation']],
      [helene, 'cap-digital', 'Des rendez-vous d’affaires thématiques', "Des sessions courtes où une collectivité présente un défi et rencontre cinq entreprises présélectionnées, en ligne ou en région.", ['mise-en-relation']],
      [julien, 'grand-paris-amenagement', 'Associer les habitants par des panels d’usagers', "Pour chaque expérimentation, un petit panel d'habitants volontaires suit le test et donne son avis à mi-parcours, avec un compte rendu public.", ['experimentation']],
    ],
    [
      [helene, 'cap-digital', 'Fiches solutions avec références vérifiées', "Chaque organisation publie des fiches solutions ; une référence n'apparaît comme vérifiée que lorsque la collectivité citée l'a confirmée depuis son propre compte.", ['mise-en-relation', 'donnees']],
      [marie, 'metropole-de-lyon', 'Publier un défi et recevoir des réponses structurées', "La collectivité rédige un défi avec ses contraintes et son calendrier ; les entreprises répondent dans un formulaire commun, comparables d'un coup d'œil.", ['commande-publique', 'experimentation'], 'epci:200046977'],
      [lea, 'mobilcity', 'Profil d’entreprise avec pièces justificatives', "Le profil contient les attestations fiscales et sociales, à jour, partageables avec une collectivité en un clic au moment d'une consultation.", ['commande-publique']],
      [julien, 'grand-paris-amenagement', 'Catalogue des terrains d’expérimentation', "Un catalogue de sites proposés par les aménageurs, avec surface, durée disponible, réseaux présents et convention type téléchargeable.", ['experimentation'], 'region:11'],
      [karim, 'avitem', 'Espace d’échange multilingue', "Les fiches et les discussions se traduisent en anglais et en arabe pour que les villes méditerranéennes puissent participer sans intermédiaire.", ['mise-en-relation'], 'commune:13055'],
      [thomas, null, 'Carte des expérimentations avec questions aux porteurs', "Sur la carte, chaque point ouvre une fiche avec le porteur, les dates, les données collectées et un fil de questions auquel le porteur s'engage à répondre.", ['experimentation', 'donnees']],
      [helene, 'cap-digital', 'Tableau de bord des consultations', "Les organisateurs suivent le nombre de contributions par phase, par type d'acteur et par territoire, et exportent le tout en CSV.", ['donnees']],
      [marie, 'metropole-de-lyon', 'Modèles de documents d’achat innovant', "Une bibliothèque de modèles à télécharger : convention d'expérimentation, marché d'innovation, clause de réversibilité des données.", ['commande-publique'], 'epci:200046977'],
      [julien, 'grand-paris-amenagement', 'Grille d’évaluation intégrée aux projets', "Chaque projet d'expérimentation choisit ses indicateurs dans le référentiel commun ; le bilan se remplit dans la plateforme et devient consultable par tous.", ['experimentation', 'donnees']],
      [lea, 'mobilcity', 'Alertes sur les nouveaux défis', "Une entreprise s'abonne à des thèmes et des territoires et reçoit un courriel dès qu'un défi correspondant est publié.", ['mise-en-relation']],
      [karim, 'avitem', 'Inscription aux ateliers et comptes rendus en ligne', "Les ateliers sont annoncés sur la plateforme ; on s'y inscrit, on reçoit le lien ou l'adresse, et le compte rendu est publié au même endroit.", ['mise-en-relation']],
      [camille, null, 'Connexion avec ProConnect pour les agents', "Les agents publics se connectent avec leur identité professionnelle, sans créer un mot de passe de plus, et sont rattachés automatiquement à leur collectivité.", ['donnees']],
      [helene, 'cap-digital', 'API ouverte pour réutiliser les données', "Toutes les données publiques de la plateforme sont accessibles par une API documentée, pour que d'autres outils puissent les réutiliser.", ['donnees']],
    ],
  ],
};

export const freshCities: DemoConsultation = {
  slug: 'rafraichir-nos-villes',
  cover: 'park',
  title: 'Rafraîchir nos villes',
  description: `Les étés 2025 et 2026 ont battu des records de chaleur. Collectivités, entreprises et habitants : partagez ce qui rend vos rues invivables, puis les solutions qui ont marché ailleurs.

Les contributions retenues nourriront un **appel à défis** ouvert aux entreprises à l'automne.`,
  organizers: ['cerema', 'avitem'],
  territoryCodes: ['13', '34', '69'],
  themes: [
    ['ombre', 'Ombre et végétation'],
    ['eau', 'Eau'],
    ['materiaux', 'Matériaux'],
    ['usages', 'Usages'],
  ],
  phases: [
    { title: 'Les points chauds', question: 'Où et quand la chaleur rend-elle la ville difficile à vivre ?', kinds: ['need'], start: -40, end: -10 },
    { title: 'Les solutions', question: 'Quelles solutions rafraîchissent durablement une rue, une cour, une place ?', kinds: ['idea'], start: -10, end: 20 },
    { title: 'Le cahier des défis', question: 'Quels défis proposer aux entreprises ?', kinds: ['feature'], start: 20, end: 50 },
  ],
  contributions: [
    [
      [marie, 'metropole-de-lyon', 'Les cours d’école en bitume', "Les cours d'école atteignent 50 °C au sol dès la mi-juin. Les enfants n'ont aucune ombre pendant la récréation de midi.", ['ombre', 'usages'], 'commune:69123'],
      [karim, 'avitem', 'Les arrêts de bus sans abri', "À Marseille, de nombreux arrêts n'ont ni abri ni arbre. Les personnes âgées renoncent à sortir aux heures chaudes.", ['ombre', 'usages'], 'commune:13055'],
      [thomas, null, 'Les nuits trop chaudes dans les logements du dernier étage', "Sous les toits, la température ne descend plus sous 28 °C la nuit. Les habitants dorment dans les parcs quand ils le peuvent.", ['materiaux']],
      [lea, 'mobilcity', 'Les pistes cyclables en plein soleil', "Nos capteurs montrent une chute de 40 % des passages vélo l'après-midi pendant les canicules sur les axes sans arbres.", ['ombre', 'usages'], 'commune:69123'],
    ],
    [
      [julien, 'grand-paris-amenagement', 'Désimperméabiliser les cours d’école', "Remplacer l'enrobé par des sols perméables et plantés, avec les enfants et les parents associés au projet : plusieurs villes l'ont fait en deux étés.", ['ombre', 'eau'], 'region:11'],
      [karim, 'avitem', 'Des ombrières végétalisées aux arrêts de bus', "Des structures légères plantées de grimpantes, installables en une journée, testées à Tunis et à Barcelone.", ['ombre'], 'commune:13055'],
      [marie, 'metropole-de-lyon', 'Des fontaines et brumisateurs sur les places', "Réactiver les fontaines existantes et ajouter des brumisateurs pilotés par la température, en surveillant la consommation d'eau.", ['eau', 'usages'], 'epci:200046977'],
      [thomas, null, 'Peindre les toits en blanc', "Les revêtements réfléchissants font baisser de plusieurs degrés la température sous les toits, pour un coût modeste.", ['materiaux']],
    ],
    [],
  ],
};

/** Reactions of the demo, by contribution title: arguments for and against and a few comments. */
export const demoArguments: [string, 'for' | 'against', string][] = [
  ['Des cycles de décision trop longs pour une jeune entreprise', 'for', 'Dix-huit mois, c’est aussi notre expérience : la trésorerie ne tient pas.'],
  ['Des cycles de décision trop longs pour une jeune entreprise', 'against', 'Les délais protègent aussi l’argent public : il faut les raccourcir sans supprimer les contrôles.'],
  ['Un annuaire qualifié des solutions déjà déployées', 'for', 'Indispensable pour ne pas refaire les mêmes erreurs.'],
  ['Un annuaire qualifié des solutions déjà déployées', 'against', 'Un annuaire de plus, qui le tiendra à jour ?'],
  ['Des appels à défis plutôt que des appels d’offres', 'for', 'Laisser les entreprises proposer, c’est la seule façon de découvrir ce qu’on ne connaît pas.'],
  ['Désimperméabiliser les cours d’école', 'for', 'Le coût est raisonnable et le bénéfice immédiat pour les enfants.'],
  ['Des fontaines et brumisateurs sur les places', 'against', 'En période de sécheresse, les brumisateurs sont difficiles à justifier.'],
];

export const demoComments: [string, string, string][] = [
  ['Trouver des startups qui ont déjà testé leur solution ailleurs', lea, 'Nous serions ravis de partager nos résultats de Villeurbanne.'],
  ['Un guide de l’achat innovant avec des clauses types', julien, 'Les aménageurs ont aussi besoin de ces modèles.'],
  ['Désimperméabiliser les cours d’école', marie, 'Nous avons trois cours en travaux cet été : venez voir !'],
  ['Des ombrières végétalisées aux arrêts de bus', thomas, 'Et l’entretien des plantes en été, qui s’en charge ?'],
];

/** Traceability of the seed scenario: [idea or feature, what it answers]. */
export const demoLinks: [string, string[]][] = [
  ['Un annuaire qualifié des solutions déjà déployées', ['Trouver des startups qui ont déjà testé leur solution ailleurs', 'Connaître les besoins réels des collectivités']],
  ['Un guide de l’achat innovant avec des clauses types', ['Sécuriser juridiquement l’achat d’une innovation', 'Des cycles de décision trop longs pour une jeune entreprise']],
  ['Un dossier entreprise unique réutilisable', ['Être référencé sans répondre à cent appels d’offres']],
  ['Des sites d’expérimentation labellisés', ['Expérimenter sur un chantier sans bloquer le planning']],
  ['Des ateliers mixtes entre villes des deux rives', ['Partager les retours d’expérience entre villes méditerranéennes']],
  ['Un fonds d’amorçage pour les expérimentations', ['Financer la phase entre prototype et déploiement']],
  ['Une carte publique des expérimentations en cours', ['Savoir ce qui est testé dans mon quartier']],
  ['Un référentiel d’évaluation commun', ['Évaluer une expérimentation de manière comparable']],
  ['Des appels à défis plutôt que des appels d’offres', ['Connaître les besoins réels des collectivités', 'Sécuriser juridiquement l’achat d’une innovation']],
  ['Des formats de données ouverts communs', ['Accéder aux données de mobilité des collectivités']],
  ['Un glossaire partagé de l’innovation urbaine', ['Traduire les besoins techniques en langage commun']],
  ['Un accompagnement des petites communes par le département', ['Des petites communes oubliées de l’innovation']],
  ['Associer les habitants par des panels d’usagers', ['Associer les habitants dès la conception']],
  ['Fiches solutions avec références vérifiées', ['Un annuaire qualifié des solutions déjà déployées']],
  ['Publier un défi et recevoir des réponses structurées', ['Des appels à défis plutôt que des appels d’offres']],
  ['Profil d’entreprise avec pièces justificatives', ['Un dossier entreprise unique réutilisable']],
  ['Catalogue des terrains d’expérimentation', ['Des sites d’expérimentation labellisés']],
  ['Espace d’échange multilingue', ['Des ateliers mixtes entre villes des deux rives', 'Un glossaire partagé de l’innovation urbaine']],
  ['Carte des expérimentations avec questions aux porteurs', ['Une carte publique des expérimentations en cours']],
  ['Modèles de documents d’achat innovant', ['Un guide de l’achat innovant avec des clauses types']],
  ['Grille d’évaluation intégrée aux projets', ['Un référentiel d’évaluation commun']],
  ['Alertes sur les nouveaux défis', ['Des rendez-vous d’affaires thématiques', 'Des appels à défis plutôt que des appels d’offres']],
  ['API ouverte pour réutiliser les données', ['Des formats de données ouverts communs']],
];

/** The organizers' official answer on one idea. */
export const demoAnswer = {
  title: 'Un guide de l’achat innovant avec des clauses types',
  by: helene,
  status: 'retained' as const,
  text: 'Retenue. Le guide sera rédigé avec la direction des achats de l’État et publié sur la plateforme au premier trimestre 2021 ; les clauses types seront proposées en téléchargement dans la phase « Construisons les outils ».',
};

/** A duplicate written in phase 1, merged by the organizers into the need it repeats. */
export const demoDuplicate = {
  kept: 'Trouver des startups qui ont déjà testé leur solution ailleurs',
  author: thomas,
  title: 'Savoir quelles entreprises ont déjà fait leurs preuves',
  body: 'Avant de tester une solution dans notre commune, nous aimerions savoir quelles autres villes l’ont déjà essayée et ce qu’elles en pensent.',
};

/** The synthesis of phase 1: `{{Title}}` is replaced by the citation of that contribution. */
export const demoSynthesis = {
  by: helene,
  body: `## Ce que nous avons entendu

Quatorze besoins ont été exprimés par des collectivités, des aménageurs, des startups et des habitants. Trois familles se dégagent.

**Se trouver.** Les collectivités peinent à identifier les entreprises qui ont déjà fait leurs preuves ({{Trouver des startups qui ont déjà testé leur solution ailleurs}}) et les entreprises ne connaissent pas les besoins réels des territoires ({{Connaître les besoins réels des collectivités}}).

**Acheter et financer.** La peur du délit de favoritisme ({{Sécuriser juridiquement l’achat d’une innovation}}) et le creux de financement entre prototype et déploiement ({{Financer la phase entre prototype et déploiement}}) freinent le passage à l’échelle.

**Évaluer et partager.** Sans indicateurs communs ({{Évaluer une expérimentation de manière comparable}}), les retours d’expérience ne circulent pas.

La phase « Imaginons des solutions » est ouverte depuis le 12 octobre : proposez des réponses à ces besoins.`,
};
