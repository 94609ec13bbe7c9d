import { describe, expect, it } from 'vitest';
import { etagMatches, isSpaRoute, serveStatic, type StaticFs } from './static';
import { buildCsp } from './csp';
import { traversalCorpus } from './traversal-corpus';

const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const files: Record<string, string> = {
  'index.html': '<!doctype html><title>x</title>',
  'assets/app-abc123.js': 'console.log(1)',
  'assets/sql-wasm-x.wasm': '\u0000asm',
  'assets/worker-Ab12_x.js': 'self.onmessage = null',
  'data/cockpit.sqlite': 'SQLite format 3\u0000',
};
const memFs: StaticFs = {
  async stat(rel) {
    const f = files[rel];
    return f === undefined ? null : { size: f.length, mtimeMs: 1_700_000_000_000 };
  },
  async read(rel) {
    const f = files[rel];
    if (f === undefined) throw new Error('missing');
    return enc(f);
  },
};
const csp = buildCsp();
const get = (pathname: string, extra: Partial<Parameters<typeof serveStatic>[0]> = {}) => serveStatic({ method: 'GET', pathname, ...extra }, memFs, csp);

describe('serveStatic', () => {
  it('serves index.html for / with no-cache and CSP', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(r.headers['Cache-Control']).toBe('no-cache');
    expect(r.headers['Content-Security-Policy']).toBe(csp);
    expect(r.headers.ETag).toMatch(/^"[0-9a-f]+-[0-9a-f]+-[0-9a-f]+"$/);
  });
  it('a changed CSP (new data-source origins) changes the ETag; the worker script is revalidated, not cached for a year', async () => {
    const first = await get('/index.html');
    const other = await serveStatic({ method: 'GET', pathname: '/index.html', ifNoneMatch: first.headers.ETag }, memFs, buildCsp({ sources: ['https://new.example.cn/f.json'] }));
    expect(other.status).toBe(200);
    expect(other.headers['Content-Security-Policy']).toContain('https://new.example.cn');
    expect((await get('/assets/worker-Ab12_x.js')).headers['Cache-Control']).toBe('no-cache');
  });
  it('caches hashed assets for a year and types wasm/sqlite', async () => {
    const js = await get('/assets/app-abc123.js');
    expect(js.headers['Cache-Control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/assets/sql-wasm-x.wasm')).headers['Content-Type']).toBe('application/wasm');
    const db = await get('/data/cockpit.sqlite');
    expect(db.headers['Content-Type']).toBe('application/vnd.sqlite3');
    expect(db.headers['Cache-Control']).toBe('no-cache');
  });
  it('falls back to index.html for routes, 404s for missing files', async () => {
    expect((await get('/linyi/overview')).headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect((await get('/linyi/overview/')).status).toBe(200);
    expect((await get('/assets/missing.js')).status).toBe(404);
    expect((await get('/assets/noext')).status).toBe(404);
    expect((await get('/missing.png')).status).toBe(404);
    expect((await get('/data/other')).status).toBe(404);
  });
  it('404 responses also carry the security headers', async () => {
    const r = await get('/nope.js');
    expect(r.headers['Content-Security-Policy']).toBe(csp);
    expect(r.headers['X-Frame-Options']).toBe('SAMEORIGIN');
  });
  it('answers 304 on a matching If-None-Match', async () => {
    const first = await get('/index.html');
    const again = await get('/index.html', { ifNoneMatch: first.headers.ETag });
    expect(again.status).toBe(304);
    expect(again.headers['Content-Security-Policy']).toBe(csp);
    expect(again.body).toBeNull();
    expect((await get('/index.html', { ifNoneMatch: '"other"' })).status).toBe(200);
  });
  it('HEAD has headers but no body; other methods get 405', async () => {
    const h = await serveStatic({ method: 'HEAD', pathname: '/index.html' }, memFs, csp);
    expect(h.status).toBe(200);
    expect(h.body).toBeNull();
    expect(h.headers['Content-Length']).toBe(String(files['index.html']!.length));
    for (const m of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const r = await serveStatic({ method: m, pathname: '/index.html' }, memFs, csp);
      expect(r.status).toBe(405);
      expect(r.headers.Allow).toBe('GET, HEAD');
    }
  });
  it('never asks the file system for a hostile path', async () => {
    const asked: string[] = [];
    const spy: StaticFs = { stat: async (rel) => (asked.push(rel), memFs.stat(rel)), read: memFs.read };
    for (const p of traversalCorpus()) {
      const r = await serveStatic({ method: 'GET', pathname: p }, spy, csp);
      expect(r.status).toBe(404);
    }
    expect(asked).toEqual([]);
  });
});

describe('helpers', () => {
  it('etagMatches', () => {
    expect(etagMatches('"a", W/"b"', '"b"')).toBe(true);
    expect(etagMatches('*', '"b"')).toBe(true);
    expect(etagMatches('"c"', '"b"')).toBe(false);
    expect(etagMatches(undefined, '"b"')).toBe(false);
  });
  it('isSpaRoute', () => {
    expect(isSpaRoute('')).toBe(true);
    expect(isSpaRoute('linyi/overview')).toBe(true);
    expect(isSpaRoute('assets/x')).toBe(false);
    expect(isSpaRoute('assets')).toBe(false);
    expect(isSpaRoute('x.js')).toBe(false);
  });
});
