import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { checkSchema, queryObservations, type SqlDb } from '../src-core/db/queries';
import { parseFeedJson } from '../src-core/feed/parse';
import { notModified, startFeedServer, type RunningFeedServer } from './feed-server';
// @ts-expect-error plain JS entry point (runs under tsx)
import { loadBundle } from '../scripts/feed.mjs';
// @ts-expect-error plain JS fixture builder
import { badCsv, bureauXlsx } from '../tests/e2e/feeds-fixtures.mjs';

let srv: RunningFeedServer;
beforeAll(async () => {
  srv = await startFeedServer({ port: 0, load: () => loadBundle(undefined) });
});
afterAll(() => srv.close());

describe('reference feed server', () => {
  it('serves a valid JSON feed of the sample with ETag, Last-Modified and CORS', async () => {
    const r = await fetch(`${srv.url}feed.json`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(r.headers.get('last-modified')).toBeTruthy();
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-expose-headers')).toMatch(/ETag/);
    const feed = parseFeedJson(new Uint8Array(await r.arrayBuffer()));
    expect(feed.observations.length).toBeGreaterThan(200);
    expect(feed.indicators?.length).toBeGreaterThan(100);
  });

  it('answers conditional requests with 304, and gzip with its own ETag', async () => {
    const first = await fetch(`${srv.url}feed.json`, { headers: { 'Accept-Encoding': 'identity' } });
    const etag = first.headers.get('etag')!;
    const again = await fetch(`${srv.url}feed.json`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const lm = first.headers.get('last-modified')!;
    expect((await fetch(`${srv.url}feed.json`, { headers: { 'If-Modified-Since': lm } })).status).toBe(304);
    expect(notModified({ ifNoneMatch: 'W/"x", "y"' }, '"y"', lm)).toBe(true);
    expect(notModified({ ifNoneMatch: '"z"', ifModifiedSince: lm }, '"y"', lm)).toBe(false);
    const http = await import('node:http');
    const gz = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve) => {
      http.get(`${srv.url}feed.json`, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      });
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.etag).not.toBe(etag);
    expect(parseFeedJson(new Uint8Array(gunzipSync(gz.body))).format).toBe('city-brain-cockpit-feed');
    const pre = await fetch(`${srv.url}feed.json`, { method: 'OPTIONS' });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/If-None-Match/);
  });

  it('serves a SQLite snapshot with the bundled schema', async () => {
    const r = await fetch(`${srv.url}feed.sqlite`);
    expect(r.headers.get('content-type')).toBe('application/vnd.sqlite3');
    const SQL = await initSqlJs();
    const db = new SQL.Database(new Uint8Array(await r.arrayBuffer()));
    expect(checkSchema(db as unknown as SqlDb)).toEqual([]);
    expect(queryObservations(db as unknown as SqlDb).length).toBeGreaterThan(200);
    expect(db.exec("SELECT value FROM meta WHERE key='generated_at'")[0]?.values[0]?.[0]).toMatch(/^\d{4}-/);
    db.close();
  });

  it('builds feeds from a user\'s XLSX, and refuses bad spreadsheets naming row and column', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'feed-data-'));
    try {
      writeFileSync(path.join(dir, '汇聚情况.xlsx'), bureauXlsx());
      const b = await loadBundle(path.join(dir, '汇聚情况.xlsx'));
      expect(b.observations).toHaveLength(4);
      writeFileSync(path.join(dir, 'bad.csv'), badCsv());
      await expect(loadBundle(dir)).rejects.toThrow(/bad\.csv row 3, column 指标 \(A\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
