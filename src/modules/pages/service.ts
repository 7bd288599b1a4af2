// Editable static pages, with built-in texts until an admin writes their own.
import { eq } from 'drizzle-orm';
import { Type, type Static } from 'typebox';
import type { Db } from '../../platform/db/client.ts';
import { NotFound } from '../../platform/errors.ts';
import { now } from '../../platform/clock.ts';
import { translator } from '../../platform/http/i18n.ts';
import type { Actor } from '../../platform/policy.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import type { Locale } from '../accounts/schema.ts';
import { pageSlugs, pages, type PageSlug } from './schema.ts';

export const PageInput = Type.Object({
  titleFr: Type.String({ minLength: 1, maxLength: 120 }),
  titleEn: Type.String({ minLength: 1, maxLength: 120 }),
  bodyFr: Type.String({ minLength: 1, maxLength: 50_000 }),
  bodyEn: Type.String({ minLength: 1, maxLength: 50_000 }),
});
export type PageInput = Static<typeof PageInput>;

export function isPageSlug(slug: string): slug is PageSlug {
  return (pageSlugs as readonly string[]).includes(slug);
}

function defaults(slug: PageSlug): PageInput {
  const fr = translator('fr').ta;
  const en = translator('en').ta;
  return {
    titleFr: fr(`pages:${slug}.title`),
    titleEn: en(`pages:${slug}.title`),
    bodyFr: fr(`pages:${slug}.body`),
    bodyEn: en(`pages:${slug}.body`),
  };
}

export async function getPage(db: Db, slug: string): Promise<PageInput & { slug: PageSlug }> {
  if (!isPageSlug(slug)) throw new NotFound('page');
  const [row] = await db.select().from(pages).where(eq(pages.slug, slug));
  return { slug, ...(row ?? defaults(slug)) };
}

export function localized(page: PageInput, locale: Locale): { title: string; body: string } {
  return locale === 'en' ? { title: page.titleEn, body: page.bodyEn } : { title: page.titleFr, body: page.bodyFr };
}

export async function savePage(db: Db, actor: Actor, slug: string, input: PageInput): Promise<void> {
  if (!isPageSlug(slug)) throw new NotFound('page');
  await db.transaction(async (tx) => {
    const values = { ...input, updatedBy: actor.user?.id, updatedAt: now() };
    await tx.insert(pages).values({ slug, ...values }).onConflictDoUpdate({ target: pages.slug, set: values });
    await recordAudit(tx, actor, 'page.edit', `page:${slug}`, { titleFr: input.titleFr });
  });
}
