import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CityGeo } from '../../../src-core/geo/asset';
import { drawPoster, fitCamera, mercator, projector } from './poster';
import type { MapInput } from './style';

const geo = JSON.parse(readFileSync(new URL('../../../assets/geo/371300.json', import.meta.url), 'utf8')) as CityGeo; // Linyi

const PAD = { top: 28, bottom: 22, left: 200, right: 16 };

function input(over: Partial<MapInput> = {}): MapInput {
  const counties = geo.counties.features.map((f, i) => ({ adcode: f.properties.adcode, fill: i % 2 ? '#155e8a' : '#7fe3f5', simulated: i === 0 }));
  return {
    geo, counties,
    facts: [{ id: 'f1', adcode: counties[1]!.adcode, position: geo.counties.features[1]!.properties.centroid, colour: '#ff5a5a' }],
    arcs: [{ id: 'a1', from: geo.counties.features[2]!.properties.centroid, to: geo.city.center, width: 3, simulated: true, kind: 'county' }],
    columns: [{ id: 'c1', position: geo.city.center, tier: 2 }],
    points: [{ id: 'platform', position: geo.city.center, text: '★市大数据平台', kind: 'platform' }],
    simLabel: '模拟',
    layers: { boundaries: true, neighbours: true, labels: true, choropleth: true, facts: true, arcs: true, columns: true },
    benchPoints: 0, benchPointsDeck: false, pitch: 0, interleaved: true,
    ...over,
  };
}

/** A 2D context that records what is drawn (the poster only needs these members). */
function recorder() {
  const calls: { op: string; args: unknown[]; fill?: unknown; stroke?: unknown }[] = [];
  const state: Record<string, unknown> = {};
  const ctx = new Proxy(state, {
    get(t, k: string) {
      if (k in t) return t[k];
      if (k === 'measureText') return (s: string) => ({ width: s.length * 12 });
      if (k === 'createLinearGradient') return () => ({ addColorStop() {} });
      return (...args: unknown[]) => calls.push({ op: k, args, fill: t.fillStyle, stroke: t.strokeStyle });
    },
    set(t, k: string, v) {
      t[k] = v;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
  return { ctx, calls };
}

describe('map poster camera (MapLibre fitBounds, bearing 0)', () => {
  it('Web Mercator matches known values', () => {
    expect(mercator([0, 0])).toEqual([0.5, 0.5]);
    expect(mercator([180, 0])[0]).toBe(1);
    const [, y] = mercator([0, 85.0511287798066]);
    expect(y).toBeCloseTo(0, 6);
  });

  it('fits the bounding box into the padded area, tight in one direction, centred in it', () => {
    const cam = fitCamera(geo.bbox, 800, 500, PAD, 0);
    const proj = projector(cam);
    const [w, s, e, n] = geo.bbox;
    const nw = proj(mercator([w, n]));
    const se = proj(mercator([e, s]));
    const tight = Math.abs(nw.x - PAD.left) < 1e-6 && Math.abs(se.x - (800 - PAD.right)) < 1e-6;
    const tightY = Math.abs(nw.y - PAD.top) < 1e-6 && Math.abs(se.y - (500 - PAD.bottom)) < 1e-6;
    expect(tight || tightY).toBe(true);
    expect(nw.x).toBeGreaterThanOrEqual(PAD.left - 1e-6);
    expect(se.x).toBeLessThanOrEqual(800 - PAD.right + 1e-6);
    expect(nw.y).toBeGreaterThanOrEqual(PAD.top - 1e-6);
    expect(se.y).toBeLessThanOrEqual(500 - PAD.bottom + 1e-6);
    // the box's middle lands in the middle of the padded area
    expect((nw.x + se.x) / 2).toBeCloseTo(PAD.left + (800 - PAD.left - PAD.right) / 2, 6);
    expect((nw.y + se.y) / 2).toBeCloseTo(PAD.top + (500 - PAD.top - PAD.bottom) / 2, 6);
  });

  it('ignores the pitch when choosing the zoom (as MapLibre does) and tilts the view away from the viewer', () => {
    const flat = fitCamera(geo.bbox, 800, 500, PAD, 0);
    const tilted = fitCamera(geo.bbox, 800, 500, PAD, 35);
    expect(tilted.zoom).toBe(flat.zoom);
    const p = projector(tilted);
    const centre = p(tilted.center);
    expect(centre.x).toBeCloseTo(400, 6);
    expect(centre.y).toBeCloseTo(250, 6);
    const north = p([tilted.center[0], tilted.center[1] - 0.001]);
    const south = p([tilted.center[0], tilted.center[1] + 0.001]);
    expect(north.scale).toBeLessThan(1); // farther: smaller
    expect(south.scale).toBeGreaterThan(1);
    expect(centre.y - north.y).toBeLessThan(south.y - centre.y); // foreshortened towards the horizon
    // something above the ground appears higher on screen
    expect(p(tilted.center, 100).y).toBeLessThan(centre.y);
  });

  it('metres to pixels grow with latitude (Mercator) and zoom', () => {
    const cam = fitCamera(geo.bbox, 800, 500, PAD, 0);
    const p = projector(cam);
    expect(p.pixelsPerMetre(60)).toBeCloseTo(p.pixelsPerMetre(0) * 2, 6);
    expect(projector({ ...cam, zoom: cam.zoom + 1 }).pixelsPerMetre(35)).toBeCloseTo(p.pixelsPerMetre(35) * 2, 6);
  });
});

describe('map poster drawing', () => {
  it('draws background, every county in its class colour, borders, marks and labels', () => {
    const { ctx, calls } = recorder();
    const r = drawPoster(ctx, input(), 800, 500, PAD);
    expect(calls.find((c) => c.op === 'fillRect')).toMatchObject({ op: 'fillRect', args: [0, 0, 800, 500], fill: '#07101f' });
    const fills = calls.filter((c) => c.op === 'fill').map((c) => c.fill);
    expect(fills).toContain('#155e8a');
    expect(fills).toContain('#7fe3f5');
    expect(fills).toContain('#0d1828'); // neighbours
    expect(fills).toContain('#ff5a5a'); // the fact marker
    expect(calls.some((c) => c.op === 'stroke' && String(c.stroke).startsWith('rgba(95,212,255'))).toBe(true); // county borders
    // labels: county names in Chinese, the simulated one with 模拟 under it
    const first = geo.counties.features[0]!.properties.name;
    expect(r.labels).toContain(`${first}\n模拟`);
    const texts = calls.filter((c) => c.op === 'fillText').map((c) => c.args[0]);
    expect(texts).toContain('模拟');
    expect(texts.filter((t) => t === '模拟')).toHaveLength(1);
  });

  it('with the choropleth off, counties take the plain fill and no 模拟 is drawn', () => {
    const { ctx, calls } = recorder();
    const base = input();
    const r = drawPoster(ctx, input({ layers: { ...base.layers, choropleth: false } }), 800, 500, PAD);
    const fills = calls.filter((c) => c.op === 'fill').map((c) => c.fill);
    expect(fills).toContain('#12304f');
    expect(fills).not.toContain('#7fe3f5');
    expect(r.labels.some((l) => l.includes('模拟'))).toBe(false);
  });

  it('drops labels that would overlap one already placed (MapLibre collision)', () => {
    const { ctx } = recorder();
    const tiny = drawPoster(ctx, input(), 120, 80, { top: 0, bottom: 0, left: 0, right: 0 });
    const big = drawPoster(recorder().ctx, input(), 1600, 1000, PAD);
    expect(tiny.labels.length).toBeLessThan(big.labels.length);
    expect(big.labels.length).toBeGreaterThanOrEqual(geo.counties.features.length);
  });

  it('hides layers that are switched off', () => {
    const { ctx, calls } = recorder();
    const base = input();
    drawPoster(ctx, input({ layers: { ...base.layers, neighbours: false, facts: false, arcs: false, columns: false, labels: false } }), 800, 500, PAD);
    const fills = calls.filter((c) => c.op === 'fill').map((c) => c.fill);
    expect(fills).not.toContain('#0d1828');
    expect(fills).not.toContain('#ff5a5a');
    expect(fills).not.toContain('#ff8a3d');
    expect(calls.some((c) => c.op === 'fillText')).toBe(false);
  });
});
