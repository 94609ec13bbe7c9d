/**
 * The cockpit's working data: one read-write database (the bundled sample, JSON feeds and imports,
 * keyed by (source, id); see ./apply.ts) plus one opened database per SQLite snapshot feed.
 *
 * A snapshot is applied by keeping it as the database it arrived as, not by copying its rows: it is
 * opened, checked in SQL (schema, references, duplicate ids, value types), given the read indexes it
 * lacks, and then swapped in for the previous version of that source in one step. Its catalogue
 * (indicators, cities, counties, documents) is merged into the working database in one transaction.
 * Any problem before the swap closes the new snapshot and leaves everything as it was.
 *
 * Reads go through ../db/arms.ts, which asks every database and merges.
 */
import { conflictGroupArms, countArms, ensureObservationIndexes, latestAsOfArms, observationIndexes, queryArms, type ObsArm } from '../db/arms';
import { checkSchema, readCatalog, type Catalog, type ObsFilter, type SqlDb } from '../db/queries';
import { AsOfBasis, ObsFlag, Qualifier, type Observation } from '../model';
import { applySource, feedToSourceData, upsertCatalogue, knownCatalog, prepareMergeDb, removeSource, summariseChanges, type ChangeSummary, type SourceData, type SqlDbRw } from './apply';
import { FeedError } from './fetch';
import type { KnownCatalog } from './format';
import { parseFeedJson } from './parse';

/** An opened SQLite snapshot (sql.js in the worker and in Node). */
export type SnapshotDb = SqlDbRw & { close(): unknown };
export type SnapshotOpener = (bytes: Uint8Array) => SnapshotDb;

export type IngestResult =
  | { kind: 'applied'; name: string; generatedAt: string | null; asOf: string | null; observations: number }
  | { kind: 'older'; generatedAt: string | null; heldGeneratedAt: string | null };

export interface FeedDocument { url: string; bytes: Uint8Array; format: 'json' | 'sqlite'; lastModified: string | null }

const isOlder = (generatedAt: string | null, held: string | null) => !!held && !!generatedAt && Date.parse(generatedAt) < Date.parse(held);
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const quoteList = (xs: readonly string[]) => xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ');

/**
 * Everything that makes a snapshot's observations unusable, checked in SQL over the whole table:
 * references (against the working catalogue plus the snapshot's own), duplicate ids, value types,
 * dates and enumerations. Throws a FeedError naming an observation id and the column.
 */
export function validateSnapshotObservations(snap: SqlDb, cat: Catalog, known: KnownCatalog): void {
  const indicators = new Set([...known.indicators, ...cat.indicators.map((i) => i.id)]);
  const cities = new Set([...known.cities.keys(), ...cat.cities.map((c) => c.id)]);
  const counties = new Map(known.counties);
  for (const c of cat.counties) counties.set(c.adcode, c.cityId);
  const example = (where: string, params: string[]) => str(snap.exec(`SELECT id FROM observations WHERE ${where} LIMIT 1`, params)[0]?.values[0]?.[0]);
  for (const r of snap.exec('SELECT DISTINCT indicator_id, city_id, county_adcode FROM observations')[0]?.values ?? []) {
    const [ind, city, county] = [str(r[0]), str(r[1]), r[2] === null || r[2] === '' ? null : str(r[2])];
    if (!indicators.has(ind)) throw new FeedError('invalid', `SQLite snapshot: observation "${example('indicator_id = ?', [ind])}": unknown indicator "${ind}" (observations.indicator_id)`);
    if (!cities.has(city)) throw new FeedError('invalid', `SQLite snapshot: observation "${example('city_id = ?', [city])}": unknown city "${city}" (observations.city_id)`);
    if (county !== null && counties.get(county) !== city) {
      throw new FeedError('invalid', `SQLite snapshot: observation "${example('city_id = ? AND county_adcode = ?', [city, county])}": county ${county} ${counties.has(county) ? `belongs to ${counties.get(county)}, not ${city}` : 'is unknown'} (observations.county_adcode)`);
    }
  }
  const idUnique = observationIndexes(snap).some((i) => i.unique && !i.partial && i.columns.length === 1 && i.columns[0] === 'id');
  if (!idUnique) {
    const dup = snap.exec('SELECT id, count(*) FROM observations GROUP BY id HAVING count(*) > 1 LIMIT 1')[0]?.values[0];
    if (dup) throw new FeedError('duplicate', `SQLite snapshot: duplicate observation id "${str(dup[0])}" (${str(dup[1])} rows)`);
  }
  const bad = snap.exec(`SELECT id, CASE
      WHEN value IS NOT NULL AND typeof(value) NOT IN ('integer', 'real') THEN 'value: not a number (' || quote(value) || ')'
      WHEN as_of IS NULL OR as_of NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' THEN 'as_of: expected a date YYYY-MM-DD (' || quote(as_of) || ')'
      WHEN qualifier NOT IN (${quoteList(Qualifier.options)}) THEN 'qualifier: unknown (' || quote(qualifier) || ')'
      WHEN as_of_basis NOT IN (${quoteList(AsOfBasis.options)}) THEN 'as_of_basis: unknown (' || quote(as_of_basis) || ')'
    END AS problem FROM observations WHERE problem IS NOT NULL LIMIT 1`)[0]?.values[0];
  if (bad) throw new FeedError('invalid', `SQLite snapshot: observation "${str(bad[0])}": ${str(bad[1])}`);
  const flagOk = new Set<string>(ObsFlag.options);
  for (const r of snap.exec("SELECT DISTINCT flags FROM observations WHERE flags <> ''")[0]?.values ?? []) {
    const f = str(r[0]).split(',').find((x) => !flagOk.has(x));
    if (f !== undefined) throw new FeedError('invalid', `SQLite snapshot: observation "${example('flags = ?', [str(r[0])])}": flags: unknown flag "${f}"`);
  }
}

export class WorkingSet {
  private snapshots = new Map<string, SnapshotDb>();

  constructor(readonly main: SqlDbRw, private readonly openSnapshot: SnapshotOpener) {
    prepareMergeDb(main);
  }

  /** The working database first, then each snapshot (credited to its URL). */
  arms(): ObsArm[] {
    return [{ db: this.main }, ...[...this.snapshots].map(([source, db]) => ({ db, source }))];
  }

  hasSnapshot(source: string): boolean {
    return this.snapshots.has(source);
  }

  /** The database that holds `source`'s rows (its snapshot, or the working database). */
  dbOf(source: string | null): SqlDb {
    return (source !== null && this.snapshots.get(source)) || this.main;
  }

  observations(f: ObsFilter = {}): Observation[] {
    return queryArms(this.arms(), f);
  }
  latestAsOf(): Record<string, string> {
    return latestAsOfArms(this.arms());
  }
  conflictGroup(group: string): Observation[] {
    return conflictGroupArms(this.arms(), group);
  }
  count(): number {
    return countArms(this.arms());
  }
  catalog(): Catalog {
    return readCatalog(this.main);
  }
  known(): KnownCatalog {
    return knownCatalog(this.main);
  }
  summariseChanges(source: string, incoming: readonly Observation[]): ChangeSummary {
    return summariseChanges(this.arms(), source, incoming);
  }

  /** Replace everything `data.source` contributed (rows in the working database or a snapshot) with `data`, atomically. */
  applySource(data: SourceData): { observations: number } {
    const r = applySource(this.main, data);
    this.dropSnapshot(data.source);
    return r;
  }

  /** Remove a source's rows; returns how many there were. */
  removeSource(source: string): number {
    const snap = this.snapshots.get(source);
    const n = removeSource(this.main, source) + (snap ? countArms([{ db: snap }]) : 0);
    this.dropSnapshot(source);
    return n;
  }

  private dropSnapshot(source: string): void {
    const snap = this.snapshots.get(source);
    if (!snap) return;
    this.snapshots.delete(source);
    snap.close();
  }

  /**
   * Validate a fetched document and apply it atomically, unless it is older than the document held
   * (`heldGeneratedAt`): then it is ignored. Throws FeedError when unusable; nothing changes then.
   */
  ingest(doc: FeedDocument, heldGeneratedAt: string | null): IngestResult {
    if (doc.format === 'sqlite') {
      const lm = doc.lastModified ? new Date(doc.lastModified) : null;
      return this.applySnapshot(doc.url, doc.bytes, lm && !Number.isNaN(lm.getTime()) ? lm.toISOString() : null, heldGeneratedAt);
    }
    const data = feedToSourceData(parseFeedJson(doc.bytes), doc.url, this.known());
    if (isOlder(data.generatedAt, heldGeneratedAt)) return { kind: 'older', generatedAt: data.generatedAt, heldGeneratedAt };
    this.applySource(data);
    return { kind: 'applied', name: data.name, generatedAt: data.generatedAt, asOf: data.asOf, observations: data.observations.length };
  }

  /** Open, check and swap in a SQLite snapshot for `source`. */
  applySnapshot(source: string, bytes: Uint8Array, fallbackGeneratedAt: string | null, heldGeneratedAt: string | null): IngestResult {
    let snap: SnapshotDb;
    try {
      snap = this.openSnapshot(bytes);
    } catch (e) {
      throw new FeedError('parse', `not a readable SQLite snapshot (${(e as Error).message})`);
    }
    let kept = false;
    try {
      const problems = checkSchema(snap);
      if (problems.length) throw new FeedError('invalid', `SQLite snapshot: ${problems.join('; ')}`);
      const cat = readCatalog(snap);
      const generatedAt = cat.meta.generated_at || fallbackGeneratedAt;
      if (isOlder(generatedAt, heldGeneratedAt)) return { kind: 'older', generatedAt, heldGeneratedAt };
      ensureObservationIndexes(snap);
      validateSnapshotObservations(snap, cat, this.known());
      const observations = countArms([{ db: snap }]);
      // One transaction in the working database: the snapshot's catalogue, and no rows left from an earlier JSON form of this source.
      this.main.run('BEGIN');
      try {
        upsertCatalogue(this.main, { indicators: cat.indicators, cities: cat.cities, counties: cat.counties, documents: cat.docs });
        this.main.run('DELETE FROM observations WHERE source = ?', [source]);
        this.main.run('COMMIT');
      } catch (e) {
        try {
          this.main.run('ROLLBACK');
        } catch {
          /* already rolled back */
        }
        throw e;
      }
      const old = this.snapshots.get(source);
      this.snapshots.set(source, snap);
      kept = true;
      old?.close();
      return { kind: 'applied', name: cat.meta.source_name || cat.meta.dataset || source, generatedAt, asOf: cat.meta.as_of || null, observations };
    } catch (e) {
      if (e instanceof FeedError) throw e;
      throw new FeedError('parse', `the SQLite snapshot cannot be read (${(e as Error).message})`);
    } finally {
      if (!kept) snap.close();
    }
  }

  close(): void {
    for (const s of this.snapshots.values()) s.close();
    this.snapshots.clear();
  }
}
