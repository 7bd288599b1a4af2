// French vocabulary for the scale data, combined in SQL: every title, body and name is a pick from these lists by a
// hash of the row's number, so two million rows give the full-text and trigram indexes a realistic vocabulary
// (the Grand Débat's themes: transport, services publics, fiscalité, transition écologique, démocratie) without one
// round trip per row.

/** A SQL string literal. */
export const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** A non-negative pseudo-random bigint from an integer SQL expression and a salt: the same inputs, the same value. */
export const hash = (expr: string, salt: number): string => `(hashint8extended((${expr})::bigint, ${salt}) & 9223372036854775807)`;

/** A pseudo-random number in (0, 1]. */
export const unit = (expr: string, salt: number): string => `((${hash(expr, salt)} % 1000000 + 1) / 1000000.0)`;

/** One of the words, chosen by the hash of the expression. */
export function pick(words: readonly string[], expr: string, salt: number): string {
  if (words.length === 1) return literal(words[0]!);
  return `(array[${words.map(literal).join(',')}]::text[])[1 + (${hash(expr, salt)} % ${words.length})::int]`;
}

/** French elision and contraction once the picks are joined: "de une" → "d’une", "à Le Havre" → "au Havre". */
const contractions: [string, string][] = [
  ['\\m(d|qu)e ([aeiouyàâéèêîôûAEIOUYÀÂÉÈÊÎÔÛ])', '\\1’\\2'],
  ['\\mà Le ', 'au '],
  ['\\mà Les ', 'aux '],
  ['\\mde Le ', 'du '],
  ['\\mde Les ', 'des '],
];
export const french = (expr: string): string => contractions.reduce((text, [pattern, replacement]) => `regexp_replace(${text}, '${pattern}', '${replacement}', 'g')`, expr);

/** "de" before each phrase, elided before a vowel ("d’améliorer"), so the bulk text needs no regular expression. */
export const withDe = (list: readonly string[]): string[] => list.map((w) => (/^[aeiouyàâéèêîôû]/i.test(w) ? `d’${w}` : `de ${w}`));

/** "à Lyon", "au Havre", "aux Mureaux": a commune's name after "à". */
export function atCommune(name: string): string {
  if (name.startsWith('Le ')) return `au ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `aux ${name.slice(4)}`;
  return `à ${name}`;
}

export const capitalize = (expr: string): string => `(upper(left(${expr}, 1)) || substr(${expr}, 2))`;

/** What people ask for; each reads after "les" ("les lignes de bus"). */
export const subjects = [
  'lignes de bus', 'pistes cyclables', 'maisons de santé', 'bureaux de poste', 'commerces de proximité', 'bornes de recharge électrique',
  'logements sociaux', 'transports scolaires', 'espaces verts', 'services publics', 'trains du quotidien', 'parkings relais',
  'jardins partagés', 'points de collecte des déchets', 'aides à la rénovation énergétique', 'démarches administratives en ligne',
  'maisons France services', 'crèches municipales', 'équipements sportifs', 'trottoirs', 'arbres d’alignement', 'fontaines à boire',
  'toilettes publiques', 'abris à vélos sécurisés', 'lieux culturels', 'écoles rurales', 'réseaux de chaleur', 'panneaux solaires sur les toits',
  'cours d’école végétalisées', 'aires de covoiturage', 'urgences hospitalières', 'médecins généralistes', 'impôts locaux', 'dépenses publiques',
  'consultations citoyennes', 'conseils de quartier', 'référendums locaux', 'circuits courts alimentaires', 'cantines scolaires', 'ressourceries',
  'réseaux de fibre optique', 'zones à faibles émissions', 'voies navigables', 'petites lignes ferroviaires', 'îlots de fraîcheur',
] as const;

/** Where: read after the subject. */
export const places = [
  'dans les zones rurales', 'en centre-ville', 'dans les quartiers prioritaires', 'près des gares', 'autour des écoles', 'dans les villes moyennes',
  'en périphérie des métropoles', 'dans les territoires de montagne', 'sur le littoral', 'dans les communes de moins de 2 000 habitants',
  'le long des routes départementales', 'en outre-mer', 'dans les bourgs-centres', 'près des collèges et des lycées', 'dans les zones d’activité',
  'à proximité des hôpitaux', 'pour les personnes âgées', 'pour les personnes en situation de handicap', 'pour les familles modestes',
  'pour les jeunes sans voiture', 'dans les villages isolés', 'entre les communes voisines',
] as const;

/** A need's title: "Les <subject> <finding> <place>". Gender-neutral forms only. */
export const findings = ['font défaut', 'manquent', 'coûtent trop cher', 'ne suffisent plus', 'restent difficiles d’accès', 'sont à repenser', 'disparaissent peu à peu', 'ferment trop tôt', 'sont saturés le matin', 'ne répondent plus aux besoins'] as const;

/** An idea's title: "<verb> les <subject> <place>". */
export const ideaVerbs = ['Développer', 'Multiplier', 'Moderniser', 'Rénover', 'Sécuriser', 'Mutualiser', 'Financer autrement', 'Ouvrir davantage', 'Relocaliser', 'Simplifier', 'Réorganiser', 'Préserver', 'Rendre accessibles', 'Évaluer chaque année'] as const;

/** A feature's title: "<tool> pour <action> les <subject> <place>". */
export const tools = ['Un service en ligne', 'Une application mobile', 'Un guichet unique', 'Une carte interactive', 'Un simulateur', 'Une plateforme citoyenne', 'Un système de réservation', 'Un tableau de bord public', 'Un numéro d’appel gratuit', 'Une borne d’information'] as const;
/** each reads before "les <subject>" */
export const toolActions = ['trouver', 'réserver', 'signaler les pannes sur', 'suivre en temps réel', 'comparer', 'noter', 'cartographier', 'financer', 'partager', 'améliorer'] as const;

export const openings = ['Aujourd’hui', 'Depuis des années', 'Chaque jour', 'Depuis la fermeture de la gare', 'Avec la hausse du prix du carburant', 'Dans notre commune', 'Depuis la crise sanitaire', 'Chaque hiver', 'Pendant les canicules'] as const;
export const situations = [
  'les habitants doivent faire plus de trente minutes de route pour un rendez-vous', 'beaucoup de familles renoncent à se déplacer',
  'les personnes âgées se sentent isolées', 'le coût de la vie pèse lourd sur les budgets modestes', 'les jeunes quittent le territoire faute de solutions',
  'les démarches administratives découragent une partie de la population', 'la chaleur rend certaines rues invivables l’été',
  'les commerces ferment les uns après les autres', 'les bus passent une fois par heure au mieux', 'les factures d’énergie ont doublé en deux ans',
  'les parents n’ont pas de solution de garde', 'les médecins ne prennent plus de nouveaux patients', 'les trottoirs sont encombrés et dangereux',
] as const;
export const measures = [
  'la commune pourrait lancer un appel à projets', 'un budget participatif annuel financerait les premiers chantiers', 'les habitants seraient associés dès la conception',
  'une expérimentation de deux ans permettrait d’en mesurer l’effet', 'les intercommunalités mutualiseraient les moyens', 'l’État compenserait une partie des coûts',
  'les associations locales assureraient l’animation', 'un comité de suivi rendrait compte chaque année', 'les entreprises du territoire seraient sollicitées',
] as const;
export const toolUses = ['signaler un problème en deux clics', 'suivre l’avancement des travaux', 'consulter les horaires en temps réel', 'réserver un créneau sans se déplacer', 'comparer les aides disponibles', 'voter pour les projets prioritaires', 'trouver un covoiturage pour le marché', 'prendre rendez-vous avec un conseiller'] as const;
export const observations = ['la situation est particulièrement difficile', 'plusieurs associations portent déjà des initiatives', 'les élus se disent prêts à expérimenter', 'un collectif d’habitants s’est constitué', 'la demande est forte depuis plusieurs années', 'une pétition a réuni des centaines de signatures', 'rien n’a changé depuis dix ans'] as const;
export const benefits = [
  'réduire les émissions de gaz à effet de serre', 'retrouver du lien social', 'faire des économies sur les dépenses publiques', 'redonner confiance dans l’action publique',
  'améliorer la santé des habitants', 'lutter contre l’isolement', 'rendre le territoire plus attractif', 'créer des emplois non délocalisables',
  'mieux répartir l’effort fiscal', 'protéger la biodiversité', 'réduire les inégalités entre les territoires', 'rendre du pouvoir d’achat aux ménages',
] as const;
export const fundings = ['la taxe sur les transactions financières', 'une meilleure utilisation des fonds européens', 'la suppression de niches fiscales', 'un emprunt vert', 'la dotation de l’État aux collectivités', 'le mécénat des entreprises locales', 'une contribution des plateformes numériques'] as const;

export const argumentsFor = ['Indispensable pour les familles sans voiture.', 'Cela existe déjà ailleurs et fonctionne bien.', 'Un investissement rentable à long terme.', 'Bon pour la santé comme pour le climat.', 'Les plus modestes en profiteraient d’abord.', 'Simple à mettre en place rapidement.'] as const;
export const argumentsAgainst = ['Le coût d’entretien est sous-estimé.', 'Qui paiera une fois la subvention terminée ?', 'Cela risque de profiter surtout aux grandes villes.', 'Les délais annoncés ne sont pas réalistes.', 'Il faudrait d’abord consulter les riverains.', 'Cela fait doublon avec ce qui existe.'] as const;
export const commentTexts = [
  'Tout à fait d’accord, c’est la même chose chez nous.', 'Avez-vous une estimation du coût ?', 'Il faudrait préciser qui s’en chargerait.',
  'Une idée similaire a été testée dans la commune voisine, avec succès.', 'Je ne suis pas convaincu : les moyens manquent déjà.',
  'Merci pour cette proposition très concrète.', 'Et pour les personnes qui n’ont pas Internet ?', 'Le département devrait s’en saisir.',
  'Attention à ne pas oublier les zones rurales.', 'Cela rejoint la contribution sur les transports scolaires.',
] as const;

export const firstNames = ['Camille', 'Léa', 'Manon', 'Chloé', 'Emma', 'Inès', 'Jade', 'Louise', 'Sarah', 'Julie', 'Nathalie', 'Isabelle', 'Sophie', 'Martine', 'Françoise', 'Monique', 'Aïcha', 'Fatima', 'Élodie', 'Céline', 'Lucas', 'Hugo', 'Louis', 'Gabriel', 'Arthur', 'Jules', 'Thomas', 'Nicolas', 'Julien', 'Pierre', 'Philippe', 'Michel', 'Jean', 'Alain', 'Bernard', 'Karim', 'Mohamed', 'Yanis', 'Théo', 'Rémi', 'Loïc', 'Gaëlle', 'Hélène', 'Anaïs', 'Noémie'] as const;
export const lastNames = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Benali', 'Nguyen', 'Le Gall', 'Kerouac', 'Haddad'] as const;

/** Organization names by type: a prefix before a commune's name, or a brand. */
export const organizationPrefixes: Record<string, readonly string[]> = {
  collectivite: ['Ville de', 'Commune de', 'Communauté de communes de', 'Agglomération de', 'Métropole de'],
  amenageur: ['SPL Aménagement', 'SEM Territoires', 'Établissement public d’aménagement de', 'Société d’équipement de'],
  startup: ['Mobil', 'Urba', 'Civi', 'Geo', 'Data', 'Green', 'Smart', 'Agora', 'Voisi', 'Cycl'],
  pme_eti: ['Entreprise', 'Établissements', 'Groupe', 'Ateliers'],
  grand_groupe: ['Groupe', 'Holding', 'Compagnie'],
  bureau_etudes: ['Bureau d’études', 'Ingénierie', 'Conseil et territoires'],
  recherche: ['Laboratoire d’urbanisme de', 'Institut de recherche de', 'Chaire transitions de'],
  association: ['Association Vélo et territoires de', 'Collectif Zéro déchet de', 'Amis de la nature de', 'Habitants solidaires de', 'Maison des associations de'],
  service_etat: ['Préfecture de', 'Direction départementale des territoires de', 'Sous-préfecture de'],
  reseau: ['Réseau des tiers-lieux de', 'Réseau des villes durables de', 'Fédération des acteurs de'],
};
export const brandSuffixes = ['lab', 'tech', 'ity', 'flow', 'hub', 'way', 'sens', 'map', 'go', 'box'] as const;

export const eventTitles = ['Atelier citoyen', 'Réunion publique', 'Webinaire', 'Balade urbaine', 'Table ronde', 'Forum ouvert', 'Café-débat', 'Atelier de co-construction'] as const;

/** Big cities with their COG code and centre, for events held somewhere on the map. */
export const cities: readonly [code: string, name: string, latitude: number, longitude: number][] = [
  ['75056', 'Paris', 48.8566, 2.3522], ['13055', 'Marseille', 43.2965, 5.3698], ['69123', 'Lyon', 45.764, 4.8357], ['31555', 'Toulouse', 43.6047, 1.4442],
  ['06088', 'Nice', 43.7102, 7.262], ['44109', 'Nantes', 47.2184, -1.5536], ['34172', 'Montpellier', 43.6108, 3.8767], ['67482', 'Strasbourg', 48.5734, 7.7521],
  ['33063', 'Bordeaux', 44.8378, -0.5792], ['59350', 'Lille', 50.6292, 3.0573], ['35238', 'Rennes', 48.1173, -1.6778], ['51454', 'Reims', 49.2583, 4.0317],
  ['42218', 'Saint-Étienne', 45.4397, 4.3872], ['83137', 'Toulon', 43.1242, 5.928], ['76351', 'Le Havre', 49.4944, 0.1079], ['38185', 'Grenoble', 45.1885, 5.7245],
  ['21231', 'Dijon', 47.322, 5.0415], ['49007', 'Angers', 47.4784, -0.5632], ['30189', 'Nîmes', 43.8367, 4.3601], ['63113', 'Clermont-Ferrand', 45.7772, 3.087],
  ['72181', 'Le Mans', 48.0061, 0.1996], ['29019', 'Brest', 48.3904, -4.4861], ['37261', 'Tours', 47.3941, 0.6848], ['80021', 'Amiens', 49.8941, 2.2958],
  ['87085', 'Limoges', 45.8336, 1.2611], ['66136', 'Perpignan', 42.6887, 2.8948], ['57463', 'Metz', 49.1193, 6.1757], ['25056', 'Besançon', 47.2378, 6.0241],
  ['45234', 'Orléans', 47.9029, 1.9093], ['14118', 'Caen', 49.1829, -0.3707],
];
