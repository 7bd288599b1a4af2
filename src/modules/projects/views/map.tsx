// Where projects are: a Leaflet map over the configured tiles when there are any, and always the places in words
// (the territory's name, never raw coordinates), which is what readers without scripts or tiles get.
import type { ViewContext } from '../../../platform/views/context.ts';
import { getTerritory } from '../../territories/data.ts';
import { territoryLabel } from '../../territories/views.tsx';

export interface Located {
  id: number;
  title: string;
  latitude: number | null;
  longitude: number | null;
  territoryKind: string | null;
  territoryCode: string | null;
}

/** The place a project's point lies in, named by its territory (the commune when it is one). */
export function placeName(ctx: ViewContext, project: Pick<Located, 'territoryKind' | 'territoryCode'>): string {
  const territory = project.territoryKind && project.territoryCode ? getTerritory(project.territoryKind, project.territoryCode) : undefined;
  return territory ? territoryLabel(ctx, territory) : ctx.ta('projects:map.noPlace');
}

export const isLocated = (p: Located): p is Located & { latitude: number; longitude: number } => p.latitude !== null && p.longitude !== null;

function attribution(ctx: ViewContext, tiles: string): string {
  return ctx.ta('projects:map.attribution', { host: /^https?:\/\/([^/]+)/.exec(tiles)?.[1] ?? '' });
}

/** Leaflet and the page's script, loaded only on pages that draw a map (deferred, nothing inline: the CSP stays strict). */
function MapAssets({ ctx }: { ctx: ViewContext }) {
  const v = ctx.assetVersion;
  return (
    <>
      <link rel="stylesheet" href={`/assets/leaflet.css?v=${v}`} />
      <script src={`/assets/leaflet.js?v=${v}`} defer></script>
      <script src={`/assets/js/projects-map.js?v=${v}`} defer></script>
    </>
  );
}

/**
 * The map of some located projects, hidden until the script has drawn it: without tiles, scripts or Leaflet there is
 * no empty box, only the list of places that goes with it.
 */
export function ProjectsMap({ ctx, projects, tiles, label }: { ctx: ViewContext; projects: Located[]; tiles?: string; label: string }) {
  const points = projects.filter(isLocated).map((p) => ({ lat: p.latitude, lng: p.longitude, title: p.title, url: `/projects/${p.id}` }));
  if (!tiles || points.length === 0) return '';
  return (
    <>
      <MapAssets ctx={ctx} />
      <section id="projects-map" class="projects-map" hidden aria-label={label} data-tiles={tiles} data-attribution={attribution(ctx, tiles)} data-points={JSON.stringify(points)}></section>
    </>
  );
}

/** The located projects in words: each title linked, with the place its point lies in. */
export function PlaceList({ ctx, projects }: { ctx: ViewContext; projects: Located[] }) {
  return (
    <ul class="place-list">
      {projects.filter(isLocated).map((p) => (
        <li>
          <a href={`/projects/${p.id}`} safe>
            {p.title}
          </a>
          {' — '}
          <span safe>{placeName(ctx, p)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * A map beside the latitude and longitude fields: a click or a drag of the marker fills them, typing in them moves
 * the marker. The fields stay the way to say where (keyboard, no script, no tiles); the map only helps.
 */
export function LocationPicker({ ctx, tiles }: { ctx: ViewContext; tiles?: string }) {
  if (!tiles) return '';
  return (
    <div id="location-picker" class="location-picker" hidden data-tiles={tiles} data-attribution={attribution(ctx, tiles)} data-latitude="field-latitude" data-longitude="field-longitude" data-marker={ctx.ta('projects:map.marker')}>
      <p id="location-picker-hint" class="meta">
        {ctx.t('projects:map.pickerHint')}
      </p>
      <section class="projects-map" aria-label={ctx.ta('projects:map.pickerLabel')} aria-describedby="location-picker-hint"></section>
      <MapAssets ctx={ctx} />
    </div>
  );
}
