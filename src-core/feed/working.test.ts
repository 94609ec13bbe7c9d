/**
 * The working set: SQLite snapshots kept as their own databases (never copied row by row), checked in
 * SQL before they are swapped in, and windowed reads across the working database and the snapshots.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { buildSampleDatabase } from '../../scripts/build-db';
import { observationIndexes, queryArms } from '../db/arms';
import type { ObsFilter, SqlDb } from '../db/queries';
import type { Observation } from '../model';
import type { SqlDbRw } from './apply';
import { FEED_FORMAT } from './format';
import { WorkingSet, type SnapshotDb } from './working';

let SQL: SqlJsStatic;
let sample: Uint8Array;
beforeAll(async () => {
  SQL = await initSqlJs();
  sample = await buildSampleDatabase();
});

const URL_A = 'http://127.0.0.1:9/a.sqlite';
const URL_J = 'http://127.0.0.1:9/j.json';
const day = (k: number) => new Date(Date.UTC(2030, 0, 1) + k * 86_400_000).toISOString().slice(0, 10);

interface SnapOpts { rows?: (db: Database) => void; generatedAt?: string; dropIndexes?: boolean; noPk?: boolean }

/** A snapshot with the bundled schema: linyi and jining daily series for two indicators, and a county series. */
function snapshot(o: SnapOpts = {}): Uint8Array {
  const db = new SQL.Database(sample);
  db.run('DELETE FROM observations');
  db.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('generated_at', ?)", [o.generatedAt ?? '2030-03-01T00:00:00Z']);
  if (o.noPk) {
    db.run(`CREATE TABLE obs2 AS SELECT * FROM observations WHERE 0; DROP TABLE observations; ALTER TABLE obs2 RENAME TO observations;`);
  }
  if (o.dropIndexes) for (const ix of observationIndexes(db as unknown as SqlDb)) if (!ix.name.startsWith('sqlite_')) db.run(`DROP INDEX ${ix.name}`);
  const st = db.prepare("INSERT INTO observations (id, indicator_id, city_id, county_adcode, as_of, as_of_basis, value, qualifier, qualifier_zh, doc_id, quote_zh, metric_zh, flags, notes, conflict_group, source) VALUES (?, ?, ?, ?, ?, 'feed', ?, 'exact', '', NULL, '', '', '', '', NULL, 'x')");
  let i = 0;
  for (const city of ['linyi', 'jining']) {
    for (const ind of ['data.aggregated_records', 'sharing.selfbuilt_systems_connected_share']) {
      for (let d = 0; d < 40; d++) st.run([`s${i++}`, ind, city, null, day(d), d * 10]);
    }
  }
  for (let d = 0; d < 40; d += 3) st.run([`s${i++}`, 'data.aggregated_records', 'linyi', '371302', day(d), d]);
  st.free();
  o.rows?.(db);
  const bytes = db.export();
  db.close();
  return bytes;
}

function working() {
  const db = new SQL.Database(sample);
  const work = new WorkingSet(db as unknown as SqlDbRw, (b) => new SQL.Database(b) as unknown as SnapshotDb);
  return { db, work, close: () => (work.close(), db.close()) };
}

/** The latest n as-of dates of each series, computed the slow way from every row. */
function bruteWindow(all: Observation[], n: number): Observation[] {
  const dates = new Map<string, string[]>();
  const k = (o: Observation) => `${o.indicatorId}|${o.cityId}|${o.countyAdcode ?? ''}`;
  for (const o of all) dates.set(k(o), [...new Set([...(dates.get(k(o)) ?? []), o.asOf])].sort().reverse());
  return all.filter((o) => dates.get(k(o))!.indexOf(o.asOf) < n);
}
const ids = (xs: Observation[]) => xs.map((o) => `${o.source}#${o.id}`);

describe('working set: SQLite snapshots', () => {
  it('keeps a snapshot as its own database, credits its rows to the URL, and windows reads across databases', { timeout: 30_000 }, () => {
    const { work, close } = working();
    try {
      // Weifang: three rows on one date in the snapshot, older dates only in the JSON feed (a per-row bound would lose them)
      const weifang = (db: Database) => ['w1', 'w2', 'w3'].forEach((id, i) => db.run("INSERT INTO observations (id, indicator_id, city_id, county_adcode, as_of, as_of_basis, value, qualifier, qualifier_zh, doc_id, quote_zh, metric_zh, flags, notes, conflict_group, source) VALUES (?, 'data.aggregated_records', 'weifang', NULL, ?, 'feed', ?, 'exact', '', NULL, '', '', '', '', NULL, 'x')", [id, day(10), i]));
      const r = work.applySnapshot(URL_A, snapshot({ rows: weifang }), null, null);
      expect(r).toMatchObject({ kind: 'applied', observations: 4 * 40 + 14 + 3 });
      // a JSON feed in the working database with dates interleaving the snapshot's, for one of the same series
      work.applySource({
        source: URL_J, name: 'j', generatedAt: null, asOf: null, indicators: [], cities: [], counties: [], documents: [],
        observations: [45, 39.5, 50, -1, -2].map((d, i) => ({
          id: `j${i}`, indicatorId: 'data.aggregated_records', cityId: d < 0 ? 'weifang' : 'linyi', countyAdcode: null, asOf: Number.isInteger(d) ? day(d) : '2030-02-09', asOfBasis: 'feed',
          value: 1, qualifier: 'exact', qualifierZh: '', docId: null, quoteZh: '', metricZh: '', flags: [], notes: '', conflictGroup: null, source: URL_J,
        })),
      });
      const all = work.observations();
      expect(all.filter((o) => o.source === URL_A)).toHaveLength(177);
      expect(all.filter((o) => o.source === URL_J)).toHaveLength(5);
      const filters: ObsFilter[] = [
        {}, { cityIds: ['linyi'] }, { cityIds: ['linyi'], county: false }, { cityIds: ['linyi'], county: true }, { county: true }, { cityIds: ['xuancheng', 'linyi'] }, { indicatorIds: ['data.aggregated_records'], county: false },
        { domains: ['data'] }, { cityIds: ['linyi', 'weifang'], indicatorIds: ['data.aggregated_records', 'no.such'] }, { cityIds: [] },
      ];
      for (const f of filters) {
        const full = work.observations(f);
        for (const n of [1, 2, 3, 7, 100]) {
          expect(ids(work.observations({ ...f, latest: n })), `${JSON.stringify(f)} latest ${n}`).toEqual(ids(bruteWindow(full, n)));
        }
      }
      // the latest date of Linyi's series is the JSON feed's 2030-02-20 (day 50); the next are day 45 and the snapshot's day 39 + the feed's 2030-02-09
      const w = work.observations({ cityIds: ['linyi'], indicatorIds: ['data.aggregated_records'], county: false, latest: 3 });
      expect([...new Set(w.map((o) => o.asOf))]).toEqual([day(39), day(45), day(50)]);
      const wf = work.observations({ cityIds: ['weifang'], indicatorIds: ['data.aggregated_records'], county: false, latest: 3 });
      expect(wf.filter((o) => o.source !== 'bundled').map((o) => `${o.asOf}:${o.id}`)).toEqual([`${day(-2)}:j4`, `${day(-1)}:j3`, `${day(10)}:w1`, `${day(10)}:w2`, `${day(10)}:w3`]);
    } finally {
      close();
    }
  });

  it('refuses a snapshot with a text value, naming the observation and column; what was held stays', () => {
    const { work, close } = working();
    try {
      work.applySnapshot(URL_A, snapshot(), null, null);
      const before = ids(work.observations());
      const bad = snapshot({ generatedAt: '2030-04-01T00:00:00Z', rows: (db) => db.run("UPDATE observations SET value = 'lots' WHERE id = 's7'") });
      expect(() => work.applySnapshot(URL_A, bad, null, null)).toThrow(/observation "s7": value: not a number \('lots'\)/);
      expect(ids(work.observations())).toEqual(before);
      const badDate = snapshot({ generatedAt: '2030-04-01T00:00:00Z', rows: (db) => db.run("UPDATE observations SET as_of = '2030/1/5' WHERE id = 's3'") });
      expect(() => work.applySnapshot(URL_A, badDate, null, null)).toThrow(/observation "s3": as_of: expected a date/);
      const unknown = snapshot({ generatedAt: '2030-04-01T00:00:00Z', rows: (db) => db.run("UPDATE observations SET indicator_id = 'no.such' WHERE id = 's9'") });
      expect(() => work.applySnapshot(URL_A, unknown, null, null)).toThrow(/observation "s9": unknown indicator "no.such"/);
      const county = snapshot({ generatedAt: '2030-04-01T00:00:00Z', rows: (db) => db.run("UPDATE observations SET county_adcode = '371302' WHERE id = 's100'") });
      expect(() => work.applySnapshot(URL_A, county, null, null)).toThrow(/observation "s100": county 371302 belongs to linyi, not jining/);
      expect(ids(work.observations())).toEqual(before);
    } finally {
      close();
    }
  });

  it('refuses duplicate ids in a snapshot without a primary key; creates the read indexes a snapshot lacks', () => {
    const { work, close } = working();
    try {
      const dup = snapshot({ noPk: true, rows: (db) => db.run("UPDATE observations SET id = 's1' WHERE id = 's2'") });
      expect(() => work.applySnapshot(URL_A, dup, null, null)).toThrow(/duplicate observation id "s1" \(2 rows\)/);
      expect(work.hasSnapshot(URL_A)).toBe(false);
      const bare = snapshot({ noPk: true, dropIndexes: true });
      expect(work.applySnapshot(URL_A, bare, null, null).kind).toBe('applied');
      const names = observationIndexes(work.dbOf(URL_A)).map((i) => i.name).sort();
      expect(names).toEqual(['obs_by_city', 'obs_by_group', 'obs_series']);
      expect(work.observations({ cityIds: ['jining'], latest: 1 }).filter((o) => o.source === URL_A).map((o) => o.asOf)).toEqual([day(39), day(39)]);
    } finally {
      close();
    }
  });

  it('ignores an older snapshot; a JSON document for the same URL replaces the snapshot; removing drops it', () => {
    const { work, close } = working();
    try {
      work.applySnapshot(URL_A, snapshot(), null, null);
      expect(work.applySnapshot(URL_A, snapshot({ generatedAt: '2020-01-01T00:00:00Z' }), null, '2030-03-01T00:00:00Z').kind).toBe('older');
      expect(work.hasSnapshot(URL_A)).toBe(true);
      const json = new TextEncoder().encode(JSON.stringify({
        format: FEED_FORMAT, version: 1, generatedAt: '2030-05-01T00:00:00Z', source: { name: 'json' },
        observations: [{ id: 'x1', indicatorId: 'data.aggregated_records', cityId: 'linyi', asOf: '2030-04-30', value: 5 }],
      }));
      expect(work.ingest({ url: URL_A, bytes: json, format: 'json', lastModified: null }, '2030-03-01T00:00:00Z').kind).toBe('applied');
      expect(work.hasSnapshot(URL_A)).toBe(false);
      expect(work.observations().filter((o) => o.source === URL_A).map((o) => o.id)).toEqual(['x1']);
      work.applySnapshot(URL_A, snapshot({ generatedAt: '2030-06-01T00:00:00Z' }), null, null);
      expect(work.observations().filter((o) => o.source === URL_A)).toHaveLength(174);
      expect(work.removeSource(URL_A)).toBe(174);
      expect(work.observations().filter((o) => o.source === URL_A)).toHaveLength(0);
    } finally {
      close();
    }
  });

  it('survives many swaps of snapshot versions with writes in between (no corrupt reads)', () => {
    const { work, close } = working();
    try {
      for (let v = 0; v < 8; v++) {
        const bytes = snapshot({ generatedAt: `2030-03-0${v + 1}T00:00:00Z`, rows: (db) => db.run('UPDATE observations SET value = value + ?', [v]) });
        work.applySnapshot(v % 2 ? URL_A : `${URL_A}?b`, bytes, null, null);
        work.applySource({ source: URL_J, name: 'j', generatedAt: null, asOf: null, indicators: [], cities: [], counties: [], documents: [], observations: [] });
        for (const arm of work.arms()) expect(arm.db.exec('PRAGMA quick_check')[0]!.values[0]![0]).toBe('ok');
        expect(queryArms(work.arms(), { cityIds: ['linyi'], latest: 1 }).length).toBeGreaterThan(0);
      }
      expect(work.arms()).toHaveLength(3);
    } finally {
      close();
    }
  });
});
