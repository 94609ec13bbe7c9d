/** UI-thread side of the data worker: promise-based calls, small result cache, worker events. */
import type { Catalog, ObsFilter } from '../../src-core/db/queries';
import type { FeedOptions, FeedSourceEntry } from '../../src-core/feed/config';
import type { Observation } from '../../src-core/model';
import type { FeedsSetup, FeedsState, ImportPreview } from './feeds';
import { DATA_FAILURE_PREFIX, type DataFailure, type WorkerEvent, type WorkerMethod, type WorkerMethods, type WorkerResponse } from './protocol';

/** The bundled sample database, relative to the renderer's base URL. */
export const DB_URL = 'data/cockpit.sqlite';

export class DataError extends Error {
  constructor(public readonly failure: DataFailure) {
    super(`${failure.file}: ${failure.problem}`);
    this.name = 'DataError';
  }
}

/** One worker, shared by every DataClient view of it. */
class WorkerLink {
  private worker: Worker;
  private seq = 0;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private listeners = new Set<(ev: WorkerEvent) => void>();

  constructor() {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'cockpit-data' });
    this.worker.onmessage = (ev: MessageEvent<WorkerResponse | WorkerEvent>) => {
      const msg = ev.data;
      if ('event' in msg) {
        for (const l of this.listeners) l(msg);
        return;
      }
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else if (msg.error.startsWith(DATA_FAILURE_PREFIX)) p.reject(new DataError(JSON.parse(msg.error.slice(DATA_FAILURE_PREFIX.length)) as DataFailure));
      else p.reject(new Error(msg.error));
    };
    this.worker.onerror = (ev) => {
      for (const p of this.pending.values()) p.reject(new Error(`data worker failed: ${ev.message}`));
      this.pending.clear();
    };
  }

  call<M extends WorkerMethod>(method: M, ...args: Parameters<WorkerMethods[M]>): Promise<ReturnType<WorkerMethods[M]>> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, method, args });
    });
  }

  subscribe(fn: (ev: WorkerEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}

export class DataClient {
  private cache = new Map<string, Promise<Observation[]>>();
  catalog: Catalog | undefined;
  /** latest as-of date per city, from the open database */
  latestAsOf: Record<string, string> = {};
  /** whether the worker's store holds imports, feed documents or source settings to restore (startFeeds) */
  restorable = true;

  constructor(private readonly link: WorkerLink = new WorkerLink()) {}

  private call<M extends WorkerMethod>(method: M, ...args: Parameters<WorkerMethods[M]>): Promise<ReturnType<WorkerMethods[M]>> {
    return this.link.call(method, ...args);
  }

  /**
   * A view of the same worker with an empty result cache and the given catalogue. The app hands a new
   * view to the UI when the data changed (a feed or an import was applied), so every panel re-queries
   * while it keeps showing its previous figures (no blank, no flicker).
   */
  fork(catalog: Catalog, latestAsOf: Record<string, string>): DataClient {
    const c = new DataClient(this.link);
    c.catalog = catalog;
    c.latestAsOf = latestAsOf;
    return c;
  }

  /** Worker events: source states and data changes. Returns the unsubscribe function. */
  subscribe(fn: (ev: WorkerEvent) => void): () => void {
    return this.link.subscribe(fn);
  }

  private opening: { url: string; p: Promise<Catalog> } | undefined;

  /** Open (or, when already opening the same URL, join) the database. Call early: it overlaps with UI loading. */
  open(url: string): Promise<Catalog> {
    if (this.opening?.url === url) return this.opening.p;
    const p = this.call('open', url).then((r) => {
      this.catalog = r.catalog;
      this.latestAsOf = r.latestAsOf;
      this.restorable = r.restorable;
      this.cache.clear();
      return r.catalog;
    });
    this.opening = { url, p };
    p.catch(() => {
      if (this.opening?.p === p) this.opening = undefined;
    });
    return p;
  }

  observations(filter: ObsFilter): Promise<Observation[]> {
    const key = JSON.stringify(filter);
    let p = this.cache.get(key);
    if (!p) {
      p = this.call('observations', filter);
      this.cache.set(key, p);
      p.catch(() => this.cache.delete(key));
    }
    return p;
  }

  conflictGroup(group: string): Promise<Observation[]> {
    return this.call('conflictGroup', group);
  }

  startFeeds(setup: FeedsSetup): Promise<FeedsState> {
    return this.call('startFeeds', setup);
  }
  feedsState(): Promise<FeedsState> {
    return this.call('feedsState');
  }
  refreshFeeds(url: string | null = null): Promise<FeedsState> {
    return this.call('refreshFeeds', url);
  }
  saveFeedSettings(settings: { sources: FeedSourceEntry[]; options: Partial<FeedOptions> }): Promise<FeedsState> {
    return this.call('saveFeedSettings', settings);
  }
  importPreview(file: string, bytes: Uint8Array): Promise<ImportPreview> {
    return this.call('importPreview', file, bytes);
  }
  importApply(token: string): Promise<FeedsState> {
    return this.call('importApply', token);
  }
  importRemove(source: string): Promise<FeedsState> {
    return this.call('importRemove', source);
  }
  importDiscard(): Promise<null> {
    return this.call('importDiscard');
  }
  benchQuery(sql: string, source: string | null = null): Promise<[number, number]> {
    return this.call('benchQuery', sql, source);
  }
}
