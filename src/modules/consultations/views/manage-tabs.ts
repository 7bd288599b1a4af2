// The tabs of a consultation's management page and their addresses: where each form comes back to once saved, and
// where a confirmation page's "cancel" leads (views/arrange.tsx, views/manage.tsx).
import type { ViewContext } from '../../../platform/views/context.ts';
import type { Tab } from '../../../platform/views/tabs.tsx';
import type { Consultation } from '../service.ts';

export const manageTabIds = ['general', 'cover', 'phases', 'themes', 'syntheses'] as const;
export type ManageTab = (typeof manageTabIds)[number];

export const manageTabs = (ctx: ViewContext): Tab<ManageTab>[] => manageTabIds.map((id) => ({ id, label: ctx.ta(`consultations:manage.tab.${id}`) }));

/** The page's address for a tab: where a form of that tab comes back to once saved. */
export function managePath(consultation: Pick<Consultation, 'slug'>, tab: ManageTab = 'general'): string {
  const base = `/consultations/${consultation.slug}/edit`;
  return tab === 'general' ? base : `${base}?tab=${tab}`;
}
