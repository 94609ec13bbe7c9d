import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildCsp } from '../src-core/shell/csp';
import { traversalCorpus } from '../src-core/shell/traversal-corpus';
import { parseServerArgs } from './cli';
import { hostHeaderAllowed, startServer, type RunningServer } from './server';
import { cookieValueFor } from './access';

const TOKEN = 'lan-wall-token-0123456789abcdef';

let dir: string;
let srv: RunningServer;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cockpit-srv-'));
  const root = path.join(dir, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  mkdirSync(path.join(root, 'data'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>cockpit</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'export const x = 1;');
  writeFileSync(path.join(root, 'assets', 'sql-wasm-x.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  writeFileSync(path.join(root, 'data', 'cockpit.sqlite'), 'SQLite format 3\u0000');
  writeFileSync(path.join(dir, 'secret.txt'), 'TOP-SECRET');
  mkdirSync(path.join(dir, 'renderer-evil'));
  writeFileSync(path.join(dir, 'renderer-evil', 'x.txt'), 'TOP-SECRET');
  try {
    symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'link.txt'));
  } catch {
    /* no symlinks here */
  }
  srv = await startServer({ port: 0, root, launch: { city: 'linyi', lang: 'en', sources: ['https://data.example.cn/feed.json'] } });
  port = Number(new URL(srv.url).port);
});
afterAll(async () => {
  await srv?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw HTTP/1.1 exchange, so the request target reaches the server exactly as written. */
function raw(request: string) {
  return rawAt(port, request);
}
function rawAt(port: number, request: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', reject);
    sock.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of lines) {
        const i = l.indexOf(':');
        if (i > 0) headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers, body: rest.join('\r\n\r\n') });
    });
    sock.write(request); // not end(): a half-closed socket may be dropped before an async answer
  });
}
const rawGet = (target: string, extra = '') => raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${extra}Connection: close\r\n\r\n`);
const post = (pathname: string, body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  fetch(new URL(pathname, srv.url), { method: 'POST', headers, body });

describe('browser shell server', () => {
  it('listens on a free port and serves index.html with the security headers', async () => {
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await fetch(srv.url);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(r.headers.get('content-security-policy')).toBe(buildCsp({ sources: ['https://data.example.cn/feed.json'] }));
    expect(r.headers.get('content-security-policy')).toContain("connect-src 'self' https://data.example.cn;");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('permissions-policy')).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
    expect(await r.text()).toContain('<title>cockpit</title>');
  });

  it('connect-src follows the sources configuration file as it changes; an invalid file keeps the last valid list', async () => {
    const feedsFile = path.join(dir, 'feeds-csp.json');
    writeFileSync(feedsFile, JSON.stringify({ sources: [{ url: 'https://a.example.cn/feed.json' }] }));
    const s = await startServer({ port: 0, host: '127.0.0.1', root: path.join(dir, 'renderer'), launch: { sources: ['http://10.0.0.1:9000/x.json'], feedsFile } });
    try {
      const csp = async () => (await fetch(s.url)).headers.get('content-security-policy');
      expect(await csp()).toContain("connect-src 'self' http://10.0.0.1:9000 https://a.example.cn;");
      writeFileSync(feedsFile, JSON.stringify({ sources: [{ url: 'https://a.example.cn/feed.json' }, { url: 'https://b.example.cn:8443/snap.sqlite' }] }));
      expect(await csp()).toContain("connect-src 'self' http://10.0.0.1:9000 https://a.example.cn https://b.example.cn:8443;");
      writeFileSync(feedsFile, '{ "sources": [ broken');
      expect(await csp()).toContain("connect-src 'self' http://10.0.0.1:9000 https://a.example.cn https://b.example.cn:8443;");
    } finally {
      await s.close();
    }
  });

  it('serves assets with MIME and long cache; the database and wasm with their types', async () => {
    const js = await fetch(new URL('assets/index-abc123.js', srv.url));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(new URL('assets/sql-wasm-x.wasm', srv.url))).headers.get('content-type')).toBe('application/wasm');
    const db = await fetch(new URL('data/cockpit.sqlite', srv.url));
    expect(db.headers.get('content-type')).toBe('application/vnd.sqlite3');
    expect((await db.arrayBuffer()).byteLength).toBe(16);
  });

  it('SPA fallback for routes, 404 for missing files (with CSP)', async () => {
    const route = await fetch(new URL('linyi/overview?lang=en', srv.url));
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>cockpit</title>');
    const missing = await fetch(new URL('assets/missing-123.js', srv.url));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(new URL('favicon.ico', srv.url))).status).toBe(404);
  });

  it('is read-only: 405 for non-GET/HEAD on static paths', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const r = await fetch(new URL('index.html', srv.url), { method, body: 'x' });
      expect(r.status, method).toBe(405);
      expect(r.headers.get('allow')).toBe('GET, HEAD');
      expect(r.headers.get('content-security-policy')).toBeTruthy();
    }
    const head = await fetch(srv.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('37');
    expect(await head.text()).toBe('');
  });

  it('ETag / If-None-Match gives 304', async () => {
    const first = await fetch(new URL('assets/index-abc123.js', srv.url));
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"/);
    const again = await fetch(new URL('assets/index-abc123.js', srv.url), { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
  });

  it('traversal attempts over raw HTTP never escape the root', async () => {
    const corpus = traversalCorpus().filter((p) => !/[\u0000-\u0020\u007f]/.test(p));
    expect(corpus.length).toBeGreaterThanOrEqual(1000);
    const statuses = new Set<number>();
    for (const target of [...corpus, '/renderer-evil/x.txt', '/../renderer-evil/x.txt', '/link.txt', 'http://127.0.0.1/../secret.txt', '*']) {
      const r = await rawGet(target);
      statuses.add(r.status);
      expect(r.body, target).not.toContain('TOP-SECRET');
      expect(r.status, target).not.toBe(500);
    }
    expect([...statuses].sort()).toEqual(expect.arrayContaining([404]));
    for (const s of statuses) expect([200, 400, 404]).toContain(s);
  }, 30_000);

  it('raw requests with control characters are refused', async () => {
    const r = await raw(`GET /..%2f..%2fsecret.txt\u0000 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(r.body).not.toContain('TOP-SECRET');
    expect(r.status).toBe(400);
  });

  describe('POST /api/invoke', () => {
    it('getAppInfo', async () => {
      const r = await post('/api/invoke/getAppInfo', '[]');
      expect(r.status).toBe(200);
      expect(r.headers.get('content-security-policy')).toBeTruthy();
      const info = await r.json();
      expect(info).toEqual({ shell: 'browser', version: expect.stringMatching(/^\d+\.\d+\.\d+/), platform: process.platform });
    });
    it('getLaunchOptions returns the server defaults', async () => {
      const r = await post('/api/invoke/getLaunchOptions', '[]');
      expect(await r.json()).toEqual({ city: 'linyi', lang: 'en', sources: ['https://data.example.cn/feed.json'], kiosk: false });
    });
    it('bad arguments give 400 naming the problem', async () => {
      const r = await post('/api/invoke/getAppInfo', '[1]');
      expect(r.status).toBe(400);
      expect(((await r.json()) as { error: string }).error).toMatch(/arguments of getAppInfo/);
      const notArray = await post('/api/invoke/getAppInfo', '{"a":1}');
      expect(notArray.status).toBe(400);
      expect(((await notArray.json()) as { error: string }).error).toMatch(/JSON array/);
      const badJson = await post('/api/invoke/getAppInfo', '[');
      expect(badJson.status).toBe(400);
      const unknown = await post('/api/invoke/readFile', '["/etc/passwd"]');
      expect(unknown.status).toBe(400);
      expect(((await unknown.json()) as { error: string }).error).toMatch(/unknown shell method "readFile"/);
    });
    it('checks content type, size, method and origin', async () => {
      expect((await post('/api/invoke/getAppInfo', '[]', { 'Content-Type': 'text/plain' })).status).toBe(415);
      expect((await post('/api/invoke/getAppInfo', `[${'1,'.repeat(40_000)}1]`)).status).toBe(413);
      const get = await fetch(new URL('/api/invoke/getAppInfo', srv.url));
      expect(get.status).toBe(405);
      expect(get.headers.get('allow')).toBe('POST');
      expect((await post('/api/invoke/getAppInfo', '[]', { 'Content-Type': 'application/json', Origin: 'https://evil.example' })).status).toBe(403);
      expect((await post('/api/invoke/getAppInfo', '[]', { 'Content-Type': 'application/json; charset=utf-8', Origin: srv.url.slice(0, -1) })).status).toBe(200);
      expect((await post('/api/other', '[]')).status).toBe(404);
      const rebound = await raw(`POST /api/invoke/getAppInfo HTTP/1.1\r\nHost: evil.example:${port}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]`);
      expect(rebound.status).toBe(403);
      const local = await raw(`POST /api/invoke/getAppInfo HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]`);
      expect(local.status).toBe(200);
    });
  });

  it('close() stops listening', async () => {
    const s = await startServer({ port: 0, root: dir });
    await s.close();
    await expect(fetch(s.url)).rejects.toThrow();
  });
});

describe('access token (LAN use)', () => {
  let tsrv: RunningServer;
  let tport: number;
  beforeAll(async () => {
    tsrv = await startServer({ port: 0, root: path.join(dir, 'renderer'), token: TOKEN });
    tport = Number(new URL(tsrv.url).port);
  });
  afterAll(() => tsrv?.close());
  const at = (p: string) => `http://127.0.0.1:${tport}${p}`;

  it('refuses every page, asset, data file and API call without the token (401, security headers, explanation)', async () => {
    for (const p of ['/', '/index.html', '/assets/index-abc123.js', '/data/cockpit.sqlite', '/linyi/overview', '/assets/missing.js', '/../secret.txt']) {
      const r = await fetch(at(p), { redirect: 'manual' });
      expect(r.status, p).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Bearer realm="cockpit"');
      expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(r.headers.get('cache-control')).toBe('no-store');
      const body = await r.text();
      expect(body).toContain('Access token required');
      expect(body).not.toContain('<title>cockpit</title>');
    }
    const api = await fetch(at('/api/invoke/getAppInfo'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[]' });
    expect(api.status).toBe(401);
    expect(((await api.json()) as { error: string }).error).toMatch(/access token is required/);
    expect((await fetch(at(`/?token=${TOKEN}x`), { redirect: 'manual' })).status).toBe(401);
  });

  it('?token= once sets an HttpOnly SameSite=Strict cookie and redirects to the URL without the token; the cookie then opens everything', async () => {
    const first = await fetch(at(`/index.html?city=linyi&token=${TOKEN}&lang=en`), { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/index.html?city=linyi&lang=en');
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(TOKEN);
    const cookie = setCookie.split(';')[0]!;
    const page = await fetch(at('/index.html?city=linyi&lang=en'), { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>cockpit</title>');
    const js = await fetch(at('/assets/index-abc123.js'), { headers: { cookie } });
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const api = await fetch(at('/api/invoke/getAppInfo'), { method: 'POST', headers: { 'Content-Type': 'application/json', cookie }, body: '[]' });
    expect(api.status).toBe(200);
    // a protocol-relative path in the link cannot turn the redirect into an open redirect
    const sneaky = await rawAt(tport, `GET //evil.example/?token=${TOKEN} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    expect(sneaky.status).toBe(303);
    expect(sneaky.headers['location']).toBe('/evil.example/');
  });

  it('Authorization: Bearer works for scripts; a wrong one does not', async () => {
    const ok = await fetch(at('/data/cockpit.sqlite'), { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect((await fetch(at('/data/cockpit.sqlite'), { headers: { Authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
  });

  it('with a token, the traversal corpus still never escapes (and is refused before any file lookup)', async () => {
    const cookie = `cockpit_access=${cookieValueFor(TOKEN)}`;
    for (const target of traversalCorpus().filter((p) => !/[\u0000-\u0020\u007f]/.test(p) && p.startsWith('/')).slice(0, 400)) {
      const r = await rawAt(tport, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
      expect(r.body, target).not.toContain('TOP-SECRET');
      const anon = await rawAt(tport, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect([400, 401], target).toContain(anon.status);
    }
  }, 30_000);

  it('startServer refuses a non-loopback address unless a token (or null on purpose) is given, and refuses weak tokens', async () => {
    await expect(startServer({ port: 0, host: '0.0.0.0', root: dir })).rejects.toThrow(/needs an access token/);
    await expect(startServer({ port: 0, host: '127.0.0.1', root: dir, token: 'short' })).rejects.toThrow(/at least 16/);
    const open = await startServer({ port: 0, host: '0.0.0.0', root: dir, token: null });
    await open.close();
  });
});

describe('hostHeaderAllowed', () => {
  it('on loopback only loopback names; elsewhere anything', () => {
    expect(hostHeaderAllowed('127.0.0.1:4173', '127.0.0.1')).toBe(true);
    expect(hostHeaderAllowed('localhost:4173', '127.0.0.1')).toBe(true);
    expect(hostHeaderAllowed('[::1]:4173', '::1')).toBe(true);
    expect(hostHeaderAllowed('evil.example:4173', '127.0.0.1')).toBe(false);
    expect(hostHeaderAllowed('127.0.0.1.evil.example', '127.0.0.1')).toBe(false);
    expect(hostHeaderAllowed(undefined, '127.0.0.1')).toBe(false);
    expect(hostHeaderAllowed('cockpit.linyi.gov.cn', '0.0.0.0')).toBe(true);
  });
});

describe('parseServerArgs', () => {
  it('defaults to loopback:4173', () => {
    expect(parseServerArgs([])).toEqual({ ok: true, args: { port: 4173, host: '127.0.0.1', token: null, launch: { sources: [], kiosk: false } } });
  });
  it('reads port, host, sources and launch defaults', () => {
    const r = parseServerArgs(['--port', '0', '--host', '0.0.0.0', '--token', TOKEN, '--source', 'https://a.cn/x', '--source=https://b.cn/y', '--city', 'linyi', '--lang', 'zh-CN']);
    expect(r).toEqual({ ok: true, args: { port: 0, host: '0.0.0.0', token: TOKEN, launch: { city: 'linyi', lang: 'zh-CN', sources: ['https://a.cn/x', 'https://b.cn/y'], kiosk: false } } });
  });
  it('access policy: loopback needs no token; any other address needs --token, COCKPIT_TOKEN or an explicit --no-token', () => {
    const args = (argv: string[], env: Record<string, string> = {}) => parseServerArgs(argv, (p) => p, env);
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(args(['--host', host]), host).toMatchObject({ ok: true, args: { token: null } });
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'cockpit.linyi.gov.cn', '128.0.0.1']) {
      const r = args(['--host', host]);
      expect(r, host).toMatchObject({ ok: false, flag: '--host' });
      if (!r.ok) expect(r.message).toMatch(/--token TOKEN.*COCKPIT_TOKEN.*--no-token/);
    }
    expect(args(['--host', '0.0.0.0', '--no-token'])).toMatchObject({ ok: true, args: { host: '0.0.0.0', token: null } });
    expect(args(['--host', '0.0.0.0'], { COCKPIT_TOKEN: TOKEN })).toMatchObject({ ok: true, args: { token: TOKEN } });
    expect(args(['--host', '0.0.0.0', '--token', 'b'.repeat(20)], { COCKPIT_TOKEN: TOKEN })).toMatchObject({ ok: true, args: { token: 'b'.repeat(20) } });
    expect(args([], { COCKPIT_TOKEN: TOKEN })).toMatchObject({ ok: true, args: { host: '127.0.0.1', token: TOKEN } });
    expect(args(['--no-token'], { COCKPIT_TOKEN: TOKEN })).toMatchObject({ ok: true, args: { token: null } });
    expect(args(['--token', TOKEN, '--no-token'])).toMatchObject({ ok: false, flag: '--no-token' });
    expect(args(['--host', '0.0.0.0', '--token', 'short'])).toMatchObject({ ok: false, flag: '--token', message: expect.stringMatching(/^--token: .*16/) });
    expect(args(['--host', '0.0.0.0'], { COCKPIT_TOKEN: 'has space in it 12345' })).toMatchObject({ ok: false, flag: '--token', message: expect.stringMatching(/^COCKPIT_TOKEN: /) });
  });
  it('reads the wall flags: --profile and --kiosk (the wall browser then runs the playlist, hides the idle cursor)', () => {
    expect(parseServerArgs(['--profile', '5760x1080', '--kiosk'])).toEqual({ ok: true, args: { port: 4173, host: '127.0.0.1', token: null, launch: { profile: '5760x1080', sources: [], kiosk: true } } });
  });
  it.each([
    [['--port', 'http'], '--port'],
    [['--port', '70000'], '--port'],
    [['--port'], '--port'],
    [['--host', 'a b'], '--host'],
    [['--lang', 'jp'], '--lang'],
    [['--source', 'nope'], '--source'],
    [['--kiosk=yes'], '--kiosk'],
    [['--profile', 'wall a'], '--profile'],
    [['--verbose'], '--verbose'],
  ])('%j is an error naming %s', (argv, flag) => {
    const r = parseServerArgs(argv as string[]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.flag).toBe(flag);
      expect(r.message).toContain(flag);
    }
  });
});
