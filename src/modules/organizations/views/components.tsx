// Pieces every organization page shares: the type with its verified or declared badge, domains, territory, cards.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Icon } from '../../../platform/views/icons.tsx';
import { getTerritory } from '../../territories/data.ts';
import { territoryLabel } from '../../territories/views.tsx';
import { domains, organizationTypes, type Domain, type OrganizationType } from '../schema.ts';

export const typeOptions = (ctx: ViewContext) => organizationTypes.map((value) => ({ value, label: ctx.ta(`organizations:type.${value}`) }));
export const domainOptions = (ctx: ViewContext) => domains.map((value) => ({ value, label: ctx.ta(`organizations:domain.${value}`) }));

export function logoUrl(org: { slug: string; logoFileId: string | null }): string | undefined {
  // The file id in the address lets the logo be cached for good: a new logo is a new address.
  return org.logoFileId ? `/organizations/${org.slug}/logo?v=${org.logoFileId}` : undefined;
}

/** The type is only claimed until verified; the badge says which, in words and not by colour alone. */
export function TypeBadge({ ctx, type, verified }: { ctx: ViewContext; type: OrganizationType; verified: boolean }) {
  return (
    <span class="org-type">
      <span>{ctx.t(`organizations:type.${type}`)}</span>{' '}
      {verified ? (
        <span class="badge badge-verified">
          <Icon name="shield" /> {ctx.t('organizations:badge.verified')}
        </span>
      ) : (
        <span class="badge badge-claimed">{ctx.t('organizations:badge.claimed')}</span>
      )}
    </span>
  );
}

export function TerritoryName({ ctx, kind, code }: { ctx: ViewContext; kind: string | null; code: string | null }) {
  const territory = kind && code ? getTerritory(kind, code) : undefined;
  if (!territory) return <></>;
  return (
    <span>
      <Icon name="map" /> <span safe>{territoryLabel(ctx, territory)}</span>
    </span>
  );
}

export function DomainList({ ctx, values }: { ctx: ViewContext; values: Domain[] }) {
  if (values.length === 0) return <></>;
  // A list cannot carry a label of its own (aria-label on <ul> is not allowed): a hidden lead-in names it.
  return (
    <>
      <span class="visually-hidden">{ctx.t('organizations:field.domains')} :</span>
      <ul class="tags">
        {values.map((d) => (
          <li>{ctx.t(`organizations:domain.${d}`)}</li>
        ))}
      </ul>
    </>
  );
}

export interface CardData {
  slug: string;
  name: string;
  type: OrganizationType;
  domains: Domain[];
  territoryKind: string | null;
  territoryCode: string | null;
  logoFileId: string | null;
  verifiedAt: Date | null;
}

export function OrganizationCard({ ctx, org }: { ctx: ViewContext; org: CardData }) {
  const logo = logoUrl(org);
  return (
    <li>
      <article>
        <header>
          {logo ? <img src={logo} alt="" class="logo" width="48" height="48" loading="lazy" /> : ''}
          <h3>
            <a href={`/organizations/${org.slug}`} safe>
              {org.name}
            </a>
          </h3>
          <p class="meta">
            <TypeBadge ctx={ctx} type={org.type} verified={org.verifiedAt !== null} />
          </p>
        </header>
        <p class="meta">
          <TerritoryName ctx={ctx} kind={org.territoryKind} code={org.territoryCode} />
        </p>
        <DomainList ctx={ctx} values={org.domains} />
      </article>
    </li>
  );
}
