/**
 * The map engine: MapLibre (no tiles, no glyphs URL, no network) + a deck.gl overlay. Loaded only by a
 * dynamic import() from the map panel's effect, so MapLibre and deck.gl stay out of the initial JS.
 * Everything it draws comes in as plain data (MapInput) prepared by the panel; it reports hovers,
 * clicks, readiness and errors through callbacks.
 */
import { Map as MlMap, Marker, setWorkerUrl, type GeoJSONSource, type MapOptions, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { ArcLayer, ColumnLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { CityGeo } from '../../../src-core/geo/asset';
import type { Pos } from '../../../src-core/geo/geometry';
import { C, MAP_FONT, pointLabels, type Arc, type Column, type MapInput } from './style';
import { NO_DATA_COLOUR } from '../../../src-core/geo/scale';
import { hashSeed, mulberry32 } from '../../../src-core/geo/simulate';

// MapLibre 6 draws nothing unless its worker URL is set (toolchain note 2). Same-origin module worker: CSP worker-src 'self'.
setWorkerUrl(new URL(workerUrl, document.baseURI).href);

export type { Arc, Column, CountyStyle, FactMark, LayerSwitches, MapInput, PointLabel } from './style';

export type Hit =
  | { kind: 'county'; adcode: string }
  | { kind: 'fact'; id: string }
  | { kind: 'arc'; id: string }
  | { kind: 'column'; id: string };

export interface MapCallbacks {
  onHover(hit: Hit | null, x: number, y: number): void;
  onClick(hit: Hit | null, at: { lng: number; lat: number }): void;
  onReady(firstDrawMs: number): void;
  onError(e: Error): void;
  /** room the panel's overlays (legend, drill card) take, in px, so fitting the city keeps it visible */
  padding(): { top: number; bottom: number; left: number; right: number };
}

export interface MapController {
  map: MlMap;
  update(input: MapInput): void;
  /** highlight a county (keyboard / tour selection), or none */
  select(adcode: string | null): void;
  /** briefing notes pinned to places: numbered markers (DOM, so they print and export with the page) */
  setPins(pins: readonly { id: string; n: number; lng: number; lat: number; text: string }[]): void;
  /** zoom to a county (drill in) or back to the whole city (null) */
  focus(adcode: string | null): void;
  /** screen position of a county's centroid, relative to the map container */
  project(p: Pos): { x: number; y: number };
  /** the panel is gone: keep the map for the next panel that shows the same map (see openMap), or destroy it */
  release(): void;
  destroy(): void;
}

/** true when a WebGL context can be created (the map needs one). */
let webgl: boolean | undefined;
export function webglAvailable(): boolean {
  // asked once: every probe creates a WebGL context, which on a wall switching pages for weeks adds up
  if (webgl === undefined) {
    try {
      const c = document.createElement('canvas');
      webgl = !!(c.getContext('webgl2') ?? c.getContext('webgl'));
      (c.getContext('webgl2') as WebGL2RenderingContext | null)?.getExtension('WEBGL_lose_context')?.loseContext();
    } catch {
      webgl = false;
    }
  }
  return webgl;
}

type RGBA = [number, number, number, number];
const hex = (h: string, a: number = 255): RGBA => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), a];


function countyFeatures(input: MapInput) {
  const style = new Map(input.counties.map((c) => [c.adcode, c]));
  return {
    type: 'FeatureCollection' as const,
    features: input.geo.counties.features.map((f) => {
      const s = style.get(f.properties.adcode);
      return { ...f, properties: { adcode: f.properties.adcode, name: f.properties.name, fill: s?.fill ?? NO_DATA_COLOUR, sim: s?.simulated ? 1 : 0 } };
    }),
  };
}

function labelFeatures(input: MapInput) {
  const style = new Map(input.counties.map((c) => [c.adcode, c]));
  return {
    type: 'FeatureCollection' as const,
    features: input.geo.counties.features.map((f) => ({
      type: 'Feature' as const,
      id: f.id,
      properties: { adcode: f.properties.adcode, name: f.properties.name, sub: style.get(f.properties.adcode)?.simulated && input.layers.choropleth ? input.simLabel : '' },
      geometry: { type: 'Point' as const, coordinates: f.properties.centroid },
    })),
  };
}

function neighbourLabels(geo: CityGeo) {
  return {
    type: 'FeatureCollection' as const,
    features: geo.neighbours.features.map((f) => ({ type: 'Feature' as const, properties: { name: f.properties.name }, geometry: { type: 'Point' as const, coordinates: f.properties.centroid } })),
  };
}

function factFeatures(input: MapInput) {
  return {
    type: 'FeatureCollection' as const,
    features: (input.layers.facts ? input.facts : []).map((m) => ({ type: 'Feature' as const, properties: { id: m.id, adcode: m.adcode, colour: m.colour }, geometry: { type: 'Point' as const, coordinates: m.position } })),
  };
}

function pointFeatures(input: MapInput) {
  const shown = pointLabels(input);
  return {
    type: 'FeatureCollection' as const,
    features: shown.map((p) => ({ type: 'Feature' as const, properties: { id: p.id, text: p.text, kind: p.kind }, geometry: { type: 'Point' as const, coordinates: p.position } })),
  };
}

function benchFeatures(input: MapInput) {
  const pts = input.benchPointsDeck ? [] : benchPoints(input.benchPoints, input.geo);
  return { type: 'FeatureCollection' as const, features: pts.map((p) => ({ type: 'Feature' as const, properties: {}, geometry: { type: 'Point' as const, coordinates: p } })) };
}

function buildStyle(input: MapInput): StyleSpecification {
  const vis = (on: boolean) => (on ? 'visible' : 'none') as 'visible' | 'none';
  const L = input.layers;
  return {
    version: 8,
    // no glyphs, no sprite, no tiles: nothing is fetched; text is drawn with local/bundled fonts
    sources: {
      neighbours: { type: 'geojson', data: input.geo.neighbours as never },
      'neighbour-labels': { type: 'geojson', data: neighbourLabels(input.geo) },
      counties: { type: 'geojson', data: countyFeatures(input) as never, promoteId: 'adcode' },
      'county-labels': { type: 'geojson', data: labelFeatures(input) },
      facts: { type: 'geojson', data: factFeatures(input) },
      points: { type: 'geojson', data: pointFeatures(input) },
      'bench-points': { type: 'geojson', data: benchFeatures(input) },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': C.bg } },
      { id: 'neighbours-fill', type: 'fill', source: 'neighbours', layout: { visibility: vis(L.neighbours) }, paint: { 'fill-color': C.neighbourFill, 'fill-opacity': 1 } },
      { id: 'neighbours-line', type: 'line', source: 'neighbours', layout: { visibility: vis(L.neighbours) }, paint: { 'line-color': C.neighbourLine, 'line-width': 1, 'line-dasharray': [3, 2] } },
      {
        id: 'counties-fill', type: 'fill', source: 'counties', layout: { visibility: vis(L.boundaries) },
        paint: { 'fill-color': L.choropleth ? ['get', 'fill'] : C.countyFill, 'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.75, 1] },
      },
      { id: 'counties-line', type: 'line', source: 'counties', layout: { visibility: vis(L.boundaries), 'line-join': 'round' }, paint: { 'line-color': C.countyLine, 'line-width': 1.4, 'line-opacity': 0.9 } },
      { id: 'counties-select', type: 'line', source: 'counties', filter: ['==', ['get', 'adcode'], ''], layout: { 'line-join': 'round' }, paint: { 'line-color': C.select, 'line-width': 3.5 } },
      // dense point layer: MapLibre's own circle layer, in the same context and pass as the boundaries (on software
      // GL deck.gl's instanced ScatterplotLayer cost ~10x more per frame for the bench's 10,000 points)
      {
        id: 'bench-points', type: 'circle', source: 'bench-points',
        paint: { 'circle-radius': ['interpolate', ['exponential', 2], ['zoom'], 10, 2, 14, 32], 'circle-color': '#ff5aa0', 'circle-opacity': 0.67 },
      },
      {
        id: 'facts', type: 'circle', source: 'facts',
        paint: { 'circle-radius': 6, 'circle-color': ['get', 'colour'], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 },
      },
      {
        id: 'neighbour-labels', type: 'symbol', source: 'neighbour-labels', layout: { visibility: vis(L.neighbours && L.labels), 'text-field': ['get', 'name'], 'text-font': ['Noto Sans SC'], 'text-size': 12 },
        paint: { 'text-color': C.neighbourText, 'text-halo-color': C.halo, 'text-halo-width': 1.2 },
      },
      {
        id: 'point-labels', type: 'symbol', source: 'points',
        layout: { 'text-field': ['get', 'text'], 'text-font': ['Noto Sans SC'], 'text-size': 11, 'text-offset': [0, 1.1], 'text-anchor': 'top', 'text-optional': true },
        paint: { 'text-color': ['match', ['get', 'kind'], 'platform', C.pointText('platform'), 'site', C.pointText('site'), C.pointText('dept')], 'text-halo-color': C.halo, 'text-halo-width': 1.2 },
      },
      {
        id: 'county-labels', type: 'symbol', source: 'county-labels',
        layout: {
          visibility: vis(L.boundaries && L.labels),
          'text-field': ['format', ['get', 'name'], { 'font-scale': 1 }, ['case', ['!=', ['get', 'sub'], ''], ['concat', '\n', ['get', 'sub']], ''], { 'font-scale': 0.7, 'text-color': C.sim }],
          'text-font': ['Noto Sans SC'], 'text-size': 15, 'text-allow-overlap': false, 'text-padding': 0,
          'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right'], 'text-radial-offset': 0.4,
        },
        paint: { 'text-color': C.text, 'text-halo-color': C.halo, 'text-halo-width': 1.6 },
      },
    ],
  };
}

function deckLayers(input: MapInput, bench: Pos[]) {
  const L = input.layers;
  const layers: unknown[] = [];
  if (L.arcs && input.arcs.length) {
    layers.push(new ArcLayer<Arc>({
      id: 'arcs', data: input.arcs, pickable: true,
      getSourcePosition: (a) => a.from, getTargetPosition: (a) => a.to,
      getWidth: (a) => a.width, widthUnits: 'pixels', widthMinPixels: 1,
      getSourceColor: (a) => hex(...C.arcFrom(a)),
      getTargetColor: () => hex(...C.arcTo),
      getHeight: 0.35, greatCircle: false,
    }));
  }
  if (L.columns && input.columns.length) {
    layers.push(new ColumnLayer<Column>({
      id: 'columns', data: input.columns, pickable: true, extruded: true, diskResolution: 12, radius: 1600,
      getPosition: (c) => c.position, getElevation: (c) => c.tier * 9000, elevationScale: 1,
      getFillColor: (c) => hex(C.column(c.tier), C.columnAlpha(c.tier)), material: false,
    }));
  }
  if (bench.length && input.benchPointsDeck) {
    layers.push(new ScatterplotLayer<Pos>({
      id: 'bench-points', data: bench, getPosition: (p) => p, getRadius: 250, radiusUnits: 'meters', radiusMinPixels: 1.5,
      getFillColor: [255, 90, 160, 170], pickable: false,
    }));
  }
  return layers;
}

function benchPoints(n: number, geo: CityGeo): Pos[] {
  if (n <= 0) return [];
  const r = mulberry32(hashSeed(`bench:${geo.adcode}:${n}`));
  const [a, b, c, d] = geo.bbox;
  return Array.from({ length: n }, () => [a + r() * (c - a), b + r() * (d - b)] as Pos);
}

/**
 * Calls `done` once the GPU has executed every command issued so far (a WebGL2 fence, polled without
 * blocking). "Drawn" must mean drawn: GL calls only queue work, and on a slow GPU (software GL on a
 * wall PC, SwiftShader here) a map's first frame can take seconds to execute. Without this, a page
 * prepared off screen reports ready early and the wait moves to the moment it is shown: the
 * compositor's read of the canvas blocks the UI thread there (measured: ~2 s on the overview).
 */
export function whenGpuDone(gl: WebGL2RenderingContext | null, done: () => void): void {
  const sync = gl && typeof gl.fenceSync === 'function' ? gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0) : null;
  if (!gl || !sync) return done();
  gl.flush();
  const poll = () => {
    // a fence's status changes only between tasks (WebGL spec), so poll from a timer
    if (gl.isContextLost() || gl.getSyncParameter(sync, gl.SYNC_STATUS) === gl.SIGNALED) {
      if (!gl.isContextLost()) gl.deleteSync(sync);
      done();
    } else setTimeout(poll, 10);
  };
  setTimeout(poll, 0);
}

/**
 * Maps kept for reuse. A wall switching pages would otherwise create a MapLibre map, a WebGL context and
 * every shader program on each visit to a map page (seconds on a software renderer) and leave V8 more
 * code to compile each time. A panel that goes away parks its map (detached from the page, drawing
 * nothing); the next panel that shows the same map (same city, layers, pitch) takes it back and
 * only updates its data. Different maps are kept up to POOL_MAX, the oldest destroyed first.
 */
const POOL_MAX = 3;
/** how long a destroyed map's canvas is watched for a late deck.gl device: LUMA_RELEASE_TRIES × LUMA_RELEASE_RETRY_MS */
const LUMA_RELEASE_TRIES = 40;
const LUMA_RELEASE_RETRY_MS = 250;
const parked: { key: string; revive: (container: HTMLElement, input: MapInput, cb: MapCallbacks) => MapController; destroy: () => void }[] = [];

const poolKey = (i: MapInput) => JSON.stringify([i.geo.adcode, i.layers, i.pitch, i.benchPoints, i.benchPointsDeck, i.interleaved]);

/** A map in `container` (a fresh one, or a parked one that shows the same map). */
export function openMap(container: HTMLElement, input: MapInput, cb: MapCallbacks): MapController {
  const key = poolKey(input);
  const i = parked.findIndex((p) => p.key === key);
  if (i >= 0) return parked.splice(i, 1)[0]!.revive(container, input, cb);
  const host = document.createElement('div');
  host.className = 'map-host';
  container.appendChild(host);
  return createMap(host, input, cb);
}

const NO_CALLBACKS: MapCallbacks = { onHover() {}, onClick() {}, onReady() {}, onError() {}, padding: () => ({ top: 0, bottom: 0, left: 0, right: 0 }) };

export function createMap(container: HTMLElement, initial: MapInput, cb0: MapCallbacks): MapController {
  let cb = cb0;
  const t0 = performance.now();
  performance.mark('cockpit:map-create');
  let input = initial;
  let bench = input.benchPointsDeck ? benchPoints(input.benchPoints, input.geo) : [];
  const [w, s, e, n] = input.geo.bbox;
  const map = new MlMap({
    container,
    style: buildStyle(input),
    bounds: [[w, s], [e, n]],
    fitBoundsOptions: { padding: cb.padding() },
    pitch: input.pitch,
    attributionControl: false, // attribution is drawn by the panel (source, version, datum)
    keyboard: false, // the panel owns the keys: arrows cycle counties, Enter drills in, Esc backs out
    localIdeographFontFamily: MAP_FONT,
    maxPitch: 60,
    dragRotate: true,
    canvasContextAttributes: { antialias: false, preserveDrawingBuffer: false }, // MSAA is very costly on software GL (SwiftShader)
    fadeDuration: 0,
  } as MapOptions);
  map.getCanvas().tabIndex = -1; // one tab stop: the panel's wrapper owns the keyboard
  // Interleaved: deck.gl draws its layers inside MapLibre's own WebGL2 context and frame (no second canvas to
  // clear and composite every frame, which is what made the overlay cost ~2x at 4K on software GL).
  // @deck.gl/mapbox cannot do this with MapLibre 6 (it reads the removed private map.transform and throws
  // "reading 'height'"); @deck.gl/maplibre uses MapLibre's public API. The deck layers sit on top of the
  // style (no beforeId): MapLibre 6 does not rebind its per-frame uniforms after a custom layer, so map
  // layers drawn after one could break (deck.gl issue 10700). ?deck=overlaid keeps a separate canvas.
  const overlay = new MapLibreOverlay({ interleaved: input.interleaved, layers: deckLayers(input, bench) as never });
  const anyDeck = () => input.layers.arcs || input.layers.columns || bench.length > 0;
  let overlayAdded = false;
  const syncOverlay = () => {
    if (anyDeck() && !overlayAdded) {
      map.addControl(overlay as never);
      overlayAdded = true;
    }
    if (overlayAdded) overlay.setProps({ layers: deckLayers(input, bench) as never });
  };

  let ready = false;
  map.on('error', (ev) => {
    const e = (ev as { error?: { message?: string } }).error;
    const err = new Error(e?.message ?? 'map error');
    console.warn(`[map] ${err.message}`);
    if (!ready) cb.onError(err);
  });
  // the deck overlay draws in the same frame as the map's render; one more frame makes sure it is on
  // screen, and the GPU must have finished it (see whenGpuDone)
  const reportWhenDrawn = (since: number, gen: number) =>
    map.once('idle', () => {
      performance.mark('cockpit:map-idle');
      requestAnimationFrame(() =>
        whenGpuDone(map.getCanvas().getContext('webgl2'), () => {
          if (gen !== lifetime) return; // parked meanwhile
          ready = true;
          cb.onReady(performance.now() - since);
        }),
      );
    });
  /** bumped when the map is parked or revived: callbacks of an earlier panel are dropped */
  let lifetime = 0;
  map.on('load', () => {
    performance.mark('cockpit:map-load');
    syncOverlay();
    reportWhenDrawn(t0, lifetime);
  });

  let hovered: string | null = null;
  const setHover = (adcode: string | null) => {
    if (hovered === adcode) return;
    if (hovered) map.setFeatureState({ source: 'counties', id: hovered }, { hover: false });
    hovered = adcode;
    if (adcode) map.setFeatureState({ source: 'counties', id: adcode }, { hover: true });
  };

  const pick = (x: number, y: number): Hit | null => {
    if (overlayAdded) {
      const o = overlay.pickObject({ x, y, radius: 3 });
      if (o?.layer?.id === 'arcs') return { kind: 'arc', id: (o.object as Arc).id };
      if (o?.layer?.id === 'columns') return { kind: 'column', id: (o.object as Column).id };
    }
    const layers = ['facts', 'counties-fill'].filter((l) => map.getLayer(l));
    const f = map.queryRenderedFeatures([x, y], { layers })[0];
    if (!f) return null;
    if (f.layer.id === 'facts') return { kind: 'fact', id: String(f.properties.id) };
    return { kind: 'county', adcode: String(f.properties.adcode) };
  };

  map.on('mousemove', (ev: { point: { x: number; y: number } }) => {
    const hit = pick(ev.point.x, ev.point.y);
    setHover(hit?.kind === 'county' ? hit.adcode : null);
    map.getCanvas().style.cursor = hit ? 'pointer' : '';
    cb.onHover(hit, ev.point.x, ev.point.y);
  });
  map.on('mouseout', () => {
    setHover(null);
    cb.onHover(null, 0, 0);
  });
  map.on('click', (ev: { point: { x: number; y: number }; lngLat: { lng: number; lat: number } }) => cb.onClick(pick(ev.point.x, ev.point.y), { lng: ev.lngLat.lng, lat: ev.lngLat.lat }));

  const markers = new Map<string, { marker: Marker; key: string }>();

  const bboxOfCounty = (adcode: string): [number, number, number, number] | null => {
    const f = input.geo.counties.features.find((x) => x.properties.adcode === adcode);
    if (!f) return null;
    let a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
    for (const poly of f.geometry.coordinates) for (const ring of poly) for (const [x, y] of ring) {
      a = Math.min(a, x); b = Math.min(b, y); c = Math.max(c, x); d = Math.max(d, y);
    }
    return [a, b, c, d];
  };

  const ro = new ResizeObserver(() => map.resize());
  ro.observe(container);

  const ctrl: MapController = {
    map,
    update(next) {
      const geoChanged = next.geo !== input.geo;
      const benchChanged = next.benchPoints !== input.benchPoints || next.benchPointsDeck !== input.benchPointsDeck || geoChanged;
      input = next;
      if (benchChanged) bench = input.benchPointsDeck ? benchPoints(input.benchPoints, input.geo) : [];
      if (!map.isStyleLoaded() || geoChanged) {
        map.setStyle(buildStyle(input));
      } else {
        (map.getSource('counties') as GeoJSONSource).setData(countyFeatures(input) as never);
        (map.getSource('county-labels') as GeoJSONSource).setData(labelFeatures(input));
        (map.getSource('facts') as GeoJSONSource).setData(factFeatures(input));
        (map.getSource('points') as GeoJSONSource).setData(pointFeatures(input));
        if (benchChanged) (map.getSource('bench-points') as GeoJSONSource).setData(benchFeatures(input));
        map.setPaintProperty('counties-fill', 'fill-color', input.layers.choropleth ? ['get', 'fill'] : C.countyFill);
      }
      syncOverlay();
    },
    setPins(pins) {
      const keep = new Set<string>();
      for (const p of pins) {
        keep.add(p.id);
        const key = `${p.n}|${p.lng}|${p.lat}|${p.text}`;
        const had = markers.get(p.id);
        if (had?.key === key) continue;
        had?.marker.remove();
        const el = document.createElement('div');
        el.className = 'map-pin';
        el.dataset.note = p.id;
        el.textContent = String(p.n);
        el.title = p.text;
        el.setAttribute('role', 'img');
        el.setAttribute('aria-label', `${p.n}: ${p.text}`);
        markers.set(p.id, { marker: new Marker({ element: el, anchor: 'bottom' }).setLngLat([p.lng, p.lat]).addTo(map), key });
      }
      for (const [id, m] of markers) if (!keep.has(id)) {
        m.marker.remove();
        markers.delete(id);
      }
    },
    select(adcode) {
      if (map.getLayer('counties-select')) map.setFilter('counties-select', ['==', ['get', 'adcode'], adcode ?? '']);
    },
    focus(adcode) {
      const b = adcode ? bboxOfCounty(adcode) : input.geo.bbox;
      if (!b) return;
      const pad = cb.padding();
      map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: adcode ? { ...pad, top: pad.top + 30, bottom: pad.bottom + 30 } : pad, duration: 700, pitch: input.pitch });
    },
    project(p) {
      const pt = map.project(p as [number, number]);
      return { x: pt.x, y: pt.y };
    },
    release() {
      if (!ready) return ctrl.destroy();
      lifetime++;
      cb = NO_CALLBACKS;
      ro.disconnect();
      map.stop();
      setHover(null);
      ctrl.setPins([]);
      container.remove();
      parked.push({ key: poolKey(input), revive, destroy: ctrl.destroy });
      while (parked.length > POOL_MAX) parked.shift()!.destroy();
    },
    destroy() {
      ro.disconnect();
      // deck.gl attaches a luma.gl device to MapLibre's WebGL context and never destroys the device's
      // canvas context, whose DPR media-query listener then keeps the canvas, the context and the whole
      // map alive: every map a wall ever showed stayed in memory (soak: +1,500 DOM nodes per 20 cycles).
      // A map destroyed before deck.gl has attached (a wall moving on quickly) gets its device afterwards: look
      // again for a while (soak: one map kept per few dozen page switches otherwise).
      const canvas = map.getCanvas();
      const releaseLuma = (tries: number) => {
        const device = (canvas.getContext('webgl2') as { luma?: { device?: { canvasContext?: { destroy(): void } | null } | null } } | null)?.luma?.device;
        if (device?.canvasContext) {
          try {
            device.canvasContext.destroy();
          } catch {
            /* nothing to release */
          }
        } else if (tries > 0) setTimeout(() => releaseLuma(tries - 1), LUMA_RELEASE_RETRY_MS);
      };
      try {
        if (overlayAdded) map.removeControl(overlay as never);
      } catch {
        /* already gone */
      }
      for (const m of markers.values()) m.marker.remove();
      markers.clear();
      releaseLuma(LUMA_RELEASE_TRIES);
      map.remove();
      // out of the page too: MapLibre can keep a removed map reachable for a while (an aborted request's error
      // holds it), and a map still inside its panel would keep the whole page it was on (soak: every page left)
      container.remove();
    },
  };

  /** back on a page: into the panel's element, with its data and callbacks, framed on the city again */
  function revive(into: HTMLElement, next: MapInput, nextCb: MapCallbacks): MapController {
    const since = performance.now();
    lifetime++;
    ready = false;
    cb = nextCb;
    into.appendChild(container);
    ro.observe(container);
    ctrl.update(next);
    ctrl.select(null);
    map.resize();
    const [bw, bs, be, bn] = input.geo.bbox;
    map.fitBounds([[bw, bs], [be, bn]], { padding: cb.padding(), pitch: input.pitch, bearing: 0, duration: 0 });
    reportWhenDrawn(since, lifetime);
    map.triggerRepaint();
    return ctrl;
  }

  return ctrl;
}
