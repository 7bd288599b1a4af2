// A local stand-in for the national company search API ("Recherche d'entreprises"): same path, same answer shape,
// a few known establishments, and a mode that never answers to test timeouts.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RegisterEntry {
  siret: string;
  name: string;
  category: string;
  postalCode: string;
  city: string;
}

/** SIRETs with a valid checksum: a commune, a company, an association, an EPCI. */
export const knownEstablishments = {
  commune: { siret: '21690123100011', name: 'COMMUNE DE LYON', category: '7210', postalCode: '69001', city: 'LYON' },
  company: { siret: '81234567800013', name: 'MOBILCITY', category: '5710', postalCode: '69003', city: 'LYON' },
  association: { siret: '44306184100047', name: 'ASSOCIATION DES AMIS DU PARVIS', category: '9220', postalCode: '13001', city: 'MARSEILLE' },
  epci: { siret: '20004697700019', name: 'METROPOLE DE LYON', category: '7229', postalCode: '69003', city: 'LYON' },
} satisfies Record<string, RegisterEntry>;

export interface FakeRegister {
  url: string;
  /** every SIRET asked for, in order */
  queries: string[];
  /** while true, requests are accepted and never answered */
  hang: boolean;
  close(): Promise<void>;
}

function result(entry: RegisterEntry) {
  const siren = entry.siret.slice(0, 9);
  const establishment = {
    siret: entry.siret,
    activite_principale: '84.11Z',
    adresse: `1 PLACE DE LA MAIRIE ${entry.postalCode} ${entry.city}`,
    code_postal: entry.postalCode,
    commune: '69123',
    est_siege: true,
    etat_administratif: 'A',
    libelle_commune: entry.city,
  };
  return {
    siren,
    nom_complet: entry.name.toLowerCase().replace(/\b\w/g, (c) => c.toUpperCase()),
    nom_raison_sociale: entry.name,
    sigle: null,
    nombre_etablissements: 1,
    nombre_etablissements_ouverts: 1,
    activite_principale: '84.11Z',
    categorie_entreprise: 'PME',
    etat_administratif: 'A',
    nature_juridique: entry.category,
    siege: establishment,
    matching_etablissements: [establishment],
  };
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function startCompanyRegister(entries: RegisterEntry[] = Object.values(knownEstablishments)): Promise<FakeRegister> {
  const bySiret = new Map(entries.map((e) => [e.siret, e]));
  const hanging = new Set<ServerResponse>();
  const fake: FakeRegister = { url: '', queries: [], hang: false, close: async () => {} };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/search') return json(res, 404, { erreur: 'Not found' });
    const q = url.searchParams.get('q') ?? '';
    fake.queries.push(q);
    if (fake.hang) {
      hanging.add(res);
      return;
    }
    const entry = bySiret.get(q);
    json(res, 200, { results: entry ? [result(entry)] : [], total_results: entry ? 1 : 0, page: 1, per_page: 10, total_pages: entry ? 1 : 0 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return fake;
}
