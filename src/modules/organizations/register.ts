// The national company register ("Recherche d'entreprises" API): looks a SIRET up, never anything else.
export type RegisterAnswer =
  | { status: 'found'; legalName: string; legalCategory: string }
  | { status: 'not_found' }
  | { status: 'timeout' }
  | { status: 'unavailable' };

interface Establishment {
  siret?: string;
}
interface RegisterResult {
  siren?: string;
  nom_complet?: string;
  nom_raison_sociale?: string | null;
  nature_juridique?: string | null;
  siege?: Establishment;
  matching_etablissements?: Establishment[];
}

export const registerTimeoutMs = 3000;

/**
 * Only the configured base URL is ever fetched, with a SIRET already checked to be 14 digits as its query:
 * nothing a person types can point the server at another address. Redirects are refused for the same reason.
 */
export async function lookupSiret(baseUrl: string, siret: string, timeoutMs = registerTimeoutMs): Promise<RegisterAnswer> {
  if (!/^\d{14}$/.test(siret)) return { status: 'not_found' };
  const url = `${baseUrl.replace(/\/+$/, '')}/search?${new URLSearchParams({ q: siret })}`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error', headers: { accept: 'application/json' } });
    if (response.status === 404) return { status: 'not_found' };
    if (!response.ok) return { status: 'unavailable' };
    const body = (await response.json()) as { results?: RegisterResult[] };
    // The search is full-text: keep only a result that really holds this establishment.
    const match = (body.results ?? []).find((r) => r.siege?.siret === siret || (r.matching_etablissements ?? []).some((e) => e.siret === siret));
    if (!match || !match.nature_juridique) return { status: 'not_found' };
    return { status: 'found', legalName: match.nom_raison_sociale || match.nom_complet || '', legalCategory: String(match.nature_juridique) };
  } catch (error) {
    return (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError' ? { status: 'timeout' } : { status: 'unavailable' };
  }
}
