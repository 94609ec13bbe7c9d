/**
 * The map's first frame, drawn with Canvas 2D from the same MapInput and style as the WebGL map (engine.ts),
 * with MapLibre's camera: the same fit of the city's bounding box (cameraForBoxAndBearing, bearing 0), the
 * same perspective for the pitch (vertical field of view 36.87°, camera distance 0.5 / tan(fov / 2) × height),
 * the same colours and line widths, deck.gl's arcs (height √(t(1−t)) × 0.35 × length) and columns.
 *
 * Why: MapLibre and deck.gl need their engine chunk, a worker, and a dozen shader programs before the first
 * frame; on a software renderer (a wall PC without a GPU driver, this project's test machines) that is over
 * a second. The poster is drawn in a few milliseconds once the boundaries and the county figures are there,
 * so the page is complete at once; the interactive map replaces it when its first frame has finished on
 * the GPU. Where WebGL is missing altogether, the poster is the map (static, with a note saying so).
 * No DOM, no React: plain functions of their inputs, so they are unit-tested.
 */
import type { Pos } from '../../../src-core/geo/geometry';
import { NO_DATA_COLOUR } from '../../../src-core/geo/scale';
import { C, MAP_FONT, pointLabels, type MapInput } from './style';

/** MapLibre's defaults (geo/camera_state.ts): tiles of 512 px, vertical field of view 36.87°. */
const TILE = 512;
const FOV = 0.6435011087932844;
/** deck.gl's and MapLibre's earth circumference (m), for metres → pixels */
const EARTH_CIRCUMFERENCE = 2 * Math.PI * 6371008.8;

export interface Padding { top: number; bottom: number; left: number; right: number }

/** Web Mercator, 0..1 across the world (MapLibre's MercatorCoordinate). */
export function mercator([lng, lat]: Pos): [number, number] {
  const y = Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  return [(180 + lng) / 360, 0.5 - y / (2 * Math.PI)];
}

export interface Camera {
  width: number;
  height: number;
  zoom: number;
  /** mercator 0..1 */
  center: [number, number];
  pitch: number;
}

/**
 * The camera MapLibre's fitBounds picks for `bbox` with `padding` in a width × height map (bearing 0):
 * the zoom that fits the box into the padded area, pitch ignored as MapLibre does, and the centre moved by
 * half the padding difference.
 */
export function fitCamera(bbox: readonly [number, number, number, number], width: number, height: number, padding: Padding, pitch: number): Camera {
  const [w, s, e, n] = bbox;
  const [x0, y0] = mercator([w, n]);
  const [x1, y1] = mercator([e, s]);
  const availW = width - padding.left - padding.right;
  const availH = height - padding.top - padding.bottom;
  const scale = Math.min(availW / ((x1 - x0) * TILE), availH / ((y1 - y0) * TILE));
  const zoom = Math.min(Math.log2(Math.max(scale, 1e-9)), 22);
  const ws = TILE * 2 ** zoom;
  const center: [number, number] = [(x0 + x1) / 2 - (padding.left - padding.right) / 2 / ws, (y0 + y1) / 2 - (padding.top - padding.bottom) / 2 / ws];
  return { width, height, zoom, center, pitch };
}

export interface Projector {
  /** screen position (CSS px) of a place at `altitude` world pixels above the ground, and the perspective scale there */
  (m: readonly [number, number], altitude?: number): { x: number; y: number; scale: number; behind: boolean };
  worldSize: number;
  /** world pixels per metre at a latitude */
  pixelsPerMetre(lat: number): number;
}

/** Perspective projection of MapLibre's mercator transform: the camera looks at the map centre, tilted by the pitch. */
export function projector(cam: Camera): Projector {
  const ws = TILE * 2 ** cam.zoom;
  const p = (cam.pitch * Math.PI) / 180;
  const sin = Math.sin(p);
  const cos = Math.cos(p);
  const d = (0.5 / Math.tan(FOV / 2)) * cam.height;
  const f = ((m: readonly [number, number], alt = 0) => {
    const dx = (m[0] - cam.center[0]) * ws;
    const dy = (m[1] - cam.center[1]) * ws;
    const depth = d - dy * sin - alt * cos;
    const k = d / depth;
    return { x: cam.width / 2 + dx * k, y: cam.height / 2 + (dy * cos - alt * sin) * k, scale: k, behind: depth <= 1 };
  }) as Projector;
  f.worldSize = ws;
  f.pixelsPerMetre = (lat: number) => ws / (EARTH_CIRCUMFERENCE * Math.cos((lat * Math.PI) / 180));
  return f;
}

type Ctx = CanvasRenderingContext2D;

function tracePolygons(ctx: Ctx, proj: Projector, coords: Pos[][][]) {
  for (const poly of coords) {
    for (const ring of poly) {
      ring.forEach((pt, i) => {
        const q = proj(mercator(pt));
        if (i === 0) ctx.moveTo(q.x, q.y);
        else ctx.lineTo(q.x, q.y);
      });
      ctx.closePath();
    }
  }
}

const rgba = (hex: string, a: number) => `rgba(${parseInt(hex.slice(1, 3), 16)},${parseInt(hex.slice(3, 5), 16)},${parseInt(hex.slice(5, 7), 16)},${a / 255})`;

interface Box { x0: number; y0: number; x1: number; y1: number }
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

export interface PosterResult {
  camera: Camera;
  /** label texts drawn, in placement order (tests) */
  labels: string[];
}

/**
 * Draw the map for `input` into a 2D context of `width` × `height` CSS px (the caller has applied its
 * device pixel ratio). Returns the camera used, so a caller can check it against MapLibre's.
 */
export function drawPoster(ctx: Ctx, input: MapInput, width: number, height: number, padding: Padding): PosterResult {
  const L = input.layers;
  const cam = fitCamera(input.geo.bbox, width, height, padding, input.pitch);
  const proj = projector(cam);
  ctx.save();
  ctx.fillStyle = C.bg;
  ctx.fillRect(0, 0, width, height);
  ctx.lineJoin = 'round';

  if (L.neighbours) {
    ctx.beginPath();
    for (const f of input.geo.neighbours.features) tracePolygons(ctx, proj, f.geometry.coordinates);
    ctx.fillStyle = C.neighbourFill;
    ctx.fill('evenodd');
    ctx.setLineDash([3, 2]);
    ctx.lineWidth = 1;
    ctx.strokeStyle = C.neighbourLine;
    ctx.stroke();
    ctx.setLineDash([]);
  }

  const style = new Map(input.counties.map((c) => [c.adcode, c]));
  if (L.boundaries) {
    for (const f of input.geo.counties.features) {
      ctx.beginPath();
      tracePolygons(ctx, proj, f.geometry.coordinates);
      ctx.fillStyle = L.choropleth ? style.get(f.properties.adcode)?.fill ?? NO_DATA_COLOUR : C.countyFill;
      ctx.fill('evenodd');
    }
    ctx.beginPath();
    for (const f of input.geo.counties.features) tracePolygons(ctx, proj, f.geometry.coordinates);
    ctx.lineWidth = 1.4;
    ctx.strokeStyle = rgba(C.countyLine, 0.9 * 255);
    ctx.stroke();
  }

  if (L.facts) {
    for (const m of input.facts) {
      const q = proj(mercator(m.position));
      ctx.beginPath();
      ctx.arc(q.x, q.y, 6 * q.scale, 0, 2 * Math.PI);
      ctx.fillStyle = m.colour;
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
    }
  }

  // deck.gl layers (drawn over the style, as the interleaved overlay is)
  if (L.arcs) {
    const SEGMENTS = 24;
    for (const a of input.arcs) {
      const s = mercator(a.from);
      const t = mercator(a.to);
      const len = Math.hypot(t[0] - s[0], t[1] - s[1]) * proj.worldSize;
      const pts = Array.from({ length: SEGMENTS + 1 }, (_, i) => {
        const r = i / SEGMENTS;
        return proj([s[0] + (t[0] - s[0]) * r, s[1] + (t[1] - s[1]) * r], Math.sqrt(r * (1 - r)) * len * 0.35);
      });
      const from = C.arcFrom(a);
      const grad = ctx.createLinearGradient(pts[0]!.x, pts[0]!.y, pts[SEGMENTS]!.x, pts[SEGMENTS]!.y);
      grad.addColorStop(0, rgba(from[0], from[1]));
      grad.addColorStop(1, rgba(C.arcTo[0], C.arcTo[1]));
      ctx.beginPath();
      pts.forEach((q, i) => (i ? ctx.lineTo(q.x, q.y) : ctx.moveTo(q.x, q.y)));
      ctx.lineWidth = Math.max(1, a.width);
      ctx.strokeStyle = grad;
      ctx.lineCap = 'round';
      ctx.stroke();
    }
  }
  if (L.columns) {
    // nearest last, as a depth buffer would have it
    const cols = input.columns.map((c) => ({ c, depth: proj(mercator(c.position)).y })).sort((a, b) => a.depth - b.depth);
    for (const { c } of cols) {
      const m = mercator(c.position);
      const ppm = proj.pixelsPerMetre(c.position[1]);
      const radius = 1600 * ppm;
      const top = c.tier * 9000 * ppm;
      const ring = (alt: number) =>
        Array.from({ length: 12 }, (_, i) => {
          const a = (i / 12) * 2 * Math.PI;
          return proj([m[0] + (radius * Math.cos(a)) / proj.worldSize, m[1] + (radius * Math.sin(a)) / proj.worldSize], alt);
        });
      const hull = convexHull([...ring(0), ...ring(top)]);
      ctx.beginPath();
      hull.forEach((q, i) => (i ? ctx.lineTo(q.x, q.y) : ctx.moveTo(q.x, q.y)));
      ctx.closePath();
      ctx.fillStyle = C.column(c.tier);
      ctx.fill();
    }
  }

  // labels: MapLibre places the topmost symbol layer first and drops what collides
  const placed: Box[] = [];
  const labels: string[] = [];
  const label = (pos: Pos, lines: { text: string; size: number; colour: string }[], haloWidth: number, dy = 0, anchorTop = false) => {
    const q = proj(mercator(pos));
    if (q.behind || q.x < 0 || q.y < 0 || q.x > width || q.y > height) return;
    const k = 0.5 + 0.5 * q.scale; // MapLibre's perspective ratio for viewport-aligned text
    const sizes = lines.map((l) => l.size * k);
    const total = sizes.reduce((a, b) => a + b * 1.2, 0);
    const widths = lines.map((l, i) => {
      ctx.font = `400 ${sizes[i]}px ${MAP_FONT}`;
      return ctx.measureText(l.text).width;
    });
    const w = Math.max(...widths);
    const y0 = anchorTop ? q.y + dy * sizes[0]! : q.y - total / 2;
    const box = { x0: q.x - w / 2, y0, x1: q.x + w / 2, y1: y0 + total };
    if (placed.some((b) => overlaps(b, box))) return;
    placed.push(box);
    let y = y0;
    lines.forEach((l, i) => {
      const size = sizes[i]!;
      ctx.font = `400 ${size}px ${MAP_FONT}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      const cy = y + (size * 1.2) / 2;
      ctx.lineWidth = haloWidth * 2;
      ctx.strokeStyle = C.halo;
      ctx.strokeText(l.text, q.x, cy);
      ctx.fillStyle = l.colour;
      ctx.fillText(l.text, q.x, cy);
      y += size * 1.2;
    });
    labels.push(lines.map((l) => l.text).join('\n'));
  };
  if (L.boundaries && L.labels) {
    for (const f of input.geo.counties.features) {
      const sim = style.get(f.properties.adcode)?.simulated && L.choropleth;
      label(f.properties.centroid, [{ text: f.properties.name, size: 15, colour: C.text }, ...(sim ? [{ text: input.simLabel, size: 15 * 0.7, colour: C.sim }] : [])], 1.6);
    }
  }
  for (const p of pointLabels(input)) label(p.position, [{ text: p.text, size: 11, colour: C.pointText(p.kind) }], 1.2, 1.1, true);
  if (L.neighbours && L.labels) {
    for (const f of input.geo.neighbours.features) label(f.properties.centroid, [{ text: f.properties.name, size: 12, colour: C.neighbourText }], 1.2);
  }
  ctx.restore();
  return { camera: cam, labels };
}

function convexHull(points: { x: number; y: number }[]): { x: number; y: number }[] {
  const pts = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  const cross = (o: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: typeof pts = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: typeof pts = [];
  for (const p of pts.reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}
