// Static assets under /assets: the project's own files and the few vendor files the pages load.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);
export const publicDir = fileURLToPath(new URL('../../../public', import.meta.url));

function vendorDirs(): string[] {
  // Leaflet for the agenda's map: leaflet.js, leaflet.css and its marker images.
  return [dirname(require.resolve('@picocss/pico/css/pico.min.css')), dirname(require.resolve('htmx.org/dist/htmx.min.js')), dirname(require.resolve('leaflet/dist/leaflet.js'))];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A short hash of every served file: asset URLs change when content does, so they can be cached for a year. */
export function assetVersion(): string {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(publicDir), ...vendorDirs().map((d) => join(d, d.includes('pico') ? 'pico.min.css' : d.includes('leaflet') ? 'leaflet.js' : 'htmx.min.js'))]) {
    hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 10);
}

export async function registerAssets(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: [publicDir, ...vendorDirs()],
    prefix: '/assets/',
    maxAge: '365d',
    immutable: true,
    index: false,
    list: false,
  });
}
