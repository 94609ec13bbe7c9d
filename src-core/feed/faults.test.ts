/**
 * The feed fetcher and poller against a REAL HTTP server on 127.0.0.1 that misbehaves in every way
 * the issue lists. Each case: the last good data stays in the database, the reason is in the status,
 * nothing throws, and when the server is fixed the poller recovers by itself (bounded waits).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { buildSampleDatabase } from '../../scripts/build-db';
import type { SqlDbRw } from './apply';
import { WorkingSet, type SnapshotDb } from './working';
import { FEED_FORMAT } from './format';
import { FeedPoller, type PollerConfig } from './poller';
import { freshness } from './status';

let SQL: SqlJsStatic;
let sample: Uint8Array;
beforeAll(async () => {
  SQL = await initSqlJs();
  sample = await buildSampleDatabase();
});

type Mode = 'good' | 'good2' | 'hang' | '500' | 'reset' | 'cut-json' | 'invalid' | 'huge' | 'huge-declared' | 'html' | 'drip' | 'older' | 'dup';

function feed(generatedAt: string, value: number, extra: Record<string, unknown> = {}) {
  return {
    format: FEED_FORMAT, version: 1, generatedAt, source: { name: '测试数据中台' },
    observations: [
      { id: 'f1', indicatorId: 'data.aggregated_records', cityId: 'linyi', asOf: '2030-01-31', value },
      { id: 'f2', indicatorId: 'data.aggregated_records', cityAdcode: '341800', asOf: '2030-01-31', value: value + 1, qualifier: 'more_than', qualifierZh: '余' },
    ],
    ...extra,
  };
}

class FaultServer {
  mode: Mode = 'good';
  requests: { mode: Mode; inm: string | undefined }[] = [];
  private server: http.Server;
  private sockets = new Set<Socket>();
  private timers = new Set<NodeJS.Timeout>();
  port = 0;
  constructor() {
    this.server = http.createServer((req, res) => this.answer(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }
  async listen(port = 0): Promise<this> {
    await new Promise<void>((r) => this.server.listen(port, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }
  get url() {
    return `http://127.0.0.1:${this.port}/feed.json`;
  }
  private json(res: http.ServerResponse, req: http.IncomingMessage, body: string, etag: string) {
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag });
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', ETag: etag, 'Last-Modified': 'Tue, 01 Jan 2030 00:00:00 GMT' });
    res.end(body);
  }
  private answer(req: http.IncomingMessage, res: http.ServerResponse) {
    const mode = this.mode;
    this.requests.push({ mode, inm: req.headers['if-none-match'] as string | undefined });
    res.on('error', () => undefined);
    switch (mode) {
      case 'good':
        return this.json(res, req, JSON.stringify(feed('2030-02-01T08:00:00+08:00', 100)), '"v1"');
      case 'good2':
        return this.json(res, req, JSON.stringify(feed('2030-02-02T08:00:00+08:00', 200)), '"v2"');
      case 'hang':
        return; // never answers
      case '500':
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        return res.end('internal error');
      case 'reset': {
        const body = JSON.stringify(feed('2030-02-03T08:00:00+08:00', 300));
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
        res.write(body.slice(0, 40));
        setTimeout(() => res.destroy(), 20);
        return;
      }
      case 'cut-json': {
        const body = JSON.stringify(feed('2030-02-03T08:00:00+08:00', 300));
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(body.slice(0, Math.floor(body.length / 2)));
      }
      case 'invalid': {
        const f = feed('2030-02-03T08:00:00+08:00', 300) as { observations: Record<string, unknown>[] };
        f.observations[1]!.value = '很多';
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify(f));
      }
      case 'huge':
      case 'huge-declared': {
        const total = 50 * 1024 * 1024;
        res.writeHead(200, { 'Content-Type': 'application/json', ...(mode === 'huge-declared' && { 'Content-Length': String(total) }) });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < total && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return res.once('drain', pump);
          }
          if (!res.destroyed) res.end();
        };
        return pump();
      }
      case 'html':
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        return res.end('<!doctype html><title>Portal login</title><h1>请登录</h1>');
      case 'drip': {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const body = JSON.stringify(feed('2030-02-03T08:00:00+08:00', 300));
        let i = 0;
        const t = setInterval(() => {
          if (res.destroyed || i >= body.length) {
            clearInterval(t);
            this.timers.delete(t);
            if (!res.destroyed) res.end();
            return;
          }
          res.write(body[i++]!);
        }, 100);
        this.timers.add(t);
        return;
      }
      case 'older':
        return this.json(res, req, JSON.stringify(feed('2020-01-01T08:00:00+08:00', 999)), '"old"');
      case 'dup': {
        const f = feed('2030-02-03T08:00:00+08:00', 300) as { observations: Record<string, unknown>[] };
        f.observations[1]!.id = 'f1';
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify(f));
      }
    }
  }
  async close() {
    for (const t of this.timers) clearInterval(t);
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

const CONFIG: PollerConfig = { intervalMs: 150, timeoutMs: 700, maxBytes: 4 * 1024 * 1024, backoffBaseMs: 40, backoffMaxMs: 200 };

async function until(cond: () => boolean, what: string, ms = 6000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A cockpit's worker in miniature: the bundled DB, a poller, the same ingest code as the worker. */
function cockpit(url: string) {
  const db = new SQL.Database(sample) as Database;
  const work = new WorkingSet(db as unknown as SqlDbRw, (b: Uint8Array) => new SQL.Database(b) as unknown as SnapshotDb);
  let held: string | null = null;
  const poller = new FeedPoller(url, CONFIG, {
    fetch: (u, init) => fetch(u, init as RequestInit) as never,
    handle: (doc) => {
      const r = work.ingest({ url: doc.url, bytes: doc.bytes, format: doc.format, lastModified: doc.validators.lastModified }, held);
      if (r.kind === 'applied') held = r.generatedAt;
      return r;
    },
  });
  const values = () => db.exec('SELECT id, value FROM observations WHERE source = ? ORDER BY id', [url])[0]?.values ?? [];
  const total = () => Number(db.exec('SELECT count(*) FROM observations')[0]!.values[0]![0]);
  return { db, work, poller, values, total };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const srv = await new FaultServer().listen();
  const c = cockpit(srv.url);
  cleanups.push(() => srv.close(), () => c.poller.stop(), () => c.work.close(), () => c.db.close());
  c.poller.start();
  await until(() => c.values().length === 2, 'first good document applied');
  expect(c.values()).toEqual([['f1', 100], ['f2', 101]]);
  return { srv, ...c };
}

const FAULTS: [Mode, string, RegExp][] = [
  ['hang', 'timeout', /no answer within 0.7 s/],
  ['500', 'http', /HTTP 500/],
  ['reset', 'truncated', /closed before the document was complete/],
  ['cut-json', 'truncated', /cut short/],
  ['invalid', 'invalid', /\$\.observations\[1\]\.value/],
  ['huge', 'too-large', /exceeds the limit of 4 MB/],
  ['huge-declared', 'too-large', /is 50 MB; the limit is 4 MB/],
  ['html', 'content-type', /text\/html/],
  ['drip', 'timeout', /did not arrive completely within 0.7 s/],
  ['dup', 'duplicate', /duplicate observation id "f1".*\$\.observations\[1\]\.id|\$\.observations\[1\]\.id.*duplicate/],
];

describe('feed faults against a real misbehaving HTTP server on 127.0.0.1', () => {
  for (const [mode, code, message] of FAULTS) {
    it(`${mode}: keeps the last good data, says why (${code}), recovers by itself`, async () => {
      const { srv, poller, values, total } = await setup();
      const before = total();
      srv.mode = mode;
      const t0 = Date.now();
      await poller.refreshNow();
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(poller.status.state).toBe('failing');
      expect(poller.status.error?.code).toBe(code);
      expect(poller.status.error?.message).toMatch(message);
      expect(values()).toEqual([['f1', 100], ['f2', 101]]);
      expect(total()).toBe(before);
      // the words on the badge
      const f = freshness(poller.status, Date.now(), 3_600_000, 'zh-CN');
      expect(f.level).toBe('stale');
      expect(f.text).toMatch(/显示的是 \d\d:\d\d 获取的数据/);
      // back-off keeps retrying; fix the server and it recovers without any call
      srv.mode = 'good2';
      await until(() => poller.status.state === 'ok' && values()[0]?.[1] === 200, `recovery after ${mode}`);
      expect(values()).toEqual([['f1', 200], ['f2', 201]]);
      expect(poller.status.error).toBeNull();
      expect(poller.status.failures).toBe(0);
    });
  }

  it('connection refused: says so, then recovers when the server comes up on that port', async () => {
    const probe = await new FaultServer().listen();
    const port = probe.port;
    await probe.close();
    const url = `http://127.0.0.1:${port}/feed.json`;
    const c = cockpit(url);
    cleanups.push(() => c.poller.stop(), () => c.db.close());
    c.poller.start();
    await until(() => c.poller.status.state === 'failing', 'first failure');
    expect(c.poller.status.error?.code).toBe('network');
    expect(c.poller.status.error?.message).toMatch(/connection refused/);
    expect(freshness(c.poller.status, Date.now(), 3_600_000, 'zh-CN').text).toMatch(/^无法连接数据源，尚未取得该数据源的数据/);
    const failuresSoFar = c.poller.status.failures;
    await until(() => c.poller.status.failures >= failuresSoFar + 2, 'back-off retries');
    const srv = await new FaultServer().listen(port);
    cleanups.push(() => srv.close());
    await until(() => c.values().length === 2, 'recovery once the server listens');
    expect(c.poller.status.state).toBe('ok');
  });

  it('older document: ignored with a notice, the newer data stays', async () => {
    const { srv, poller, values } = await setup();
    srv.mode = 'older';
    await poller.refreshNow();
    expect(poller.status.state).toBe('ok');
    expect(poller.status.notice?.code).toBe('older');
    expect(values()).toEqual([['f1', 100], ['f2', 101]]);
    expect(freshness(poller.status, Date.now(), 3_600_000 * 24 * 365 * 20, 'zh-CN').text).toMatch(/比现有数据旧，已忽略/);
  });

  it('SQLite snapshot: swapped in whole; a corrupt snapshot changes nothing', async () => {
    let snapshotMode: 'good' | 'corrupt' = 'good';
    const srv = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/vnd.sqlite3' });
      res.end(snapshotMode === 'good' ? Buffer.from(sample) : Buffer.from(sample.subarray(0, 4096)));
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => srv.close(() => r())));
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/feed.sqlite`;
    const c = cockpit(url);
    cleanups.push(() => c.poller.stop(), () => c.work.close(), () => c.db.close());
    const fromSnapshot = () => c.work.observations().filter((o) => o.source === url).length;
    await c.poller.refreshNow();
    expect(c.poller.status.state).toBe('ok');
    expect(c.poller.status.format).toBe('sqlite');
    const n = c.poller.status.observations;
    expect(n).toBeGreaterThan(200);
    expect(fromSnapshot()).toBe(n);
    snapshotMode = 'corrupt';
    await c.poller.refreshNow();
    expect(c.poller.status.state).toBe('failing');
    expect(['parse', 'invalid']).toContain(c.poller.status.error?.code);
    expect(fromSnapshot()).toBe(n);
  });

  it('sends If-None-Match and treats 304 as a successful, unchanged poll', async () => {
    const { srv, poller } = await setup();
    const n = srv.requests.length;
    const firstSuccess = poller.status.lastSuccessAt!;
    await new Promise((r) => setTimeout(r, 20));
    await poller.refreshNow();
    expect(srv.requests[n]?.inm).toBe('"v1"');
    expect(poller.status.state).toBe('ok');
    expect(poller.status.lastSuccessAt!).toBeGreaterThan(firstSuccess);
    expect(poller.status.dataFetchedAt!).toBeLessThanOrEqual(firstSuccess);
  });
});
