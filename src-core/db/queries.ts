/**
 * Read-side queries over a database with the schema in ./schema.ts. Platform-free: takes any object
 * with sql.js's `exec` shape, so the same code runs in the renderer's worker, in Node scripts and tests.
 */
import { queryArms } from './arms';
import { REQUIRED_TABLES, SCHEMA_VERSION } from './schema';
import type { City, County, Indicator, Observation, ObsFlag, SourceDoc } from '../model';

export type SqlValue = string | number | null | Uint8Array;
export interface SqlResult { columns: string[]; values: SqlValue[][] }
type Row = Record<string, SqlValue | undefined>;
export interface SqlDb { exec(sql: string, params?: SqlValue[]): SqlResult[] }

export interface Catalog {
  meta: Record<string, string>;
  cities: City[];
  counties: County[];
  docs: SourceDoc[];
  indicators: Indicator[];
}

export interface ObsFilter {
  cityIds?: string[];
  indicatorIds?: string[];
  domains?: string[];
  /** true: county-level rows only; false: city-wide only; undefined: both */
  county?: boolean;
  /** only the latest N as-of dates of each series (indicator × city × county); see ./arms.ts */
  latest?: number;
}

function rows(db: SqlDb, sql: string, params: SqlValue[] = []): Row[] {
  const out: Row[] = [];
  for (const r of db.exec(sql, params)) {
    for (const v of r.values) {
      const o: Row = {};
      r.columns.forEach((c, i) => (o[c] = v[i] ?? null));
      out.push(o);
    }
  }
  return out;
}
const s = (v: SqlValue | undefined): string => (v === null || v === undefined ? '' : String(v));

/** Problems that make a database unusable, in words that name the table or column. Empty when fine. */
export function checkSchema(db: SqlDb): string[] {
  const problems: string[] = [];
  let tables: string[];
  try {
    tables = rows(db, "SELECT name FROM sqlite_master WHERE type='table'").map((r) => s(r.name));
  } catch (e) {
    return [`not a readable SQLite database (${(e as Error).message})`];
  }
  for (const t of REQUIRED_TABLES) if (!tables.includes(t)) problems.push(`table "${t}" is missing`);
  if (problems.length) return problems;
  const v = rows(db, "SELECT value FROM meta WHERE key='schema_version'")[0];
  if (!v) problems.push('meta.schema_version is missing');
  else if (Number(v.value) > SCHEMA_VERSION) problems.push(`schema_version ${s(v.value)} is newer than this app supports (${SCHEMA_VERSION})`);
  return problems;
}

export function readCatalog(db: SqlDb): Catalog {
  const meta: Record<string, string> = {};
  for (const r of rows(db, 'SELECT key, value FROM meta')) meta[s(r.key)] = s(r.value);
  const cities = rows(db, 'SELECT * FROM cities ORDER BY rowid').map((r): City => ({
    id: s(r.id), adcode: s(r.adcode), nameZh: s(r.name_zh), nameEn: s(r.name_en), provinceZh: s(r.province_zh), provinceEn: s(r.province_en),
  }));
  const counties = rows(db, 'SELECT * FROM counties ORDER BY adcode').map((r): County => ({
    adcode: s(r.adcode), cityId: s(r.city_id), nameZh: s(r.name_zh), nameEn: s(r.name_en), kind: s(r.kind) as County['kind'],
  }));
  const docs = rows(db, 'SELECT * FROM documents ORDER BY published').map((r): SourceDoc => ({
    id: s(r.id), titleZh: s(r.title_zh), titleDescriptive: Number(r.title_descriptive) === 1, publisherZh: s(r.publisher_zh),
    published: s(r.published), publishedInferred: Number(r.published_inferred) === 1, cityId: s(r.city_id), notes: s(r.notes),
  }));
  const indicators = rows(db, 'SELECT * FROM indicators ORDER BY domain, id').map((r): Indicator => ({
    id: s(r.id), nameZh: s(r.name_zh), nameEn: s(r.name_en), unit: s(r.unit) as Indicator['unit'], unitZh: s(r.unit_zh),
    unitEn: s(r.unit_en), domain: s(r.domain), definitionZh: s(r.definition_zh), definitionEn: s(r.definition_en),
    mainPages: Number(r.main_pages) === 1,
  }));
  return { meta, cities, counties, docs, indicators };
}

export function rowToObservation(r: Row): Observation {
  const flags = s(r.flags);
  return {
    id: s(r.id), indicatorId: s(r.indicator_id), cityId: s(r.city_id),
    countyAdcode: r.county_adcode === null || r.county_adcode === '' ? null : s(r.county_adcode),
    asOf: s(r.as_of), asOfBasis: s(r.as_of_basis) as Observation['asOfBasis'],
    value: r.value === null || r.value === '' ? null : Number(r.value),
    qualifier: s(r.qualifier) as Observation['qualifier'], qualifierZh: s(r.qualifier_zh),
    docId: r.doc_id === null || r.doc_id === '' ? null : s(r.doc_id), quoteZh: s(r.quote_zh), metricZh: s(r.metric_zh),
    flags: flags ? (flags.split(',') as ObsFlag[]) : [], notes: s(r.notes),
    conflictGroup: r.conflict_group === null || r.conflict_group === '' ? null : s(r.conflict_group), source: s(r.source),
  };
}

/** Observations matching a filter, in (indicator, city, as-of, id) order; windowed when `f.latest` is set. */
export function queryObservations(db: SqlDb, f: ObsFilter = {}): Observation[] {
  return queryArms([{ db }], f);
}

/** Latest as-of date of each city's (non-simulated, city-wide) figures: the header's "data as of". */
export function queryLatestAsOf(db: SqlDb): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows(db, "SELECT city_id, max(as_of) AS as_of FROM observations WHERE county_adcode IS NULL AND (',' || flags || ',') NOT LIKE '%,simulated,%' GROUP BY city_id")) out[s(r.city_id)] = s(r.as_of);
  return out;
}

/** Members of conflict groups, so a provenance view can show both sides of a conflict. */
export function queryConflictGroup(db: SqlDb, group: string): Observation[] {
  return rows(db, 'SELECT * FROM observations WHERE conflict_group = ? ORDER BY as_of, id', [group]).map(rowToObservation);
}
