/**
 * Merging sources into one working database (the renderer worker's sql.js copy of the bundled sample).
 *
 * Every row in `observations` carries its `source` ('bundled', a feed URL, or `import:<file>`), and the
 * working table is keyed by (source, id) so sources never collide. Applying a source is one SQL
 * transaction that replaces all of that source's rows: it succeeds whole or leaves the database as it
 * was. Which figure is shown when several sources report the same one is decided in ../figures.ts.
 * SQLite snapshot feeds are not merged in here: they stay their own databases (./working.ts).
 */
import { OBS_INDEXES, type ObsArm } from '../db/arms';
import { readCatalog, type SqlDb, type SqlValue } from '../db/queries';
import type { City, County, Indicator, Observation, SourceDoc } from '../model';
import { FeedError } from './fetch';
import { formatIssues, resolveFeed, type Feed, type FeedIssue, type KnownCatalog } from './format';

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
    for (const ix of OBS_INDEXES) db.run(`CREATE INDEX ${ix.name} ON observations (${ix.columns.join(', ')})${ix.where ? ` WHERE ${ix.where}` : ''}`);
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

/** Upsert catalogue rows (indicators, cities, counties, documents); the caller holds the transaction. */
export function upsertCatalogue(db: SqlDbRw, c: Pick<SourceData, 'indicators' | 'cities' | 'counties' | 'documents'>): void {
  insertAll(db, 'INSERT OR REPLACE INTO cities (id, adcode, name_zh, name_en, province_zh, province_en) VALUES (?, ?, ?, ?, ?, ?)',
    c.cities.map((x) => [x.id, x.adcode, x.nameZh, x.nameEn, x.provinceZh, x.provinceEn]));
  insertAll(db, 'INSERT OR REPLACE INTO counties (adcode, city_id, name_zh, name_en, kind) VALUES (?, ?, ?, ?, ?)',
    c.counties.map((x) => [x.adcode, x.cityId, x.nameZh, x.nameEn, x.kind]));
  insertAll(db, 'INSERT OR REPLACE INTO documents (id, title_zh, title_descriptive, publisher_zh, published, published_inferred, city_id, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    c.documents.map((d) => [d.id, d.titleZh, b(d.titleDescriptive), d.publisherZh, d.published, b(d.publishedInferred), d.cityId, d.notes]));
  insertAll(db, 'INSERT OR REPLACE INTO indicators (id, name_zh, name_en, unit, unit_zh, unit_en, domain, definition_zh, definition_en, main_pages) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    c.indicators.map((d) => [d.id, d.nameZh, d.nameEn, d.unit, d.unitZh, d.unitEn, d.domain, d.definitionZh, d.definitionEn, b(d.mainPages)]));
}

/**
 * Replace everything `data.source` contributed with `data`, in one transaction. Catalogue rows
 * (indicators, cities, counties, documents) are upserted. On any error the transaction is rolled back
 * and the database is exactly as before.
 */
export function applySource(db: SqlDbRw, data: SourceData): { observations: number } {
  db.run('BEGIN');
  try {
    db.run('DELETE FROM observations WHERE source = ?', [data.source]);
    upsertCatalogue(db, data);
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
export function summariseChanges(arms: readonly ObsArm[], source: string, incoming: readonly Observation[]): ChangeSummary {
  const key = (ind: SqlValue | undefined, city: SqlValue | undefined, county: SqlValue | undefined, asOf: SqlValue | undefined) => `${ind}|${city}|${county ?? ''}|${asOf}`;
  const current = new Map<string, Set<string>>();
  const ownIds = new Set<string>();
  const inds = [...new Set(incoming.map((o) => o.indicatorId))];
  for (const arm of arms) {
    for (let i = 0; i < inds.length; i += 500) {
      const part = inds.slice(i, i + 500);
      const src = arm.source === undefined ? 'source' : '?';
      for (const r of arm.db.exec(`SELECT indicator_id, city_id, county_adcode, as_of, value, ${src}, id FROM observations WHERE indicator_id IN (${part.map(() => '?').join(',')})`, [...(arm.source === undefined ? [] : [arm.source]), ...part])) {
        for (const v of r.values) {
          const k = key(v[0], v[1], v[2], v[3]);
          let s = current.get(k);
          if (!s) current.set(k, (s = new Set()));
          s.add(String(v[4]));
          if (v[5] === source) ownIds.add(String(v[6]));
        }
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

