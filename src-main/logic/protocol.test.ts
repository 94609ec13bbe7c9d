import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildCsp } from '../../src-core/shell/csp';
import { traversalCorpus } from '../../src-core/shell/traversal-corpus';
import { createAppProtocolHandler } from './protocol';

let dir: string;
let handle: (r: Request) => Promise<Response>;
const csp = buildCsp({ sources: ['https://data.example.cn/feed'] });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cockpit-proto-'));
  const root = path.join(dir, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  mkdirSync(path.join(root, 'data'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>cockpit</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'export {}');
  writeFileSync(path.join(root, 'assets', 'sql-wasm-x.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  writeFileSync(path.join(root, 'data', 'cockpit.sqlite'), 'SQLite format 3\u0000');
  writeFileSync(path.join(dir, 'secret.txt'), 'TOP-SECRET');
  writeFileSync(path.join(dir, 'package.json'), 'TOP-SECRET');
  handle = createAppProtocolHandler(root, csp);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (url: string, init?: RequestInit) => handle(new Request(url, init));

describe('app:// protocol handler', () => {
  it('serves index.html with CSP and MIME', async () => {
    const r = await get('app://cockpit/index.html?city=linyi&lang=en');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toBe(csp);
    expect(r.headers.get('content-security-policy')).toContain("connect-src 'self' https://data.example.cn");
    expect(await r.text()).toContain('<title>cockpit</title>');
    expect((await get('app://cockpit/')).status).toBe(200);
  });
  it('types wasm and sqlite', async () => {
    expect((await get('app://cockpit/assets/sql-wasm-x.wasm')).headers.get('content-type')).toBe('application/wasm');
    const db = await get('app://cockpit/data/cockpit.sqlite');
    expect(db.headers.get('content-type')).toBe('application/vnd.sqlite3');
    expect(new Uint8Array(await db.arrayBuffer()).byteLength).toBe(16);
  });
  it('falls back to index.html for routes and 404s missing assets', async () => {
    expect((await get('app://cockpit/linyi/overview')).headers.get('content-type')).toBe('text/html; charset=utf-8');
    const missing = await get('app://cockpit/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(csp);
  });
  it('refuses other hosts and methods', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://cockpit.evil/index.html')).status).toBe(404);
    expect((await get('app://cockpit/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
  });
  it('never serves anything outside the root', async () => {
    for (const p of traversalCorpus()) {
      if (!p.startsWith('/') || /[\u0000-\u001f]/.test(p)) continue;
      let req: Request;
      try {
        req = new Request(`app://cockpit${p}`);
      } catch {
        continue;
      }
      const r = await handle(req);
      const text = await r.text();
      expect(text, p).not.toContain('TOP-SECRET');
    }
  });
  it('does not follow a symlink out of the root', async () => {
    try {
      symlinkSync(path.join(dir, 'secret.txt'), path.join(dir, 'renderer', 'link.txt'));
    } catch {
      return; // no symlink support
    }
    const r = await get('app://cockpit/link.txt');
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain('TOP-SECRET');
  });
});
