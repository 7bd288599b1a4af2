// SIRET numbers and what a legal category (INSEE "catégorie juridique") may prove about an organization's type.
import type { OrganizationType } from './schema.ts';

/** Spaces and dots are how people write a SIRET ("130 025 265 00013"); they are not part of it. */
export function normalizeSiret(raw: string): string {
  return raw.replace(/[\s.]/g, '');
}

/** 14 digits whose Luhn sum is a multiple of 10 (La Poste's establishments, which break the rule, are not handled). */
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let digit = Number(siret[13 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

const companies: OrganizationType[] = ['startup', 'pme_eti', 'grand_groupe', 'bureau_etudes'];

/**
 * Which claimed types a legal category can confirm (ranges inclusive; a code in several rows confirms the types of each).
 * The register says what kind of legal person an organization is, not its size: "startup", "PME/ETI",
 * "grand groupe" and "bureau d'études" are all companies to it, so any company category confirms any of them.
 * What it can tell apart, and what matters most here, is public from private: only a local authority's
 * category confirms "collectivité", so nobody may pass for a city they are not.
 */
const categoryTable: { from: number; to: number; types: OrganizationType[]; why: string }[] = [
  // 7210 commune, 7220 département, 7225 overseas authority, 7229 other territorial authority (Métropole de Lyon,
  // Corsica…), 7230 région.
  { from: 7210, to: 7230, types: ['collectivite'], why: 'territorial authorities' },
  // 7312 delegated or associated commune, 7313 section de commune.
  { from: 7312, to: 7313, types: ['collectivite'], why: 'parts of a commune' },
  // 7340–7349 EPCI (métropole, communauté urbaine, d'agglomération, de communes, pôle métropolitain),
  // 7351–7357 ententes and syndicats (SIVU, syndicats mixtes, PETR): groupings of authorities.
  { from: 7340, to: 7357, types: ['collectivite'], why: 'intermunicipal bodies and syndicats' },
  // 7111–7190: the State itself (ministries, their central and deconcentrated services, independent authorities).
  { from: 7111, to: 7190, types: ['service_etat'], why: 'State administration' },
  // 7383 universities and other EPSCP, 7384 other national teaching establishments.
  { from: 7383, to: 7384, types: ['recherche'], why: 'universities and grandes écoles' },
  // 7382, 7385, 7389: national public administrative establishments (Cerema, ADEME, ANCT, CNRS…): State agencies,
  // many of which do research.
  { from: 7382, to: 7382, types: ['service_etat'], why: 'national public establishments with a central role' },
  { from: 7385, to: 7389, types: ['service_etat', 'recherche'], why: 'national public administrative establishments' },
  // 7410 GIP: public-interest groupings host networks, research consortia and development agencies.
  { from: 7410, to: 7410, types: ['reseau', 'recherche', 'amenageur'], why: 'public interest groupings' },
  // 4110–4120 national EPIC: the EPA d'aménagement (Grand Paris Aménagement, Euroméditerranée) and research bodies
  // (CEA, CNES); 4140 local EPIC (local land agencies), 4150 local industrial and commercial régies.
  { from: 4110, to: 4120, types: ['amenageur', 'recherche'], why: 'national industrial and commercial public establishments' },
  { from: 4140, to: 4150, types: ['amenageur'], why: 'local industrial and commercial public establishments' },
  // SEM (5415, 5515, 5615), SPL (registered as ordinary SA, 5599/5699, or SAS, 5710) and social housing companies
  // (5546, 5547, 5646, 5647) are companies: they may be aménageurs — and so may private developers, who take
  // development concessions too — or plain companies. The register cannot say more, so both are accepted.
  { from: 5000, to: 5999, types: ['amenageur', 'reseau', 'recherche', ...companies], why: 'commercial companies' },
  // 1000 sole traders: consultancies and young firms.
  { from: 1000, to: 1000, types: ['bureau_etudes', 'startup'], why: 'sole traders' },
  // 6220 GIE, 6317/6318 cooperatives: groupings of companies.
  { from: 6220, to: 6220, types: ['reseau', 'grand_groupe'], why: 'economic interest groupings' },
  // 9210–9260 associations, 9300 foundations: associations, and the clusters, networks and labs built on them.
  { from: 9210, to: 9260, types: ['association', 'reseau', 'recherche'], why: 'associations' },
  { from: 9300, to: 9300, types: ['association', 'reseau', 'recherche'], why: 'foundations' },
];

/** The types a legal category can confirm; none for a category the table does not know. */
export function typesForCategory(category: string | null | undefined): OrganizationType[] {
  const code = Number(category);
  if (!Number.isInteger(code)) return [];
  return [...new Set(categoryTable.filter((row) => code >= row.from && code <= row.to).flatMap((row) => row.types))];
}

export function categoryConfirms(category: string | null | undefined, type: OrganizationType): boolean {
  return typesForCategory(category).includes(type);
}
