/**
 * Merging sources into one working database (the renderer worker's sql.js copy of the bundled sample).
 *
 * Every row in `observations` carries its `source` ('bundled', a feed URL, or `import:<file>`), and the
 * working table is keyed by (source, id) so sources never collide. Applying a source is one SQL
 * transaction that replaces all of that source's rows: it succeeds whole or leaves the database as it
 * was. Which figure is shown when several sources report the same one is decided in ../figures.ts.
 */
import { checkSchema, queryObservations, readCatalog, type SqlDb, type SqlValue } from '../db/queries';
import type { City, County, Indicator, Observation, SourceDoc } from '../model';
import { FeedError } from './fetch';
import { formatIssues, resolveFeed, type Feed, type FeedIssue, type KnownCatalog } from './format';
import { parseFeedJson } from './parse';

export interface SqlStatement {
  run(params?: SqlValue[]): unknown;
  free(): unknown;
}
/** sql.js's Database shape (better-sqlite3 and others can be adapted to it). */
export interface SqlDbRw extends SqlDb {
  run(sql: string, params?: SqlValue[]): unknown;
  prepare(sql: string): SqlStatement;
}

/** One source's content, ready to apply. */
export interface SourceData {
  /** Observation.source for every row: the feed URL or `import:<file name>` */
  source: string;
  name: string;
  /** when the platform produced the document (feed generatedAt, snapshot meta.generated_at or Last-Modified) */
  generatedAt: string | null;
  asOf: string | null;
  indicators: Indicator[];
  cities: City[];
  counties: County[];
  documents: SourceDoc[];
  observations: Observation[];
}

export const BUNDLED_SOURCE = 'bundled';
export const IMPORT_PREFIX = 'import:';
export const importSource = (fileName: string) => `${IMPORT_PREFIX}${fileName}`;

const one = (db: SqlDb, sql: string, params: SqlValue[] = []): SqlValue | undefined => db.exec(sql, params)[0]?.values[0]?.[0];

/** Re-key the observations table by (source, id) so several sources can hold the same ids. Idempotent. */
export function prepareMergeDb(db: SqlDbRw): void {
  const ddl = String(one(db, "SELECT sql FROM sqlite_master WHERE type='table' AND name='observations'") ?? '');
  if (/PRIMARY KEY \(source, id\)/.test(ddl)) return;
  db.run('BEGIN');
  try {
    db.run(`CREATE TABLE observations_merged (
      id TEXT NOT NULL, indicator_id TEXT NOT NULL, city_id TEXT NOT NULL, county_adcode TEXT, as_of TEXT NOT NULL,
      as_of_basis TEXT NOT NULL, value REAL, qualifier TEXT NOT NULL, qualifier_zh TEXT NOT NULL, doc_id TEXT,
      quote_zh TEXT NOT NULL, metric_zh TEXT NOT NULL, flags TEXT NOT NULL, notes TEXT NOT NULL, conflict_group TEXT,
      source TEXT NOT NULL, PRIMARY KEY (source, id))`);
    db.run(`INSERT INTO observations_merged (id, indicator_id, city_id, county_adcode, as_of, as_of_basis, value, qualifier, qualifier_zh,
      doc_id, quote_zh, metric_zh, flags, notes, conflict_group, source)
      SELECT id, indicator_id, city_id, county_adcode, as_of, as_of_basis, value, qualifier, qualifier_zh, doc_id, quote_zh, metric_zh,
      flags, notes, conflict_group, source FROM observations`);
    db.run('DROP TABLE observations');
    db.run('ALTER TABLE observations_merged RENAME TO observations');
    db.run('CREATE INDEX obs_by_indicator ON observations (indicator_id, city_id, as_of)');
    db.run('CREATE INDEX obs_by_city ON observations (city_id, as_of)');
    db.run('CREATE INDEX obs_by_group ON observations (conflict_group)');
    db.run('COMMIT');
  } catch (e) {
    db.run('ROLLBACK');
    throw e;
  }
}

/** What the working database already knows (for resolving a feed's references). */
export function knownCatalog(db: SqlDb): KnownCatalog {
  const c = readCatalog(db);
  return {
    indicators: new Set(c.indicators.map((i) => i.id)),
    cities: new Map(c.cities.map((x) => [x.id, x.adcode])),
    counties: new Map(c.counties.map((x) => [x.adcode, x.cityId])),
  };
}

/** A validated JSON feed → SourceData; unresolvable references throw FeedError('invalid') naming the JSON path. */
export function feedToSourceData(feed: Feed, source: string, known: KnownCatalog): SourceData {
  const r = resolveFeed(feed, source, known);
  if (r.issues.length) throw new FeedError('invalid', formatIssues(r.issues), { path: r.issues[0]!.path });
  return {
    source, name: feed.source.name, generatedAt: feed.generatedAt, asOf: feed.asOf ?? null,
    indicators: feed.indicators ?? [], cities: feed.cities ?? [], counties: feed.counties ?? [], documents: feed.documents ?? [],
    observations: r.observations,
  };
}

/** A SQLite snapshot (opened by the caller) → SourceData. Schema problems throw FeedError('invalid'). */
export function snapshotToSourceData(snap: SqlDb, source: string, fallbackGeneratedAt: string | null): SourceData {
  const problems = checkSchema(snap);
  if (problems.length) throw new FeedError('invalid', `SQLite snapshot: ${problems.join('; ')}`);
  const cat = readCatalog(snap);
  const observations = queryObservations(snap);
  const seen = new Set<string>();
  for (const o of observations) {
    if (seen.has(o.id)) throw new FeedError('duplicate', `SQLite snapshot: duplicate observation id "${o.id}"`);
    seen.add(o.id);
    o.source = source;
  }
  return {
    source, name: cat.meta.source_name || cat.meta.dataset || source, generatedAt: cat.meta.generated_at || fallbackGeneratedAt,
    asOf: cat.meta.as_of || null, indicators: cat.indicators, cities: cat.cities, counties: cat.counties, documents: cat.docs,
    observations,
  };
}

const b = (v: boolean) => (v ? 1 : 0);

function insertAll(db: SqlDbRw, sql: string, rows: SqlValue[][]): void {
  if (!rows.length) return;
  const stmt = db.prepare(sql);
  try {
    for (const r of rows) stmt.run(r);
  } finally {
    stmt.free();
  }
}

export const OBS_COLUMNS = ['id', 'indicator_id', 'city_id', 'county_adcode', 'as_of', 'as_of_basis', 'value', 'qualifier', 'qualifier_zh',
  'doc_id', 'quote_zh', 'metric_zh', 'flags', 'notes', 'conflict_group', 'source'] as const;
export const obsRow = (o: Observation): SqlValue[] => [o.id, o.indicatorId, o.cityId, o.countyAdcode, o.asOf, o.asOfBasis, o.value, o.qualifier,
  o.qualifierZh, o.docId, o.quoteZh, o.metricZh, o.flags.join(','), o.notes, o.conflictGroup, o.source];

/**
 * Replace everything `data.source` contributed with `data`, in one transaction. Catalogue rows
 * (indicators, cities, counties, documents) are upserted. On any error the transaction is rolled back
 * and the database is exactly as before.
 */
export function applySource(db: SqlDbRw, data: SourceData): { observations: number } {
  db.run('BEGIN');
  try {
    db.run('DELETE FROM observations WHERE source = ?', [data.source]);
    insertAll(db, 'INSERT OR REPLACE INTO cities (id, adcode, name_zh, name_en, province_zh, province_en) VALUES (?, ?, ?, ?, ?, ?)',
      data.cities.map((c) => [c.id, c.adcode, c.nameZh, c.nameEn, c.provinceZh, c.provinceEn]));
    insertAll(db, 'INSERT OR REPLACE INTO counties (adcode, city_id, name_zh, name_en, kind) VALUES (?, ?, ?, ?, ?)',
      data.counties.map((c) => [c.adcode, c.cityId, c.nameZh, c.nameEn, c.kind]));
    insertAll(db, 'INSERT OR REPLACE INTO documents (id, title_zh, title_descriptive, publisher_zh, published, published_inferred, city_id, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      data.documents.map((d) => [d.id, d.titleZh, b(d.titleDescriptive), d.publisherZh, d.published, b(d.publishedInferred), d.cityId, d.notes]));
    insertAll(db, 'INSERT OR REPLACE INTO indicators (id, name_zh, name_en, unit, unit_zh, unit_en, domain, definition_zh, definition_en, main_pages) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      data.indicators.map((d) => [d.id, d.nameZh, d.nameEn, d.unit, d.unitZh, d.unitEn, d.domain, d.definitionZh, d.definitionEn, b(d.mainPages)]));
    insertAll(db, `INSERT INTO observations (${OBS_COLUMNS.join(', ')}) VALUES (${OBS_COLUMNS.map(() => '?').join(', ')})`,
      data.observations.map((o) => (o.source === data.source ? obsRow(o) : obsRow({ ...o, source: data.source }))));
    db.run('COMMIT');
  } catch (e) {
    try {
      db.run('ROLLBACK');
    } catch {
      /* already rolled back */
    }
    throw e instanceof FeedError ? e : new FeedError('invalid', `could not be applied: ${(e as Error).message}`);
  }
  return { observations: data.observations.length };
}

/** Remove a source's rows (catalogue rows stay: other sources may use them). */
export function removeSource(db: SqlDbRw, source: string): number {
  const before = Number(one(db, 'SELECT count(*) FROM observations WHERE source = ?', [source]) ?? 0);
  db.run('DELETE FROM observations WHERE source = ?', [source]);
  return before;
}

export interface ChangeSummary {
  added: number;
  updated: number;
  unchanged: number;
  /** rows the source held before and the new data no longer has */
  removed: number;
}

/**
 * What applying `incoming` as `source` would change on screen, figure by figure (indicator × place ×
 * as-of): added (no figure yet), updated (a different value is shown now), unchanged (same value).
 */
export function summariseChanges(db: SqlDb, source: string, incoming: readonly Observation[]): ChangeSummary {
  const key = (ind: SqlValue | undefined, city: SqlValue | undefined, county: SqlValue | undefined, asOf: SqlValue | undefined) => `${ind}|${city}|${county ?? ''}|${asOf}`;
  const current = new Map<string, Set<string>>();
  const ownIds = new Set<string>();
  const inds = [...new Set(incoming.map((o) => o.indicatorId))];
  for (let i = 0; i < inds.length; i += 500) {
    const part = inds.slice(i, i + 500);
    for (const r of db.exec(`SELECT indicator_id, city_id, county_adcode, as_of, value, source, id FROM observations WHERE indicator_id IN (${part.map(() => '?').join(',')})`, part)) {
      for (const v of r.values) {
        const k = key(v[0], v[1], v[2], v[3]);
        let s = current.get(k);
        if (!s) current.set(k, (s = new Set()));
        s.add(String(v[4]));
        if (v[5] === source) ownIds.add(String(v[6]));
      }
    }
  }
  const out: ChangeSummary = { added: 0, updated: 0, unchanged: 0, removed: 0 };
  const incomingIds = new Set<string>();
  for (const o of incoming) {
    incomingIds.add(o.id);
    const s = current.get(key(o.indicatorId, o.cityId, o.countyAdcode, o.asOf));
    if (!s) out.added++;
    else if (s.has(String(o.value))) out.unchanged++;
    else out.updated++;
  }
  for (const id of ownIds) if (!incomingIds.has(id)) out.removed++;
  return out;
}

export { formatIssues, type FeedIssue };

/** sql.js's read side of a prepared statement. */
export interface SqlReadStatement {
  step(): boolean;
  get(): SqlValue[];
  free(): unknown;
}
/** An opened SQLite snapshot (sql.js in the worker and in Node). */
export type SnapshotDb = SqlDb & { close(): unknown; prepare(sql: string): SqlReadStatement };
export type SnapshotOpener = (bytes: Uint8Array) => SnapshotDb;

export type IngestResult =
  | { kind: 'applied'; name: string; generatedAt: string | null; asOf: string | null; observations: number }
  | { kind: 'older'; generatedAt: string | null; heldGeneratedAt: string | null };

const isOlder = (generatedAt: string | null, held: string | null) => !!held && !!generatedAt && Date.parse(generatedAt) < Date.parse(held);

/**
 * Apply a SQLite snapshot by streaming its rows into the working database inside one transaction
 * (no million-object detour through JavaScript). References are checked in SQL before committing;
 * any problem rolls everything back.
 */
export function applySnapshot(db: SqlDbRw, snap: SnapshotDb, source: string, fallbackGeneratedAt: string | null, heldGeneratedAt: string | null): IngestResult {
  const problems = checkSchema(snap);
  if (problems.length) throw new FeedError('invalid', `SQLite snapshot: ${problems.join('; ')}`);
  const cat = readCatalog(snap);
  const generatedAt = cat.meta.generated_at || fallbackGeneratedAt;
  if (isOlder(generatedAt, heldGeneratedAt)) return { kind: 'older', generatedAt, heldGeneratedAt };
  const cols = OBS_COLUMNS.filter((c) => c !== 'source');
  db.run('BEGIN');
  let n = 0;
  try {
    db.run('DELETE FROM observations WHERE source = ?', [source]);
    insertAll(db, 'INSERT OR REPLACE INTO cities (id, adcode, name_zh, name_en, province_zh, province_en) VALUES (?, ?, ?, ?, ?, ?)',
      cat.cities.map((c) => [c.id, c.adcode, c.nameZh, c.nameEn, c.provinceZh, c.provinceEn]));
    insertAll(db, 'INSERT OR REPLACE INTO counties (adcode, city_id, name_zh, name_en, kind) VALUES (?, ?, ?, ?, ?)',
      cat.counties.map((c) => [c.adcode, c.cityId, c.nameZh, c.nameEn, c.kind]));
    insertAll(db, 'INSERT OR REPLACE INTO documents (id, title_zh, title_descriptive, publisher_zh, published, published_inferred, city_id, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      cat.docs.map((d) => [d.id, d.titleZh, b(d.titleDescriptive), d.publisherZh, d.published, b(d.publishedInferred), d.cityId, d.notes]));
    insertAll(db, 'INSERT OR REPLACE INTO indicators (id, name_zh, name_en, unit, unit_zh, unit_en, domain, definition_zh, definition_en, main_pages) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      cat.indicators.map((d) => [d.id, d.nameZh, d.nameEn, d.unit, d.unitZh, d.unitEn, d.domain, d.definitionZh, d.definitionEn, b(d.mainPages)]));
    const read = snap.prepare(`SELECT ${cols.join(', ')} FROM observations`);
    const write = db.prepare(`INSERT INTO observations (${cols.join(', ')}, source) VALUES (${cols.map(() => '?').join(', ')}, ?)`);
    try {
      while (read.step()) {
        const row = read.get();
        row.push(source);
        write.run(row);
        n++;
      }
    } finally {
      read.free();
      write.free();
    }
    const bad = db.exec(`SELECT id, indicator_id, city_id FROM observations WHERE source = ? AND (indicator_id NOT IN (SELECT id FROM indicators) OR city_id NOT IN (SELECT id FROM cities)) LIMIT 3`, [source])[0]?.values ?? [];
    if (bad.length) throw new FeedError('invalid', `SQLite snapshot: observation ${String(bad[0]![0])} refers to an unknown indicator or city (${String(bad[0]![1])}, ${String(bad[0]![2])})`);
    db.run('COMMIT');
  } catch (e) {
    try {
      db.run('ROLLBACK');
    } catch {
      /* already rolled back */
    }
    if (e instanceof FeedError) throw e;
    const msg = (e as Error).message;
    if (/UNIQUE constraint/i.test(msg)) throw new FeedError('duplicate', `SQLite snapshot: duplicate observation ids (${msg})`);
    throw new FeedError('invalid', `SQLite snapshot could not be applied: ${msg}`);
  }
  return { kind: 'applied', name: cat.meta.source_name || cat.meta.dataset || source, generatedAt, asOf: cat.meta.as_of || null, observations: n };
}

/**
 * Validate a fetched document and apply it atomically, unless it is older than the document held
 * (`heldGeneratedAt`): then it is ignored. Throws FeedError when unusable; the database is unchanged then.
 */
export function ingestDocument(
  db: SqlDbRw, doc: { url: string; bytes: Uint8Array; format: 'json' | 'sqlite'; lastModified: string | null }, heldGeneratedAt: string | null, openSnapshot: SnapshotOpener,
): IngestResult {
  if (doc.format === 'sqlite') {
    let snap: SnapshotDb;
    try {
      snap = openSnapshot(doc.bytes);
    } catch (e) {
      throw new FeedError('parse', `not a readable SQLite snapshot (${(e as Error).message})`);
    }
    try {
      const lm = doc.lastModified ? new Date(doc.lastModified) : null;
      return applySnapshot(db, snap, doc.url, lm && !Number.isNaN(lm.getTime()) ? lm.toISOString() : null, heldGeneratedAt);
    } catch (e) {
      throw e instanceof FeedError ? e : new FeedError('parse', `the SQLite snapshot cannot be read (${(e as Error).message})`);
    } finally {
      snap.close();
    }
  }
  const data = feedToSourceData(parseFeedJson(doc.bytes), doc.url, knownCatalog(db));
  if (isOlder(data.generatedAt, heldGeneratedAt)) return { kind: 'older', generatedAt: data.generatedAt, heldGeneratedAt };
  applySource(db, data);
  return { kind: 'applied', name: data.name, generatedAt: data.generatedAt, asOf: data.asOf, observations: data.observations.length };
}
