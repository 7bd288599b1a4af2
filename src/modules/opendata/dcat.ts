// The catalogue in DCAT (DCAT-AP as national open-data portals harvest it), as JSON-LD: one dataset for the platform
// and one per consultation, each with its archive as a distribution, its licence and its documentation.
import { licence } from './archive.ts';
import { consultationScope, platformScope, type Archive } from './service.ts';

interface ConsultationRef {
  id: number;
  slug: string;
  title: string;
  description?: string;
}

export function dcatCatalog(publicUrl: string, archives: Archive[], consultations: ConsultationRef[]) {
  const byScope = new Map(archives.map((a) => [a.scope, a]));
  const dataset = (scope: string, id: string, title: string, description: string, page: string, download: string) => {
    const archive = byScope.get(scope);
    return {
      '@id': `${publicUrl}${page}#dataset`,
      '@type': 'dcat:Dataset',
      'dct:identifier': id,
      'dct:title': title,
      'dct:description': description,
      'dct:publisher': { '@type': 'foaf:Organization', 'foaf:name': 'Parvis' },
      'dct:license': { '@id': licence.url },
      'dct:modified': archive?.builtAt?.toISOString(),
      'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/FRA' },
      'dcat:landingPage': { '@id': `${publicUrl}${page}` },
      'dcat:keyword': ['concertation', 'participation citoyenne', 'innovation urbaine'],
      'dcat:distribution': [
        {
          '@type': 'dcat:Distribution',
          'dct:title': `${title} (zip : CSV, CSV Excel, JSON)`,
          'dcat:downloadURL': { '@id': `${publicUrl}${download}` },
          'dcat:accessURL': { '@id': `${publicUrl}${page}` },
          'dcat:mediaType': 'application/zip',
          'dct:format': 'ZIP',
          'dct:license': { '@id': licence.url },
          ...(archive?.builtAt ? { 'dcat:byteSize': archive.bytes, 'spdx:checksum': { '@type': 'spdx:Checksum', 'spdx:algorithm': 'spdx:checksumAlgorithm_sha256', 'spdx:checksumValue': archive.sha256 } } : {}),
          'dct:conformsTo': { '@id': 'https://specs.frictionlessdata.io/data-package/' },
        },
      ],
    };
  };
  return {
    '@context': { dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', foaf: 'http://xmlns.com/foaf/0.1/', spdx: 'http://spdx.org/rdf/terms#' },
    '@id': `${publicUrl}/open-data#catalog`,
    '@type': 'dcat:Catalog',
    'dct:title': 'Parvis — données ouvertes',
    'dct:description': 'Les consultations et les contributions de Parvis, sans données personnelles.',
    'dct:license': { '@id': licence.url },
    'foaf:homepage': { '@id': `${publicUrl}/open-data` },
    'dcat:dataset': [
      dataset(platformScope, 'parvis', 'Parvis — toute la plateforme', 'Consultations, phases, contributions, votes agrégés, arguments, commentaires, synthèses, événements, projets publics et organisations.', '/open-data', '/open-data/parvis-open-data.zip'),
      ...consultations.map((c) => dataset(consultationScope(c.id), `parvis-${c.slug}`, `Parvis — ${c.title}`, c.description ?? c.title, `/consultations/${c.slug}/open-data`, `/consultations/${c.slug}/open-data.zip`)),
    ],
  };
}
