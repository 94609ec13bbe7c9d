/**
 * Fetching one feed document, platform-free: the caller passes `fetch` and a clock, so the same code
 * runs in the renderer's data worker and in Node tests against a real misbehaving HTTP server.
 *
 * - conditional requests: If-None-Match / If-Modified-Since from the last good response; 304 = unchanged
 * - one timeout for the whole exchange (connect, headers and body: a slow drip of bytes times out too)
 * - a size cap: a declared Content-Length over the cap is refused before reading; otherwise the body
 *   is read as a stream and the read is aborted as soon as the cap is passed
 * - the content type must be a data type (a captive portal's or proxy's HTML page is refused)
 */

/** The parts of WHATWG fetch this module uses (typed locally: src-core has no DOM types). */
export interface ReaderLike {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}
export interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  body: { getReader(): ReaderLike } | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}
export interface AbortSignalLike {
  readonly aborted: boolean;
}
export interface FetchInit {
  method: 'GET';
  headers: Record<string, string>;
  signal: AbortSignalLike;
  cache: 'no-store';
  redirect: 'follow';
  credentials: 'omit';
}
export type FetchLike = (url: string, init: FetchInit) => Promise<ResponseLike>;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

type AbortCtl = { signal: AbortSignalLike; abort(reason?: unknown): void };
const AbortCtor = (globalThis as unknown as { AbortController: new () => AbortCtl }).AbortController;

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => (globalThis as unknown as { setTimeout(f: () => void, ms: number): unknown }).setTimeout(fn, ms),
  clearTimeout: (h) => (globalThis as unknown as { clearTimeout(h: unknown): void }).clearTimeout(h),
};

/** Why a fetch or an apply failed. The UI turns `code` into words a duty officer understands (./status.ts). */
export type FeedErrorCode =
  | 'timeout' // no complete answer within the timeout (includes a slow drip of bytes)
  | 'network' // connection refused, DNS failure, blocked by the security policy, TLS failure
  | 'http' // an HTTP error status
  | 'too-large' // the body exceeds the size cap
  | 'content-type' // not a data type (e.g. an HTML page)
  | 'truncated' // the connection closed before the document was complete, or the JSON ends early
  | 'parse' // not JSON / not SQLite
  | 'invalid' // fails the feed schema or references (the message names the JSON path)
  | 'duplicate'; // duplicate observation ids

export class FeedError extends Error {
  constructor(public readonly code: FeedErrorCode, message: string, public readonly detail: { status?: number; contentType?: string; limit?: number; path?: string } = {}) {
    super(message);
    this.name = 'FeedError';
  }
}

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export interface FetchFeedOptions {
  fetch: FetchLike;
  clock?: Clock;
  timeoutMs: number;
  maxBytes: number;
  validators?: Validators;
}

export type FeedFormat = 'json' | 'sqlite';

export type FetchOutcome =
  | { kind: 'not-modified'; validators: Validators }
  | { kind: 'fetched'; bytes: Uint8Array; format: FeedFormat; contentType: string; validators: Validators };

const DATA_TYPES = [
  /^application\/json$/, /^text\/json$/, /^application\/[\w.+-]+\+json$/, /^application\/vnd\.sqlite3$/, /^application\/x-sqlite3$/,
  /^application\/octet-stream$/, /^binary\/octet-stream$/, /^application\/x-ndjson$/,
];

export function acceptableContentType(value: string | null): boolean {
  if (!value) return true; // no type: decided by sniffing the bytes
  const t = value.split(';')[0]!.trim().toLowerCase();
  return DATA_TYPES.some((re) => re.test(t));
}

const SQLITE_MAGIC = [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00];

export function isSqlite(bytes: Uint8Array): boolean {
  if (bytes.length < 100) return false;
  return SQLITE_MAGIC.every((b, i) => bytes[i] === b);
}

/** Which form a body is: SQLite by its magic header, otherwise JSON. */
export function sniffFormat(bytes: Uint8Array): FeedFormat {
  return isSqlite(bytes) ? 'sqlite' : 'json';
}

const MB = 1024 * 1024;
export const fmtBytes = (n: number) => (n >= MB ? `${(n / MB).toFixed(n % MB ? 1 : 0)} MB` : `${Math.ceil(n / 1024)} KB`);

export async function fetchFeed(url: string, opts: FetchFeedOptions): Promise<FetchOutcome> {
  const clock = opts.clock ?? realClock;
  const ctl = new AbortCtor();
  let timedOut = false;
  let phase: 'headers' | 'body' = 'headers';
  let rejectTimeout: (e: Error) => void = () => undefined;
  const timeoutP = new Promise<never>((_, reject) => (rejectTimeout = reject));
  const timer = clock.setTimeout(() => {
    timedOut = true;
    const secs = Math.round(opts.timeoutMs / 100) / 10;
    rejectTimeout(new FeedError('timeout', phase === 'headers' ? `no answer within ${secs} s` : `the document did not arrive completely within ${secs} s (data trickling in too slowly)`));
    ctl.abort();
  }, opts.timeoutMs);
  // keep the unhandled-rejection tracker quiet when the timeout never fires
  timeoutP.catch(() => undefined);
  const headers: Record<string, string> = { Accept: 'application/json, application/vnd.sqlite3;q=0.9, */*;q=0.1' };
  if (opts.validators?.etag) headers['If-None-Match'] = opts.validators.etag;
  if (opts.validators?.lastModified) headers['If-Modified-Since'] = opts.validators.lastModified;
  let reader: ReaderLike | undefined;
  try {
    let res: ResponseLike;
    try {
      res = await Promise.race([opts.fetch(url, { method: 'GET', headers, signal: ctl.signal, cache: 'no-store', redirect: 'follow', credentials: 'omit' }), timeoutP]);
    } catch (e) {
      if (e instanceof FeedError) throw e;
      if (timedOut) throw new FeedError('timeout', `no answer within ${opts.timeoutMs / 1000} s`);
      throw new FeedError('network', `cannot connect (${describeNetworkError(e)})`);
    }
    phase = 'body';
    const validators: Validators = { etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') };
    if (res.status === 304) {
      return { kind: 'not-modified', validators: { etag: validators.etag ?? opts.validators?.etag ?? null, lastModified: validators.lastModified ?? opts.validators?.lastModified ?? null } };
    }
    if (res.status < 200 || res.status > 299) {
      void res.body?.getReader().cancel().catch(() => undefined);
      throw new FeedError('http', `HTTP ${res.status}`, { status: res.status });
    }
    const contentType = res.headers.get('content-type') ?? '';
    if (!acceptableContentType(contentType)) {
      void res.body?.getReader().cancel().catch(() => undefined);
      throw new FeedError('content-type', `content type "${contentType}" is not a data type (expected application/json or application/vnd.sqlite3)`, { contentType });
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > opts.maxBytes) {
      void res.body?.getReader().cancel().catch(() => undefined);
      ctl.abort();
      throw new FeedError('too-large', `the document is ${fmtBytes(declared)}; the limit is ${fmtBytes(opts.maxBytes)}`, { limit: opts.maxBytes });
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (res.body) {
      reader = res.body.getReader();
      for (;;) {
        let step: { done: boolean; value?: Uint8Array };
        try {
          step = await Promise.race([reader.read(), timeoutP]);
        } catch (e) {
          if (e instanceof FeedError) throw e;
          throw new FeedError('truncated', `the connection closed before the document was complete (${describeNetworkError(e)})`);
        }
        if (step.done) break;
        const v = step.value!;
        size += v.byteLength;
        if (size > opts.maxBytes) {
          void reader.cancel().catch(() => undefined);
          ctl.abort();
          throw new FeedError('too-large', `the document exceeds the limit of ${fmtBytes(opts.maxBytes)} (reading stopped)`, { limit: opts.maxBytes });
        }
        chunks.push(v);
      }
    } else {
      const buf = new Uint8Array(await Promise.race([res.arrayBuffer(), timeoutP]));
      if (buf.byteLength > opts.maxBytes) throw new FeedError('too-large', `the document exceeds the limit of ${fmtBytes(opts.maxBytes)}`, { limit: opts.maxBytes });
      chunks.push(buf);
      size = buf.byteLength;
    }
    const bytes = concat(chunks, size);
    if (bytes.byteLength === 0) throw new FeedError('truncated', 'the document is empty');
    return { kind: 'fetched', bytes, format: sniffFormat(bytes), contentType, validators };
  } finally {
    clock.clearTimeout(timer);
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function describeNetworkError(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const code = err?.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND') return 'host not found';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  return err?.cause?.message ?? err?.message ?? String(e);
}
