// Checks that a page holds nothing a payload could have smuggled in: no script, handler, foreign resource or form.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';

/** The project's shared corpus when it sits beside the repository, else the copy kept in test/fixtures. */
export function xssPayloads(): string[] {
  const shared = fileURLToPath(new URL('../../../shared/fixtures/xss-payloads.txt', import.meta.url));
  const file = existsSync(shared) ? shared : fileURLToPath(new URL('../fixtures/xss-payloads.txt', import.meta.url));
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

/** Lists what in the page could run script, load from elsewhere or change its structure; empty when inert. */
export function activeContent(html: string): string[] {
  const { document } = parseHTML(html);
  const problems: string[] = [];
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (name.startsWith('on')) problems.push(`<${tag} ${name}>`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(name) && /^(javascript|data|vbscript):/.test(value) && !(tag === 'img' && value.startsWith('data:image/'))) problems.push(`<${tag} ${name}=${value.slice(0, 30)}>`);
      if (['src', 'action', 'formaction'].includes(name) && /^(https?:)?\/\//.test(value)) problems.push(`<${tag} ${name}=${value.slice(0, 40)}> (another origin)`);
    }
    if (tag === 'script' && !(element.getAttribute('src') ?? '').startsWith('/assets/')) problems.push('<script> inline or foreign');
    if (['iframe', 'object', 'embed', 'base', 'style', 'frame', 'frameset', 'math'].includes(tag)) problems.push(`<${tag}>`);
    if (tag === 'meta' && element.getAttribute('http-equiv')) problems.push('<meta http-equiv>');
    if (tag === 'svg' && element.getAttribute('class') !== 'icon') problems.push('<svg> not ours');
  }
  if (document.querySelectorAll('h1').length !== 1) problems.push(`${document.querySelectorAll('h1').length} h1`);
  return problems;
}
