/// <reference lib="webworker" />
/**
 * Data worker: owns the sql.js database. Fetching, opening, schema checks and queries all run here so
 * the UI thread only receives small, already-shaped results.
 */
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { checkSchema, queryConflictGroup, queryLatestAsOf, queryObservations, readCatalog, type SqlDb } from '../../src-core/db/queries';
import type { SqlDbRw } from '../../src-core/feed/apply';
import type { FeedManager } from './feeds';
import { DATA_FAILURE_PREFIX, type WorkerEvent, type WorkerMethods, type WorkerRequest, type WorkerResponse } from './protocol';

let SQL: Promise<SqlJsStatic> | undefined;
let db: Database | undefined;
let feeds: FeedManager | undefined;
let sqlStatic: SqlJsStatic | undefined;

function post(ev: WorkerEvent) {
  (self as unknown as Worker).postMessage(ev);
}

// Coalesce bursts (a poll emits several status changes) into one message per task.
let pendingKind: 'data' | 'status' | null = null;
function notify(kind: 'data' | 'status') {
  if (pendingKind === null) {
    pendingKind = kind;
    setTimeout(flush, 0);
  } else if (kind === 'data') pendingKind = 'data';
}
function flush() {
  const kind = pendingKind;
  pendingKind = null;
  if (!feeds || !db) return;
  const state = feeds.state();
  if (kind === 'data') {
    const sdb = db as unknown as SqlDb;
    post({ event: 'data', state, catalog: readCatalog(sdb), latestAsOf: queryLatestAsOf(sdb), observationCount: Number(db.exec('SELECT count(*) FROM observations')[0]?.values[0]?.[0] ?? 0) });
  } else post({ event: 'feeds', state });
}

// The feed and import machinery (schemas, parsers, IndexedDB) loads on first use, so opening the
// bundled database and answering the first page's queries never wait for it.
let feedsModule: Promise<typeof import('./feeds')> | undefined;
async function manager(): Promise<FeedManager> {
  if (!db || !sqlStatic) throw new Error('database not open');
  const { FeedManager } = await (feedsModule ??= import('./feeds'));
  feeds ??= new FeedManager(sqlStatic, () => db!, notify);
  return feeds;
}

function fail(file: string, problem: string): never {
  throw new Error(DATA_FAILURE_PREFIX + JSON.stringify({ file, problem }));
}

const methods: { [K in keyof WorkerMethods]: (...a: Parameters<WorkerMethods[K]>) => Promise<ReturnType<WorkerMethods[K]>> | ReturnType<WorkerMethods[K]> } = {
  async open(url) {
    // start loading the feed machinery now: the app asks for it (restoring persisted data) right after opening
    feedsModule ??= import('./feeds');
    SQL ??= initSqlJs({ locateFile: () => wasmUrl });
    const file = new URL(url).pathname;
    let res: Response;
    try {
      res = await fetch(url, { cache: 'no-cache' });
    } catch (e) {
      fail(file, `could not be read (${(e as Error).message})`);
    }
    if (!res.ok) fail(file, res.status === 404 ? 'is missing (HTTP 404)' : `could not be read (HTTP ${res.status})`);
    const buf = new Uint8Array(await res.arrayBuffer());
    if (buf.length < 100 || new TextDecoder().decode(buf.subarray(0, 15)) !== 'SQLite format 3') {
      fail(file, buf.length === 0 ? 'is empty' : 'is not a SQLite database (bad header: the file is corrupt or of another kind)');
    }
    const sql = await SQL;
    sqlStatic = sql;
    let next: Database;
    try {
      next = new sql.Database(buf);
    } catch (e) {
      fail(file, `cannot be opened: ${(e as Error).message}`);
    }
    const problems = checkSchema(next as unknown as SqlDb);
    if (problems.length) {
      next.close();
      fail(file, problems.join('; '));
    }
    let catalog;
    let observationCount = 0;
    let latestAsOf: Record<string, string> = {};
    try {
      catalog = readCatalog(next as unknown as SqlDb);
      latestAsOf = queryLatestAsOf(next as unknown as SqlDb);
      observationCount = Number(next.exec('SELECT count(*) FROM observations')[0]?.values[0]?.[0] ?? 0);
    } catch (e) {
      next.close();
      fail(file, `is corrupt: ${(e as Error).message}`);
    }
    try {
      const ddl = String(next.exec("SELECT sql FROM sqlite_master WHERE type='table' AND name='observations'")[0]?.values[0]?.[0] ?? '');
      // The bundled database is built in the merge-ready form; older files are converted once here.
      if (!/PRIMARY KEY \(source, id\)/.test(ddl)) (await import('../../src-core/feed/apply')).prepareMergeDb(next as unknown as SqlDbRw);
    } catch (e) {
      next.close();
      fail(file, `is corrupt: ${(e as Error).message}`);
    }
    db?.close();
    db = next;
    return { catalog, observationCount, bytes: buf.length, latestAsOf };
  },
  observations(filter) {
    if (!db) throw new Error('database not open');
    return queryObservations(db as unknown as SqlDb, filter);
  },
  conflictGroup(group) {
    if (!db) throw new Error('database not open');
    return queryConflictGroup(db as unknown as SqlDb, group);
  },
  startFeeds: async (setup) => (await manager()).start(setup),
  feedsState: async () => (await manager()).state(),
  refreshFeeds: async (url) => (await manager()).refresh(url ?? undefined),
  saveFeedSettings: async (settings) => (await manager()).saveSettings(settings),
  importPreview: async (file, bytes) => (await manager()).previewImport(file, bytes),
  importApply: async (token) => (await manager()).applyImport(token),
  importRemove: async (source) => (await manager()).removeImport(source),
  importDiscard: async () => {
    (await manager()).discardPreview();
    return null;
  },
  benchQuery(sql) {
    if (!db) throw new Error('database not open');
    const t0 = performance.now();
    const r = db.exec(sql);
    return [performance.now() - t0, r[0]?.values.length ?? 0];
  },
};

self.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
  const { id, method, args } = ev.data;
  let msg: WorkerResponse;
  try {
    const fn = methods[method] as (...a: unknown[]) => unknown;
    msg = { id, ok: true, result: await fn(...args) };
  } catch (e) {
    msg = { id, ok: false, error: (e as Error).message || String(e) };
  }
  (self as unknown as Worker).postMessage(msg);
};
