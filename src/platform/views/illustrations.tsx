// The illustrations drawn for Parvis (public/images/covers/*.svg): the demo consultations' covers and the pictures of
// project cards. Each has its own alt text in the catalogues, since an illustration shows a scene worth a sentence.
import type { ViewContext } from './context.ts';

export const illustrations = ['streets', 'park', 'tram', 'neighbourhood', 'energy'] as const;
export type Illustration = (typeof illustrations)[number];

/** Every cover is drawn at this size, so the page keeps its place for it before it loads. */
export const illustrationSize = { width: 640, height: 320 };

export const illustrationPath = (name: Illustration) => `images/covers/${name}.svg`;

// Uploaded covers are raster images (cover.ts refuses SVG); an SVG cover under this name is one of ours, stored by
// the demo, and its name is how a page finds its alt text without a column for it.
const storedName = /^illustration-([a-z]+)\.svg$/;
export const storedIllustrationName = (name: Illustration) => `illustration-${name}.svg`;

export function illustrationNamed(fileName: string | null | undefined): Illustration | undefined {
  const match = storedName.exec(fileName ?? '');
  return match && (illustrations as readonly string[]).includes(match[1]!) ? (match[1] as Illustration) : undefined;
}

export const illustrationAlt = (ctx: ViewContext, name: Illustration) => ctx.ta(`illustrations.${name}`);

/**
 * An illustration served with the other assets (long cache, the version in its address). Lazy in cards further down;
 * `eager` at the top of a page, where it is the largest paint and waiting for layout would only delay it.
 */
export function IllustrationImage({ ctx, name, class: className = 'cover', eager = false }: { ctx: ViewContext; name: Illustration; class?: string; eager?: boolean }) {
  return <img src={`/assets/${illustrationPath(name)}?v=${ctx.assetVersion}`} alt={illustrationAlt(ctx, name)} width={illustrationSize.width} height={illustrationSize.height} loading={eager ? undefined : 'lazy'} class={className} />;
}
