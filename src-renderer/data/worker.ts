/// <reference lib="webworker" />
/**
 * Data worker entry. Small on purpose: it starts sql.js's WebAssembly compile, the first database
 * download and opening the persisted store (worker-early.ts), keeps the requests that arrive meanwhile, and hands them to the worker's
 * main module (worker-main.ts: sql.js, queries, feeds) once that has loaded.
 */
import type { WorkerRequest } from './protocol';
import { compileSqlWasm, openStore, prefetch } from './worker-early';

const early: MessageEvent<WorkerRequest>[] = [];
self.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const { method, args } = ev.data ?? {};
  if (method === 'open' && typeof args?.[0] === 'string') prefetch(args[0]);
  early.push(ev);
};
void compileSqlWasm().catch(() => undefined);
void openStore();
void import('./worker-main').then(
  (m) => m.start(early),
  (e: Error) => {
    // the worker cannot run at all: answer every request with the reason instead of leaving them pending
    const reply = (ev: MessageEvent<WorkerRequest>) => (self as unknown as Worker).postMessage({ id: ev.data.id, ok: false, error: `data worker failed to load: ${e.message}` });
    early.forEach(reply);
    self.onmessage = reply;
  },
);
