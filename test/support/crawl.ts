// Following the links of the app's pages, as a person would: the walk html.test.ts and the moderation walk share.
// Breadth first, a few pages of each kind before more of a kind already seen, so a page limit covers as many different
// pages as it can; variants that only page, sort or carry where to go next are skipped.
import { parseHTML } from 'linkedom';
import type { Browser, TestApp } from './app.ts';

/** Same-site pages linked from a page: not the language switch, sign-in providers, files, data or the API. */
export function links(html: string): string[] {
  const { document } = parseHTML(html);
  const notPage = /^\/(language|auth\/|assets\/|api\/)|\/data$|\.[a-z]+($|\?)/;
  return [...document.querySelectorAll('a[href]')]
    .map((a) => (a.getAttribute('href') ?? '').split('#')[0]!)
    .filter((href) => href.startsWith('/') && !href.startsWith('//') && !notPage.test(href));
}

/** The app's GET routes as patterns, from fastify's printed route tree (it has no other public list of them). */
export function routePatterns(app: TestApp['app']): RegExp[] {
  const paths: string[] = [];
  const branch: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false, method: 'GET' }).split('\n')) {
    const start = line.search(/[^│├└─ ]/);
    if (start < 0) continue;
    // Each level of the tree is indented by four characters and prints its path after its parent's.
    const depth = start / 4;
    branch[depth] = (branch[depth - 1] ?? '') + line.slice(start).replace(/ \(.*$/, '');
    branch.length = depth + 1;
    paths.push(branch[depth]!);
  }
  // Fastify prefers static segments over parameters: the pattern with the most literal characters wins.
  const literal = (path: string) => path.replace(/:[^/]+|\*/g, '').length;
  return paths
    .sort((x, y) => literal(y) - literal(x))
    .map((path) => new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/:[^/]+/g, '[^/]+').replace(/\*/g, '.*')}$`));
}

/** What kind of page a URL is: the route it reaches and its query's names. */
export function shapeOf(url: string, routes: RegExp[]): string {
  const u = new URL(url, 'http://x');
  return `${routes.find((route) => route.test(u.pathname))?.source ?? u.pathname}?${[...new Set(u.searchParams.keys())].sort().join('&')}`;
}

/**
 * The URL less the query parameters that only page through or re-sort a list, say where to go next, or tick a box
 * in a form beforehand (`contribute?answers=`): such variants are the same page, title included.
 */
export function listIdentity(url: string): string {
  const u = new URL(url, 'http://x');
  for (const name of ['page', 'before', 'sort', 'order', 'next', 'answers']) u.searchParams.delete(name);
  return u.pathname + u.search;
}

/** Each page reached, by URL, with its HTML ('' for an answer that is not HTML). */
export async function crawl(browser: Browser, routes: RegExp[], start: string[], limit: number, pagesPerShape = 2): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  const identities = new Set<string>();
  const perShape = new Map<string, number>();
  const fresh = [...start];
  const more: string[] = [];
  while ((fresh.length > 0 || more.length > 0) && seen.size < limit) {
    const fromFresh = fresh.length > 0;
    const url = (fromFresh ? fresh.shift() : more.shift())!;
    if (identities.has(listIdentity(url))) continue;
    const shape = shapeOf(url, routes);
    if (fromFresh && (perShape.get(shape) ?? 0) >= pagesPerShape) {
      more.push(url);
      continue;
    }
    identities.add(listIdentity(url));
    perShape.set(shape, (perShape.get(shape) ?? 0) + 1);
    const response = await browser.get(url);
    if (!String(response.headers['content-type'] ?? '').startsWith('text/html')) {
      seen.set(url, '');
      continue;
    }
    seen.set(url, response.body);
    for (const link of links(response.body)) if (!identities.has(listIdentity(link))) fresh.push(link);
  }
  return seen;
}
