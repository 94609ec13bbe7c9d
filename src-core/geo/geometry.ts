/**
 * Platform-free geometry helpers for the offline map: bounding boxes, a topology-aware Douglas-Peucker
 * simplification (borders shared by two counties simplify identically, so no slivers or gaps appear)
 * and coordinate rounding. Coordinates are [lng, lat] in degrees.
 */

export type Pos = [number, number];
export type Ring = Pos[];
export type PolygonCoords = Ring[];
export type MultiPolygonCoords = PolygonCoords[];
export type BBox = [number, number, number, number]; // [minLng, minLat, maxLng, maxLat]

export interface PolyFeature<P> {
  type: 'Feature';
  properties: P;
  geometry: { type: 'Polygon'; coordinates: PolygonCoords } | { type: 'MultiPolygon'; coordinates: MultiPolygonCoords };
}

/** The polygons of a Polygon or MultiPolygon geometry, as a MultiPolygon coordinate array. */
export function polygonsOf(g: PolyFeature<unknown>['geometry']): MultiPolygonCoords {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export function bboxOf(polys: MultiPolygonCoords): BBox {
  let a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
  for (const poly of polys) for (const ring of poly) for (const [x, y] of ring) {
    if (x < a) a = x;
    if (y < b) b = y;
    if (x > c) c = x;
    if (y > d) d = y;
  }
  return [a, b, c, d];
}

export function unionBBox(boxes: BBox[]): BBox {
  return boxes.reduce<BBox>((u, x) => [Math.min(u[0], x[0]), Math.min(u[1], x[1]), Math.max(u[2], x[2]), Math.max(u[3], x[3])], [Infinity, Infinity, -Infinity, -Infinity]);
}

export function bboxIntersects(a: BBox, b: BBox, margin = 0): boolean {
  return a[0] - margin <= b[2] && b[0] - margin <= a[2] && a[1] - margin <= b[3] && b[1] - margin <= a[3];
}

export function roundPos(p: Pos, decimals: number): Pos {
  const f = 10 ** decimals;
  return [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f];
}

function sqSegDist(p: Pos, a: Pos, b: Pos): number {
  let x = a[0], y = a[1];
  let dx = b[0] - x, dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0];
      y = b[1];
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = p[0] - x;
  dy = p[1] - y;
  return dx * dx + dy * dy;
}

/** Douglas-Peucker on an open polyline; keeps both ends. Symmetric: a reversed input gives the reversed output. */
export function simplifyLine(pts: Pos[], tolerance: number): Pos[] {
  if (pts.length <= 2) return pts.slice();
  const sq = tolerance * tolerance;
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack: [number, number][] = [[0, pts.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let maxSq = sq, index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = sqSegDist(pts[i]!, pts[first]!, pts[last]!);
      // ties broken towards the middle, so the result does not depend on the direction of travel
      if (d > maxSq || (d === maxSq && index >= 0 && Math.abs(i - (first + last) / 2) < Math.abs(index - (first + last) / 2))) {
        index = i;
        maxSq = d;
      }
    }
    if (index >= 0) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return pts.filter((_, i) => keep[i]);
}

const key = (p: Pos) => `${p[0]},${p[1]}`;

/**
 * Simplify many polygons together. Points where the set of rings passing through them changes
 * (junctions of three borders, ends of a shared border) are kept as anchors, and each stretch between
 * anchors is simplified on its own, so a border shared by two counties comes out the same on both sides.
 * Rings that would collapse below 4 positions keep their original points.
 */
export function simplifyPolygons(all: MultiPolygonCoords[], tolerance: number): MultiPolygonCoords[] {
  // rings through each point
  const through = new Map<string, Set<number>>();
  let ringId = 0;
  for (const polys of all) for (const poly of polys) for (const ring of poly) {
    const id = ringId++;
    for (const p of ring) {
      const k = key(p);
      let s = through.get(k);
      if (!s) through.set(k, (s = new Set()));
      s.add(id);
    }
  }
  const sig = (p: Pos) => [...through.get(key(p))!].sort((a, b) => a - b).join(',');
  return all.map((polys) =>
    polys.map((poly) =>
      poly.map((ring) => {
        const closed = ring.length > 1 && key(ring[0]!) === key(ring[ring.length - 1]!);
        const pts = closed ? ring.slice(0, -1) : ring.slice();
        const n = pts.length;
        if (n < 4) return ring;
        const sigs = pts.map(sig);
        const anchors: number[] = [];
        for (let i = 0; i < n; i++) {
          const prev = sigs[(i - 1 + n) % n], next = sigs[(i + 1) % n];
          if (sigs[i] !== prev || sigs[i] !== next) anchors.push(i);
        }
        // a ring that shares nothing (or only one stretch): anchor its lowest-left point and the point farthest from it
        if (anchors.length < 2) {
          let lo = 0;
          for (let i = 1; i < n; i++) if (key(pts[i]!) < key(pts[lo]!)) lo = i;
          let far = lo, best = -1;
          for (let i = 0; i < n; i++) {
            const d = (pts[i]![0] - pts[lo]![0]) ** 2 + (pts[i]![1] - pts[lo]![1]) ** 2;
            if (d > best) {
              best = d;
              far = i;
            }
          }
          anchors.splice(0, anchors.length, ...new Set([lo, far, ...anchors]));
          anchors.sort((a, b) => a - b);
        }
        const out: Pos[] = [];
        for (let j = 0; j < anchors.length; j++) {
          const from = anchors[j]!, to = anchors[(j + 1) % anchors.length]!;
          const seg: Pos[] = [];
          for (let i = from; ; i = (i + 1) % n) {
            seg.push(pts[i]!);
            if (i === to && seg.length > 1) break;
            if (seg.length > n + 1) break;
          }
          const s = simplifyLine(seg, tolerance);
          out.push(...s.slice(0, -1));
        }
        if (out.length < 3) return ring;
        out.push(out[0]!);
        return out;
      }),
    ),
  );
}

/** Round every position and drop consecutive duplicates that rounding creates. */
export function roundPolygons(polys: MultiPolygonCoords, decimals: number): MultiPolygonCoords {
  return polys.map((poly) =>
    poly.map((ring) => {
      const out: Pos[] = [];
      for (const p of ring) {
        const r = roundPos(p, decimals);
        const last = out[out.length - 1];
        if (!last || last[0] !== r[0] || last[1] !== r[1]) out.push(r);
      }
      return out;
    }).filter((ring) => ring.length >= 4),
  ).filter((poly) => poly.length > 0);
}

export function countPositions(polys: MultiPolygonCoords): number {
  let n = 0;
  for (const poly of polys) for (const ring of poly) n += ring.length;
  return n;
}
