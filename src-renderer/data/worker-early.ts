/// <reference lib="webworker" />
/**
 * What the data worker starts before its code has loaded: compiling sql.js's WebAssembly and fetching
 * the database of the first `open` request. The worker's entry (worker.ts) is tiny and starts these at
 * once, and opens the IndexedDB store of persisted imports and feeds; its main module (worker-main.ts,
 * sql.js glue, schemas, feeds) downloads and evaluates meanwhile and picks them up here. Saves the main
 * module's load time on every cold start.
 */
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { Store } from './idb';

let wasm: Promise<WebAssembly.Module> | undefined;
const fetched = new Map<string, Promise<Response>>();

/** Start compiling the WebAssembly (streaming, off the worker's thread where the engine can). */
export function compileSqlWasm(): Promise<WebAssembly.Module> {
  const whole = () => fetch(wasmUrl).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b));
  // streaming needs the server to say application/wasm; otherwise compile the downloaded bytes
  wasm ??= typeof WebAssembly.compileStreaming === 'function' ? WebAssembly.compileStreaming(fetch(wasmUrl)).catch(whole) : whole();
  // a failure here is not final: sql.js then loads the file itself and reports what is wrong
  wasm.catch(() => (wasm = undefined));
  return wasm;
}

/** sql.js's Emscripten hook: instantiate the module compiled above (or let sql.js fetch it when that failed). */
export function sqlJsConfig(): { locateFile: () => string; instantiateWasm?: (imports: WebAssembly.Imports, done: (i: WebAssembly.Instance) => void) => WebAssembly.Exports } {
  const pending = wasm;
  if (!pending) return { locateFile: () => wasmUrl };
  return {
    locateFile: () => wasmUrl,
    instantiateWasm(imports, done) {
      pending
        .then((m) => WebAssembly.instantiate(m, imports))
        .catch(() => fetch(wasmUrl).then((r) => r.arrayBuffer()).then((b) => WebAssembly.instantiate(b, imports)).then((r) => r.instance))
        .then(done, (e: Error) => console.error(`[data] sql.js WebAssembly: ${e.message}`));
      return {};
    },
  };
}

/** The database the first request will open: fetched now, handed over once by takeFetch. */
export function prefetch(url: string): void {
  if (fetched.has(url)) return;
  const p = fetch(url, { cache: 'no-cache' });
  p.catch(() => undefined); // reported when taken
  fetched.set(url, p);
}

/** The early fetch of `url`, if there was one (once: a later open of the same URL fetches again). */
export function takeFetch(url: string): Promise<Response> | undefined {
  const p = fetched.get(url);
  fetched.delete(url);
  return p;
}

let store: Promise<Store> | undefined;

/** Open the store of persisted imports and feed documents (feeds.ts restores them before the first render). */
export function openStore(): Promise<Store> {
  store ??= Store.open(); // never rejects: an unavailable IndexedDB gives a no-op store
  return store;
}
