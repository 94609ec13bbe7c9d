/// <reference lib="webworker" />
/**
 * Data worker (main module, loaded by worker.ts): owns the sql.js database. Fetching, opening, schema checks and queries all run here so
 * the UI thread only receives small, already-shaped results.
 */
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { checkSchema, queryLatestAsOf, readCatalog, type SqlDb } from '../../src-core/db/queries';
import type { SqlDbRw } from '../../src-core/feed/apply';
import { WorkingSet, type SnapshotDb } from '../../src-core/feed/working';
import { FeedManager } from './feeds';
import { openStore, sqlJsConfig, takeFetch } from './worker-early';
import { STORE_DOCS, STORE_SETTINGS } from './idb';
import { DATA_FAILURE_PREFIX, type WorkerEvent, type WorkerMethods, type WorkerRequest, type WorkerResponse } from './protocol';

let SQL: Promise<SqlJsStatic> | undefined;
let work: WorkingSet | undefined;
let feeds: FeedManager | undefined;

function post(ev: WorkerEvent) {
  (self as unknown as Worker).postMessage(ev);
}

// Coalesce bursts (a poll emits several status changes) into one message per task.
let pendingKind: 'data' | 'status' | null = null;
let lastPosted = '';
function notify(kind: 'data' | 'status') {
  if (pendingKind === null) {
    pendingKind = kind;
    setTimeout(flush, 0);
  } else if (kind === 'data') pendingKind = 'data';
}
function flush() {
  const kind = pendingKind;
  pendingKind = null;
  if (!feeds || !work) return;
  const state = feeds.state();
  // A poll starting (checking, lastAttemptAt) shows nowhere: only post what the page displays.
  const sig = JSON.stringify(state, (k, v: unknown) => (k === 'checking' || k === 'lastAttemptAt' ? undefined : v));
  if (kind === 'status' && sig === lastPosted) return;
  lastPosted = sig;
  if (kind === 'data') post({ event: 'data', state, catalog: work.catalog(), latestAsOf: work.latestAsOf(), observationCount: work.count() });
  else post({ event: 'feeds', state });
}

function manager(): FeedManager {
  if (!work) throw new Error('database not open');
  feeds ??= new FeedManager(() => work!, notify);
  return feeds;
}

function fail(file: string, problem: string): never {
  throw new Error(DATA_FAILURE_PREFIX + JSON.stringify({ file, problem }));
}

const methods: { [K in keyof WorkerMethods]: (...a: Parameters<WorkerMethods[K]>) => Promise<ReturnType<WorkerMethods[K]>> | ReturnType<WorkerMethods[K]> } = {
  async open(url) {
    SQL ??= initSqlJs(sqlJsConfig());
    SQL.catch(() => (SQL = undefined)); // a later open tries again
    const file = new URL(url).pathname;
    let res: Response;
    try {
      res = await (takeFetch(url) ?? fetch(url, { cache: 'no-cache' }));
    } catch (e) {
      fail(file, `could not be read (${(e as Error).message})`);
    }
    if (!res.ok) fail(file, res.status === 404 ? 'is missing (HTTP 404)' : `could not be read (HTTP ${res.status})`);
    const buf = new Uint8Array(await res.arrayBuffer());
    if (buf.length < 100 || new TextDecoder().decode(buf.subarray(0, 15)) !== 'SQLite format 3') {
      fail(file, buf.length === 0 ? 'is empty' : 'is not a SQLite database (bad header: the file is corrupt or of another kind)');
    }
    const sql = await SQL;
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
    let ws: WorkingSet;
    try {
      ws = new WorkingSet(next as unknown as SqlDbRw, (bytes) => new sql.Database(bytes) as unknown as SnapshotDb);
    } catch (e) {
      next.close();
      fail(file, `is corrupt: ${(e as Error).message}`);
    }
    if (work) {
      work.close();
      (work.main as unknown as Database).close();
    }
    work = ws;
    // anything for startFeeds to restore before the first render (imports, last feed documents, sources)?
    const store = await openStore();
    const settings = await store.get<{ sources?: unknown[] }>(STORE_SETTINGS, 'settings').catch(() => undefined);
    const restorable = (await store.count(STORE_DOCS).catch(() => 1)) > 0 || (settings?.sources?.length ?? 0) > 0;
    return { catalog, observationCount, bytes: buf.length, latestAsOf, restorable };
  },
  observations(filter) {
    if (!work) throw new Error('database not open');
    return work.observations(filter);
  },
  conflictGroup(group) {
    if (!work) throw new Error('database not open');
    return work.conflictGroup(group);
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
  benchQuery(sql, source) {
    if (!work) throw new Error('database not open');
    const t0 = performance.now();
    const r = work.dbOf(source).exec(sql);
    return [performance.now() - t0, r[0]?.values.length ?? 0];
  },
};

// A source whose origin the security policy (fixed when the page loaded) does not allow: tell the
// page, which reloads once when the shells' policy now allows it (see app/sources/feeds-config.ts).
self.addEventListener('securitypolicyviolation', (e) => {
  if (e.effectiveDirective !== 'connect-src' || !e.blockedURI || !feeds) return;
  const origin = (u: string) => {
    try {
      return new URL(u).origin;
    } catch {
      return null;
    }
  };
  const blocked = origin(e.blockedURI);
  if (blocked && feeds.configured().some((s) => origin(s.url) === blocked)) post({ event: 'blocked', url: e.blockedURI });
});

/** Serve requests: the ones that arrived while this module loaded (worker.ts kept them), then the rest. */
export function start(early: readonly MessageEvent<WorkerRequest>[]): void {
  self.onmessage = onMessage;
  for (const ev of early) void onMessage(ev);
}

async function onMessage(ev: MessageEvent<WorkerRequest>) {
  const { id, method, args } = ev.data;
  let msg: WorkerResponse;
  try {
    const fn = methods[method] as (...a: unknown[]) => unknown;
    msg = { id, ok: true, result: await fn(...args) };
  } catch (e) {
    msg = { id, ok: false, error: (e as Error).message || String(e) };
  }
  (self as unknown as Worker).postMessage(msg);
}
