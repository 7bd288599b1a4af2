// Projects have no cover of their own: their card shows the illustration of their first domain that has one, so a
// list of projects reads at a glance (mobility, nature, energy…) without anyone uploading an image.
import type { ViewContext } from '../../../platform/views/context.ts';
import { IllustrationImage, type Illustration } from '../../../platform/views/illustrations.tsx';

const byDomain: Partial<Record<string, Illustration>> = {
  mobilite: 'tram',
  logistique: 'streets',
  securite: 'streets',
  energie: 'energy',
  batiment: 'energy',
  nature_en_ville: 'park',
  eau: 'park',
  espace_public: 'neighbourhood',
  participation: 'neighbourhood',
  culture_tourisme: 'neighbourhood',
};

export function domainIllustration(domains: readonly string[]): Illustration | undefined {
  for (const domain of domains) if (byDomain[domain]) return byDomain[domain];
  return undefined;
}

export function ProjectIllustration({ ctx, domains }: { ctx: ViewContext; domains: readonly string[] }) {
  const name = domainIllustration(domains);
  return name ? <IllustrationImage ctx={ctx} name={name} class="card-cover" /> : '';
}
