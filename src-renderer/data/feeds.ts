/// <reference lib="webworker" />
/**
 * Remote sources and imports, inside the data worker: one FeedPoller per source (src-core/feed),
 * validation and the atomic apply into the working sql.js database, the last good documents and the
 * imports persisted in IndexedDB, and the state the UI shows. Nothing here runs on the UI thread.
 */
import { feedToSourceData, importSource, IMPORT_PREFIX, type SourceData } from '../../src-core/feed/apply';
import type { WorkingSet } from '../../src-core/feed/working';
import { FeedOptions, mergeSources, type ConfiguredSource, type FeedSourceEntry, type FeedsConfigFile, type SourceOrigin } from '../../src-core/feed/config';
import { type FeedError, type FeedFormat, type FetchLike, type Validators } from '../../src-core/feed/fetch';
import { jsonPath, validateFeed, type FeedIssue } from '../../src-core/feed/format';
import { decodeUtf8 } from '../../src-core/feed/parse';
import { DEFAULT_POLLER_CONFIG, FeedPoller, type DocumentOutcome, type FetchedDocument, type PollerConfig, type SourceStatus } from '../../src-core/feed/poller';
import { importTable } from '../../src-core/feed/tabular';
import { STORE_DOCS, STORE_SETTINGS, type Store } from './idb';
import { openStore } from './worker-early';
import { readSpreadsheet } from './import-files';

export interface FeedsSetup {
  launchSources: string[];
  /** ?source= parameters */
  urlSources: string[];
  /** the sources configuration file, when the shell has one */
  file: { name: string; config: FeedsConfigFile } | null;
  fileError: string | null;
}

export interface SourceState extends SourceStatus {
  from: SourceOrigin;
  configuredName: string | null;
}
export interface ImportInfo { source: string; file: string; observations: number; importedAt: number; generatedAt: string | null }
export interface FeedsState {
  sources: SourceState[];
  imports: ImportInfo[];
  options: FeedOptions;
  /** sources added in the settings UI (the others come from flags, the URL or the config file) */
  settingsSources: FeedSourceEntry[];
  persistent: boolean;
  configError: string | null;
}

export interface ImportPreview {
  token: string | null;
  file: string;
  format: string;
  rows: number;
  observations: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** replaces an earlier import of the same file name */
  replaces: boolean;
  issues: FeedIssue[];
}

interface PersistedFeed {
  kind: 'feed';
  source: string;
  bytes: Uint8Array;
  format: FeedFormat;
  validators: Validators;
  fetchedAt: number;
  generatedAt: string | null;
  asOf: string | null;
  name: string;
  observations: number;
}
interface PersistedImport { kind: 'import'; source: string; file: string; data: SourceData; importedAt: number }
interface Settings { sources: FeedSourceEntry[]; options: Partial<FeedOptions> }

export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

const workerFetch: FetchLike = (url, init) => fetch(url, init as RequestInit) as unknown as ReturnType<FetchLike>;

export class FeedManager {
  private store!: Store;
  private pollers = new Map<string, { poller: FeedPoller; from: SourceOrigin; name: string | null }>();
  private held = new Map<string, { generatedAt: string | null }>();
  private imports = new Map<string, ImportInfo>();
  private pending = new Map<string, SourceData>();
  private settings: Settings = { sources: [], options: {} };
  private setup: FeedsSetup = { launchSources: [], urlSources: [], file: null, fileError: null };
  private lastSeenWrite = new Map<string, number>();
  private started = false;
  private seq = 0;

  constructor(
    private readonly work: () => WorkingSet,
    /** 'data': the database changed (re-query); 'status': only source states changed */
    private readonly notify: (kind: 'data' | 'status') => void,
  ) {}

  options(): FeedOptions {
    return FeedOptions.parse({ ...(this.setup.file?.config ?? {}), ...this.settings.options, sources: undefined });
  }

  private pollerConfig(): PollerConfig {
    const o = this.options();
    return {
      ...DEFAULT_POLLER_CONFIG,
      intervalMs: o.pollSeconds * 1000,
      timeoutMs: o.timeoutSeconds * 1000,
      maxBytes: Math.round(o.maxMegabytes * 1024 * 1024),
      backoffBaseMs: o.retrySeconds * 1000,
      backoffMaxMs: Math.max(o.maxRetrySeconds, o.retrySeconds) * 1000,
    };
  }

  configured(): ConfiguredSource[] {
    return mergeSources([
      { from: 'launch', entries: this.setup.launchSources },
      { from: 'url', entries: this.setup.urlSources },
      { from: 'file', entries: this.setup.file?.config.sources ?? [] },
      { from: 'settings', entries: this.settings.sources },
    ]);
  }

  state(): FeedsState {
    return {
      sources: [...this.pollers.values()].map(({ poller, from, name }) => ({ ...poller.status, from, configuredName: name })),
      imports: [...this.imports.values()].sort((a, b) => a.importedAt - b.importedAt),
      options: this.options(),
      settingsSources: this.settings.sources,
      persistent: this.store?.available ?? false,
      configError: this.setup.fileError,
    };
  }

  /** First call: restore persisted imports and last good documents, then start polling. Later calls reconfigure. */
  async start(setup: FeedsSetup): Promise<FeedsState> {
    this.setup = setup;
    if (!this.started) {
      this.started = true;
      this.store = await openStore();
      this.settings = (await this.store.get<Settings>(STORE_SETTINGS, 'settings')) ?? { sources: [], options: {} };
      let changed = false;
      for (const rec of await this.store.all<PersistedImport | PersistedFeed>(STORE_DOCS)) {
        if (rec.kind !== 'import') continue;
        try {
          this.work().applySource(rec.data);
          this.imports.set(rec.source, { source: rec.source, file: rec.file, observations: rec.data.observations.length, importedAt: rec.importedAt, generatedAt: rec.data.generatedAt });
          changed = true;
        } catch (e) {
          console.warn(`[feeds] stored import ${rec.file} could not be restored: ${(e as Error).message}`);
        }
      }
      if (changed) this.notify('data');
    }
    await this.reconcile();
    return this.state();
  }

  /** Start pollers for configured sources, stop those no longer configured. */
  private async reconcile(): Promise<void> {
    const want = this.configured();
    const cfg = this.pollerConfig();
    let dataChanged = false;
    for (const [url, p] of this.pollers) {
      if (!want.some((w) => w.url === url)) {
        p.poller.stop();
        this.pollers.delete(url);
        this.held.delete(url);
        if (this.work().removeSource(url) > 0) dataChanged = true;
      }
    }
    for (const w of want) {
      const have = this.pollers.get(w.url);
      if (have) {
        have.poller.setConfig(cfg);
        have.from = w.from;
        have.name = w.name ?? null;
        continue;
      }
      const restored = await this.restore(w.url);
      if (restored) dataChanged = true;
      const poller = new FeedPoller(w.url, cfg, {
        fetch: workerFetch,
        handle: (doc) => this.handle(doc),
        onStatus: (s) => {
          if (s.lastSuccessAt) void this.rememberSeen(s.url, s.lastSuccessAt);
          this.notify('status');
        },
      }, restored ?? undefined);
      this.pollers.set(w.url, { poller, from: w.from, name: w.name ?? null });
      poller.start(0);
    }
    if (dataChanged) this.notify('data');
  }

  /** Re-apply the last good document of a source from storage. */
  private async restore(url: string): Promise<{ status: Partial<SourceStatus>; validators: Validators } | null> {
    const rec = await this.store.get<PersistedFeed>(STORE_DOCS, url);
    if (!rec || rec.kind !== 'feed') return null;
    try {
      const r = this.work().ingest({ url, bytes: rec.bytes, format: rec.format, lastModified: rec.validators.lastModified }, null);
      this.held.set(url, { generatedAt: r.kind === 'applied' ? r.generatedAt : rec.generatedAt });
      const seen = await this.store.get<number>(STORE_SETTINGS, `seen|${url}`);
      return {
        status: {
          name: rec.name, dataFetchedAt: rec.fetchedAt, lastSuccessAt: Math.max(rec.fetchedAt, seen ?? 0), generatedAt: rec.generatedAt, asOf: rec.asOf,
          observations: rec.observations, format: rec.format,
        },
        validators: rec.validators,
      };
    } catch (e) {
      console.warn(`[feeds] stored copy of ${url} is unusable, dropped: ${(e as Error).message}`);
      await this.store.delete(STORE_DOCS, url).catch(() => undefined);
      return null;
    }
  }

  private async rememberSeen(url: string, at: number): Promise<void> {
    const last = this.lastSeenWrite.get(url) ?? 0;
    if (at - last < 60_000) return;
    this.lastSeenWrite.set(url, at);
    await this.store.put(STORE_SETTINGS, `seen|${url}`, at).catch(() => undefined);
  }

  /** A fetched document: validate, ignore when older than what is held, else apply atomically and persist. */
  private async handle(doc: FetchedDocument): Promise<DocumentOutcome> {
    const r = this.work().ingest({ url: doc.url, bytes: doc.bytes, format: doc.format, lastModified: doc.validators.lastModified }, this.held.get(doc.url)?.generatedAt ?? null);
    if (r.kind === 'older') return r;
    this.held.set(doc.url, { generatedAt: r.generatedAt });
    this.notify('data');
    const rec: PersistedFeed = {
      kind: 'feed', source: doc.url, bytes: doc.bytes, format: doc.format, validators: doc.validators, fetchedAt: doc.fetchedAt,
      generatedAt: r.generatedAt, asOf: r.asOf, name: r.name, observations: r.observations,
    };
    // Kept for the next start in the background: the data is already on screen, and IndexedDB keeps writes in order.
    void this.store.put(STORE_DOCS, doc.url, rec).catch((e: Error) => console.warn(`[feeds] could not keep a copy of ${doc.url}: ${e.message}`));
    return r;
  }

  async refresh(url?: string): Promise<FeedsState> {
    const targets = [...this.pollers.values()].filter((p) => !url || p.poller.url === url);
    await Promise.all(targets.map((p) => p.poller.refreshNow()));
    return this.state();
  }

  /** Settings UI: the sources it added and the polling options. */
  async saveSettings(settings: Settings): Promise<FeedsState> {
    const options = FeedOptions.partial().parse(settings.options);
    this.settings = { sources: settings.sources, options };
    await this.store.put(STORE_SETTINGS, 'settings', this.settings);
    await this.reconcile();
    for (const p of this.pollers.values()) p.poller.setConfig(this.pollerConfig());
    this.notify('status');
    return this.state();
  }

  // ------------------------------------------------------------------------------------------
  // Import

  async previewImport(file: string, bytes: Uint8Array): Promise<ImportPreview> {
    const source = importSource(file);
    const base = { token: null, file, rows: 0, observations: 0, added: 0, updated: 0, unchanged: 0, removed: 0, replaces: this.imports.has(source) };
    if (bytes.byteLength > IMPORT_MAX_BYTES) {
      return { ...base, format: '?', issues: [{ file, path: file, message: `文件过大（${Math.round(bytes.byteLength / 1048576)} MB，上限 50 MB） / file too large (limit 50 MB)` }] };
    }
    const lower = file.toLowerCase();
    const work = this.work();
    let data: SourceData | null = null;
    let issues: FeedIssue[] = [];
    let rows = 0;
    let format = 'csv';
    try {
      if (lower.endsWith('.json')) {
        format = 'json';
        let value: unknown;
        try {
          value = JSON.parse(decodeUtf8(bytes));
        } catch (e) {
          issues = [{ file, path: '$', message: `不是有效的 JSON / not valid JSON: ${(e as Error).message}` }];
        }
        if (value !== undefined) {
          const r = validateFeed(value);
          if (!r.ok) issues = r.issues.map((i) => ({ ...i, file, column: i.path }));
          else {
            rows = r.feed.observations.length;
            try {
              data = feedToSourceData(r.feed, source, work.known());
            } catch (e) {
              issues = [{ file, path: (e as FeedError).detail?.path ?? '$', column: (e as FeedError).detail?.path ?? '$', message: (e as Error).message }];
            }
          }
        }
      } else {
        const sheets = await readSpreadsheet(file, bytes);
        format = sheets.format;
        const cat = work.catalog();
        const t = importTable(file, sheets.sheets, source, cat);
        rows = t.rows;
        issues = t.issues;
        if (!t.issues.length) {
          data = {
            source, name: file, generatedAt: new Date().toISOString(), asOf: null, indicators: [], cities: [], counties: [], documents: [], observations: t.observations,
          };
          if (!t.observations.length) issues = [{ file, path: file, message: '文件中没有数据行 / the file has no data rows' }];
        }
      }
    } catch (e) {
      issues = [{ file, path: file, message: (e as Error).message }];
    }
    if (!data || issues.length) return { ...base, format, rows, issues };
    const token = `imp${++this.seq}`;
    this.pending.clear();
    this.pending.set(token, data);
    const sum = work.summariseChanges(source, data.observations);
    return { ...base, token, format, rows, observations: data.observations.length, ...sum, issues: [] };
  }

  /** Apply a previewed import: all rows or none; persisted until removed. */
  async applyImport(token: string): Promise<FeedsState> {
    const data = this.pending.get(token);
    if (!data) throw new Error('this preview has expired; choose the file again');
    this.work().applySource(data);
    this.pending.delete(token);
    const file = data.source.slice(IMPORT_PREFIX.length);
    const info: ImportInfo = { source: data.source, file, observations: data.observations.length, importedAt: Date.now(), generatedAt: data.generatedAt };
    this.imports.set(data.source, info);
    const rec: PersistedImport = { kind: 'import', source: data.source, file, data, importedAt: info.importedAt };
    await this.store.put(STORE_DOCS, data.source, rec).catch((e: Error) => console.warn(`[feeds] import not kept across restarts: ${e.message}`));
    this.notify('data');
    return this.state();
  }

  async removeImport(source: string): Promise<FeedsState> {
    this.work().removeSource(source);
    this.imports.delete(source);
    await this.store.delete(STORE_DOCS, source).catch(() => undefined);
    this.notify('data');
    return this.state();
  }

  discardPreview(): void {
    this.pending.clear();
  }
}
