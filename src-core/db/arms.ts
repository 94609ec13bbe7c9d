/**
 * Observation queries over several databases at once: the working database (bundled sample, JSON
 * feeds, imports) and one database per SQLite snapshot feed. A snapshot is never copied row by row
 * into the working database: it stays the database it arrived as (an "arm"), gets the indexes below if
 * it lacks them, and every read asks each arm and merges. Applying a million-row snapshot therefore
 * costs opening it and validating it in SQL, not a million inserts.
 *
 * Windowed reads (`ObsFilter.latest`): a panel asks for the latest N as-of dates of each series
 * (indicator × city × county) and receives only those rows, found through the series index, so a
 * page never pulls a city's whole history across to the UI thread.
 */
import { rowToObservation, type ObsFilter, type SqlDb, type SqlValue } from './queries';
import type { Observation } from '../model';

export interface ObsArm {
  db: SqlDb;
  /** every row of this arm is credited to this source (a snapshot feed's URL); undefined: the row's own `source` column */
  source?: string;
}

/** The indexes reads rely on, in the bundled schema and created on snapshots that lack them. */
export const OBS_INDEXES: readonly { name: string; columns: readonly string[]; where?: string }[] = [
  { name: 'obs_series', columns: ['indicator_id', 'city_id', 'county_adcode', 'as_of'] },
  { name: 'obs_by_city', columns: ['city_id', 'as_of'] },
  { name: 'obs_by_group', columns: ['conflict_group'], where: 'conflict_group IS NOT NULL' },
];

const COLS = ['id', 'indicator_id', 'city_id', 'county_adcode', 'as_of', 'as_of_basis', 'value', 'qualifier', 'qualifier_zh', 'doc_id', 'quote_zh',
  'metric_zh', 'flags', 'notes', 'conflict_group'] as const;
const cols = (arm: ObsArm, alias: string) => [...COLS, ...(arm.source === undefined ? ['source'] : [])].map((c) => `${alias}.${c}`).join(', ');

function toObservations(db: SqlDb, sql: string, params: SqlValue[], arm: ObsArm, out: Observation[]): void {
  for (const r of db.exec(sql, params)) {
    for (const v of r.values) {
      const o: Record<string, SqlValue> = {};
      r.columns.forEach((c, i) => (o[c] = v[i] ?? null));
      if (arm.source !== undefined) o.source = arm.source;
      out.push(rowToObservation(o));
    }
  }
}

const str = (v: SqlValue | undefined) => (v === null || v === undefined ? '' : String(v));
const col = (db: SqlDb, sql: string, params: SqlValue[] = []): string[] => (db.exec(sql, params)[0]?.values ?? []).map((r) => str(r[0]));

/** SQLite's BINARY order, which `ORDER BY indicator_id, city_id, as_of, id` gives for a single database. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export function sortObservations(obs: Observation[]): Observation[] {
  return obs.sort((a, b) => cmp(a.indicatorId, b.indicatorId) || cmp(a.cityId, b.cityId) || cmp(a.asOf, b.asOf) || cmp(a.id, b.id));
}

/** Indicator ids for a filter (domains resolved against the catalogue of `catalog`, the working database). */
function indicatorIds(catalog: SqlDb, f: ObsFilter): string[] | undefined {
  let ids = f.indicatorIds;
  if (f.domains) {
    const inDomains = col(catalog, `SELECT id FROM indicators WHERE domain IN (${f.domains.map(() => '?').join(',') || "''"}) ORDER BY id`, f.domains);
    ids = ids ? ids.filter((i) => inDomains.includes(i)) : inDomains;
  }
  return ids;
}

function where(f: ObsFilter, ids: string[] | undefined, alias: string): { sql: string; params: SqlValue[] } {
  const w: string[] = [];
  const params: SqlValue[] = [];
  const inList = (c: string, values: string[] | undefined) => {
    if (!values) return;
    if (!values.length) w.push('0');
    else {
      w.push(`${alias}.${c} IN (${values.map(() => '?').join(',')})`);
      params.push(...values);
    }
  };
  inList('city_id', f.cityIds);
  inList('indicator_id', ids);
  if (f.county === true) w.push(`${alias}.county_adcode IS NOT NULL`);
  if (f.county === false) w.push(`${alias}.county_adcode IS NULL`);
  return { sql: w.length ? `WHERE ${w.join(' AND ')}` : '', params };
}

type Key = [indicatorId: string, cityId: string, county: string | null];
const keyOf = (k: readonly [string, string, string | null]) => `${k[0]}|${k[1]}|${k[2] ?? ''}`;

/** Every series a filter can cover, from the working database's catalogue. */
/**
 * Indicators with county-level rows in these cities, in any arm. Most indicators are city-wide only: a
 * query for every county series would otherwise ask about every indicator × county pair (the map's query
 * for a city of 12 counties: 40 ms instead of 1 ms).
 */
function countyIndicators(arms: readonly ObsArm[], cities: string[]): string[] {
  const ids = new Set<string>();
  const q = `SELECT DISTINCT indicator_id FROM observations WHERE county_adcode IS NOT NULL AND city_id IN (${cities.map(() => '?').join(',')})`;
  for (const arm of arms) for (const i of col(arm.db, q, cities)) ids.add(i);
  return [...ids].sort();
}

function seriesKeys(arms: readonly ObsArm[], f: ObsFilter, ids: string[] | undefined): Key[] {
  const catalog = arms[0]!.db;
  const cities = f.cityIds ?? col(catalog, 'SELECT id FROM cities ORDER BY id');
  const keys: Key[] = [];
  if (f.county !== true) {
    const inds = ids ?? col(catalog, 'SELECT id FROM indicators ORDER BY id');
    for (const i of inds) for (const c of cities) keys.push([i, c, null]);
  }
  if (f.county !== false && cities.length) {
    const counties = (catalog.exec(`SELECT city_id, adcode FROM counties WHERE city_id IN (${cities.map(() => '?').join(',')}) ORDER BY adcode`, cities)[0]?.values ?? []).map((r) => [str(r[0]), str(r[1])] as const);
    const inds = ids ?? countyIndicators(arms, cities);
    for (const i of inds) for (const [c, k] of counties) keys.push([i, c, k]);
  }
  return keys;
}

/** Series keys go to SQLite as one JSON parameter (json_each), not thousands of bound VALUES. */
const KEYS_CTE = "WITH k AS (SELECT j.value ->> 0 AS ind, j.value ->> 1 AS city, j.value ->> 2 AS county, j.value ->> 3 AS bound FROM json_each(?) j)";

/**
 * Per series, a lower bound on the as-of dates the latest `n` can have in this arm: NULL when the arm
 * has no row of the series, '' when it has fewer than n dates (no bound), else its n-th latest date.
 * The union's n-th latest date is at or after every arm's n-th latest date, so the highest is a bound.
 */
function armCutoffs(arm: ObsArm, keys: Key[], n: number): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const series = 'FROM observations x WHERE x.indicator_id = k.ind AND x.city_id = k.city AND x.county_adcode IS k.county';
  const sql = `${KEYS_CTE} SELECT k.ind, k.city, k.county, coalesce((SELECT DISTINCT x.as_of ${series} ORDER BY x.as_of DESC LIMIT 1 OFFSET ${n - 1}),
      (SELECT '' ${series} LIMIT 1)) FROM k`;
  for (const r of arm.db.exec(sql, [JSON.stringify(keys)])[0]?.values ?? []) out.set(keyOf([str(r[0]), str(r[1]), r[2] === null ? null : str(r[2])]), r[3] === null ? null : str(r[3]));
  return out;
}

/** Observations matching `f` across the arms, in (indicator, city, as-of, id) order; windowed when f.latest is set. */
export function queryArms(arms: readonly ObsArm[], f: ObsFilter = {}): Observation[] {
  const catalog = arms[0]!.db;
  const ids = indicatorIds(catalog, f);
  const out: Observation[] = [];
  const n = f.latest;
  if (n === undefined || !Number.isInteger(n) || n < 1) {
    for (const arm of arms) {
      const w = where({ ...f, domains: undefined }, ids, 'o');
      toObservations(arm.db, `SELECT ${cols(arm, 'o')} FROM observations o ${w.sql}`, w.params, arm, out);
    }
    return sortObservations(out);
  }
  const keys = seriesKeys(arms, f, ids);
  if (!keys.length) return out;
  // 1) each arm's bound per series; the series' bound is the highest of them (the union's n-th latest date is at least that)
  const perArm = arms.map((arm) => armCutoffs(arm, keys, n));
  const bound = new Map<string, string>();
  for (const m of perArm) for (const [k, c] of m) if (c !== null && (bound.get(k) ?? '') <= c) bound.set(k, c);
  // 2) the rows at or after the bound, from the arms that have the series
  const rows: Observation[] = [];
  arms.forEach((arm, a) => {
    const have = keys.filter((k) => perArm[a]!.get(keyOf(k)) != null).map((k) => [...k, bound.get(keyOf(k)) ?? '']);
    if (!have.length) return;
    const sql = `${KEYS_CTE} SELECT ${cols(arm, 'o')} FROM k CROSS JOIN observations o
      WHERE o.indicator_id = k.ind AND o.city_id = k.city AND o.county_adcode IS k.county AND o.as_of >= k.bound`;
    toObservations(arm.db, sql, [JSON.stringify(have)], arm, rows);
  });
  // 3) keep each series' latest n dates
  const dates = new Map<string, Set<string>>();
  for (const o of rows) {
    const k = keyOf([o.indicatorId, o.cityId, o.countyAdcode]);
    let s = dates.get(k);
    if (!s) dates.set(k, (s = new Set()));
    s.add(o.asOf);
  }
  const keep = new Map<string, string>();
  for (const [k, s] of dates) keep.set(k, s.size <= n ? '' : [...s].sort().reverse()[n - 1]!);
  for (const o of rows) if (o.asOf >= keep.get(keyOf([o.indicatorId, o.cityId, o.countyAdcode]))!) out.push(o);
  return sortObservations(out);
}

/** Latest as-of date of each city's (non-simulated, city-wide) figures across the arms: the header's "data as of". */
export function latestAsOfArms(arms: readonly ObsArm[]): Record<string, string> {
  const out: Record<string, string> = {};
  const cities = new Set(col(arms[0]!.db, 'SELECT id FROM cities'));
  for (const arm of arms) {
    for (const c of col(arm.db, 'SELECT DISTINCT city_id FROM observations')) cities.add(c);
  }
  for (const c of cities) {
    for (const arm of arms) {
      const d = col(arm.db, "SELECT as_of FROM observations WHERE city_id = ? AND county_adcode IS NULL AND (',' || flags || ',') NOT LIKE '%,simulated,%' ORDER BY as_of DESC LIMIT 1", [c])[0];
      if (d && (!out[c] || d > out[c]!)) out[c] = d;
    }
  }
  return out;
}

/** Members of a conflict group across the arms, by as-of then id. */
export function conflictGroupArms(arms: readonly ObsArm[], group: string): Observation[] {
  const out: Observation[] = [];
  for (const arm of arms) toObservations(arm.db, `SELECT ${cols(arm, 'o')} FROM observations o WHERE o.conflict_group = ?`, [group], arm, out);
  return out.sort((a, b) => cmp(a.asOf, b.asOf) || cmp(a.id, b.id));
}

export function countArms(arms: readonly ObsArm[]): number {
  return arms.reduce((n, arm) => n + Number(arm.db.exec('SELECT count(*) FROM observations')[0]?.values[0]?.[0] ?? 0), 0);
}

/** Column lists of the indexes on `observations` (unique ones flagged). */
export function observationIndexes(db: SqlDb): { name: string; unique: boolean; partial: boolean; columns: string[] }[] {
  return (db.exec("SELECT name, \"unique\", partial FROM pragma_index_list('observations')")[0]?.values ?? []).map((r) => ({
    name: str(r[0]), unique: Number(r[1]) === 1, partial: Number(r[2]) === 1,
    columns: col(db, 'SELECT name FROM pragma_index_info(?) ORDER BY seqno', [str(r[0])]),
  }));
}

/** Create the read indexes a database lacks (an existing index with the same leading columns counts). Returns those created. */
export function ensureObservationIndexes(db: SqlDb & { run(sql: string): unknown }): string[] {
  const have = observationIndexes(db);
  const made: string[] = [];
  for (const want of OBS_INDEXES) {
    if (have.some((h) => want.columns.every((c, i) => h.columns[i] === c) && (!h.partial || want.where))) continue;
    const name = have.some((h) => h.name === want.name) ? `${want.name}_cockpit` : want.name;
    db.run(`CREATE INDEX ${name} ON observations (${want.columns.join(', ')})${want.where ? ` WHERE ${want.where}` : ''}`);
    made.push(name);
  }
  return made;
}
