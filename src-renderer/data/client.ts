/** UI-thread side of the data worker: promise-based calls, small result cache. */
import type { Catalog, ObsFilter } from '../../src-core/db/queries';
import type { Observation } from '../../src-core/model';
import { DATA_FAILURE_PREFIX, type DataFailure, type WorkerMethod, type WorkerMethods, type WorkerResponse } from './protocol';

/** The bundled sample database, relative to the renderer's base URL. */
export const DB_URL = 'data/cockpit.sqlite';

export class DataError extends Error {
  constructor(public readonly failure: DataFailure) {
    super(`${failure.file}: ${failure.problem}`);
    this.name = 'DataError';
  }
}

export class DataClient {
  private worker: Worker;
  private seq = 0;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private cache = new Map<string, Promise<Observation[]>>();
  catalog: Catalog | undefined;
  /** latest as-of date per city, from the open database */
  latestAsOf: Record<string, string> = {};

  constructor() {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'cockpit-data' });
    this.worker.onmessage = (ev: MessageEvent<WorkerResponse>) => {
      const p = this.pending.get(ev.data.id);
      if (!p) return;
      this.pending.delete(ev.data.id);
      if (ev.data.ok) p.resolve(ev.data.result);
      else if (ev.data.error.startsWith(DATA_FAILURE_PREFIX)) p.reject(new DataError(JSON.parse(ev.data.error.slice(DATA_FAILURE_PREFIX.length)) as DataFailure));
      else p.reject(new Error(ev.data.error));
    };
    this.worker.onerror = (ev) => {
      for (const p of this.pending.values()) p.reject(new Error(`data worker failed: ${ev.message}`));
      this.pending.clear();
    };
  }

  private call<M extends WorkerMethod>(method: M, ...args: Parameters<WorkerMethods[M]>): Promise<ReturnType<WorkerMethods[M]>> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, method, args });
    });
  }

  private opening: { url: string; p: Promise<Catalog> } | undefined;

  /** Open (or, when already opening the same URL, join) the database. Call early: it overlaps with UI loading. */
  open(url: string): Promise<Catalog> {
    if (this.opening?.url === url) return this.opening.p;
    const p = this.call('open', url).then((r) => {
      this.catalog = r.catalog;
      this.latestAsOf = r.latestAsOf;
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
}
