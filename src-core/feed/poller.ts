/**
 * Polling one feed source: a regular interval while it works, exponential back-off with jitter while
 * it fails, "refresh now" on demand, conditional requests throughout. Platform-free: fetch, clock and
 * randomness are injected, so the whole cycle is unit-tested in Node against real HTTP servers.
 *
 * The poller never touches the data itself: `handle` applies a fetched document (or throws a FeedError
 * when it is invalid). Whatever fails, what is on screen stays; the status says why.
 */
import { FeedError, fetchFeed, realClock, type Clock, type FeedErrorCode, type FeedFormat, type FetchLike, type Validators } from './fetch';

export interface PollerConfig {
  /** regular polling interval while the source works */
  intervalMs: number;
  timeoutMs: number;
  maxBytes: number;
  /** first retry delay after a failure; doubles per consecutive failure up to backoffMaxMs */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_POLLER_CONFIG: PollerConfig = {
  intervalMs: 60_000,
  timeoutMs: 15_000,
  maxBytes: 32 * 1024 * 1024,
  backoffBaseMs: 5_000,
  backoffMaxMs: 5 * 60_000,
};

/** "Equal jitter": half the exponential delay fixed, half random, so many screens do not retry in step. */
export function backoffDelay(failures: number, baseMs: number, maxMs: number, random: () => number): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.round(exp / 2 + random() * (exp / 2));
}

export interface SourceStatus {
  url: string;
  /** the feed's own name for itself (feed.source.name) */
  name: string | null;
  /** starting: nothing fetched yet in this run; ok: the last attempt worked; failing: it did not */
  state: 'starting' | 'ok' | 'failing';
  /** a request is in flight */
  checking: boolean;
  /** last time the source answered with current data (a new document applied, or 304 unchanged); epoch ms */
  lastSuccessAt: number | null;
  /** when the data now held from this source was fetched; epoch ms */
  dataFetchedAt: number | null;
  lastAttemptAt: number | null;
  /** the held document's generatedAt and as-of */
  generatedAt: string | null;
  asOf: string | null;
  observations: number;
  format: FeedFormat | null;
  error: { code: FeedErrorCode; message: string; at: number } | null;
  notice: { code: 'older'; message: string; at: number } | null;
  failures: number;
  nextAttemptAt: number | null;
  /** how long the last fetch took (request to complete body or 304), and applying the last new document, in ms */
  fetchMs: number | null;
  applyMs: number | null;
}

export type DocumentOutcome =
  | { kind: 'applied'; name: string; generatedAt: string | null; asOf: string | null; observations: number }
  /** the document is older than the one held: ignored */
  | { kind: 'older'; generatedAt: string | null; heldGeneratedAt: string | null };

export interface FetchedDocument {
  url: string;
  bytes: Uint8Array;
  format: FeedFormat;
  validators: Validators;
  fetchedAt: number;
}

export interface PollerDeps {
  fetch: FetchLike;
  clock?: Clock;
  random?: () => number;
  /** apply a fetched document; throw FeedError when it is unusable */
  handle(doc: FetchedDocument): Promise<DocumentOutcome> | DocumentOutcome;
  onStatus?(status: SourceStatus): void;
}

export function initialStatus(url: string): SourceStatus {
  return {
    url, name: null, state: 'starting', checking: false, lastSuccessAt: null, dataFetchedAt: null, lastAttemptAt: null, generatedAt: null,
    asOf: null, observations: 0, format: null, error: null, notice: null, failures: 0, nextAttemptAt: null, fetchMs: null, applyMs: null,
  };
}

export class FeedPoller {
  status: SourceStatus;
  validators: Validators;
  private timer: unknown = null;
  private inflight: Promise<void> | null = null;
  private stopped = true;
  private readonly clock: Clock;
  private readonly random: () => number;

  constructor(
    public readonly url: string,
    private config: PollerConfig,
    private readonly deps: PollerDeps,
    /** restored from the last run (persisted last good data) */
    restored?: { status?: Partial<SourceStatus>; validators?: Validators },
  ) {
    this.clock = deps.clock ?? realClock;
    this.random = deps.random ?? Math.random;
    this.status = { ...initialStatus(url), ...restored?.status, url, state: 'starting', checking: false, error: null, failures: 0, nextAttemptAt: null };
    this.validators = restored?.validators ?? { etag: null, lastModified: null };
  }

  start(delayMs = 0): void {
    this.stopped = false;
    this.schedule(delayMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.status = { ...this.status, nextAttemptAt: null };
  }

  setConfig(config: PollerConfig): void {
    this.config = config;
  }

  /** Poll now (joins a poll already in flight). Resolves when it has finished, successfully or not. */
  refreshNow(): Promise<void> {
    if (this.inflight) return this.inflight;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    return this.poll();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.status = { ...this.status, nextAttemptAt: this.clock.now() + ms };
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.poll();
    }, ms);
  }

  private emit(patch: Partial<SourceStatus>): void {
    this.status = { ...this.status, ...patch };
    this.deps.onStatus?.(this.status);
  }

  private poll(): Promise<void> {
    if (this.inflight) return this.inflight;
    const run = async () => {
      const started = this.clock.now();
      this.emit({ checking: true, lastAttemptAt: started });
      try {
        const out = await fetchFeed(this.url, { fetch: this.deps.fetch, clock: this.clock, timeoutMs: this.config.timeoutMs, maxBytes: this.config.maxBytes, validators: this.validators });
        const now = this.clock.now();
        const fetchMs = now - started;
        if (out.kind === 'not-modified') {
          this.validators = out.validators;
          // A 304 is only meaningful when we hold the document it refers to.
          if (this.status.dataFetchedAt === null) {
            this.validators = { etag: null, lastModified: null };
            throw new FeedError('http', 'HTTP 304 without a held document');
          }
          this.emit({ state: 'ok', checking: false, lastSuccessAt: now, error: null, failures: 0, fetchMs });
        } else {
          const result = await this.deps.handle({ url: this.url, bytes: out.bytes, format: out.format, validators: out.validators, fetchedAt: now });
          const applyMs = this.clock.now() - now;
          if (result.kind === 'older') {
            this.emit({
              state: 'ok', checking: false, error: null, failures: 0, fetchMs, applyMs,
              notice: { code: 'older', message: `received a document generated ${result.generatedAt ?? '?'}, older than the one held (${result.heldGeneratedAt ?? '?'}); ignored`, at: now },
            });
          } else {
            this.validators = out.validators;
            this.emit({
              state: 'ok', checking: false, lastSuccessAt: now, dataFetchedAt: now, error: null, notice: null, failures: 0, name: result.name,
              generatedAt: result.generatedAt, asOf: result.asOf, observations: result.observations, format: out.format, fetchMs, applyMs,
            });
          }
        }
        if (!this.stopped) this.schedule(this.config.intervalMs);
        this.emit({});
      } catch (e) {
        const err = e instanceof FeedError ? e : new FeedError('invalid', (e as Error)?.message ?? String(e));
        const failures = this.status.failures + 1;
        this.emit({ state: 'failing', checking: false, failures, error: { code: err.code, message: err.message, at: this.clock.now() } });
        if (!this.stopped) this.schedule(backoffDelay(failures, this.config.backoffBaseMs, this.config.backoffMaxMs, this.random));
        this.emit({});
      }
    };
    const p = run().finally(() => {
      this.inflight = null;
    });
    this.inflight = p;
    return p;
  }
}
