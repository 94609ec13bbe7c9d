/**
 * Browser shell: serves the renderer build read-only over HTTP and answers the shell contract at
 * POST /api/invoke/<method>. Run directly (out/server/server.mjs) it is a CLI; `startServer` is the API.
 */
import { readUserFile, type UserFileFs } from '../src-core/shell/user-file';
import { feedsFileSources, nodeUserFileFs, rootedFs } from '../src-node/files';
export { nodeUserFileFs, rootedFs };
import http from 'node:http';
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ContractError, HTTP_INVOKE_PREFIX, LaunchOptions, dispatch, type ShellHandlers } from '../src-core/contract';
import { buildCsp, securityHeaders } from '../src-core/shell/csp';
import { splitTarget } from '../src-core/shell/paths';
import { serveStatic, type StaticFs } from '../src-core/shell/static';
import { isLoopbackHost, parseServerArgs, wallBrowserCommand, DEFAULT_HOST, DEFAULT_PORT, SERVER_USAGE } from './cli';
import { accessDeniedPage, checkAccess, TOKEN_ENV, tokenProblem } from './access';
/** the wall's V8 modes, for the benches (they import this bundle: bench/lib.mjs jitLaunch) */
export { isJitMode, JIT_MODES, jsFlagsFor } from '../src-core/wall/jit';

export interface StartOptions {
  port?: number;
  host?: string;
  /** directory to serve; default <app>/dist/renderer */
  root?: string;
  launch?: Partial<LaunchOptions>;
  /**
   * Shared access token required on every request (see access.ts); null = none. Must be given
   * (a token, or null on purpose) when `host` is not a loopback address.
   */
  token?: string | null;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export const MAX_BODY_BYTES = 64 * 1024;

/** The project directory: the nearest ancestor of this module holding package.json (works from src-server/ and out/server/). */
export function appDir(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    try {
      readFileSync(path.join(dir, 'package.json'));
      return dir;
    } catch {
      const up = path.dirname(dir);
      if (up === dir) return from;
      dir = up;
    }
  }
}

function appVersion(dir: string): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function createBrowserHandlers(launch: LaunchOptions, version: string, platform: string = process.platform, fs: UserFileFs = nodeUserFileFs) {
  return {
    getLaunchOptions: () => launch,
    getAppInfo: () => ({ shell: 'browser' as const, version, platform }),
    getPagesConfig: (known: string | null) => readUserFile(fs, launch.pagesFile, known),
    getFeedsConfig: (known: string | null) => readUserFile(fs, launch.feedsFile, known),
    // The browser prints and downloads by itself (print CSS + window.print, <a download>): the server
    // writes no files on the user's behalf.
    exportPdf: () => ({ saved: null, error: 'the browser shell prints with the browser (window.print)' }),
    saveExportFile: () => ({ saved: null, error: 'the browser shell downloads exports in the browser' }),
  } satisfies ShellHandlers;
}


class HttpError extends Error {
  constructor(public readonly status: number, message: string) {
    super(message);
  }
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new HttpError(413, `request body exceeds ${limit} bytes`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        if (size - c.length > limit) return;
        chunks.length = 0;
        reject(new HttpError(413, `request body exceeds ${limit} bytes`));
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function hostOf(value: string): string | undefined {
  try {
    return new URL(value).host;
  } catch {
    return undefined;
  }
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Bound to loopback, the API answers only requests addressed to a loopback name (defeats DNS rebinding). */
export function hostHeaderAllowed(hostHeader: string | undefined, boundHost: string): boolean {
  if (!LOOPBACK_NAMES.has(boundHost) && !boundHost.startsWith('127.')) return true;
  if (!hostHeader) return false;
  const name = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0]!;
  const lower = name.toLowerCase();
  return LOOPBACK_NAMES.has(lower) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(lower);
}

async function invoke(req: http.IncomingMessage, encodedMethod: string, handlers: ShellHandlers, boundHost: string): Promise<unknown> {
  if (!hostHeaderAllowed(req.headers.host, boundHost)) throw new HttpError(403, 'shell calls must be addressed to the loopback host');
  let method: string;
  try {
    method = decodeURIComponent(encodedMethod);
  } catch {
    throw new HttpError(400, 'malformed method name');
  }
  // Same-origin only: a cross-site page may not drive the shell (CSRF / DNS rebinding).
  const origin = req.headers.origin;
  if (origin !== undefined && (origin === 'null' || hostOf(origin) !== req.headers.host)) throw new HttpError(403, 'cross-origin shell calls are not allowed');
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'Content-Type must be application/json');
  const raw = await readBody(req, MAX_BODY_BYTES);
  let args: unknown;
  try {
    args = raw.length === 0 ? [] : JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
  if (!Array.isArray(args)) throw new HttpError(400, `arguments of ${method}: the body must be a JSON array of arguments`);
  try {
    return await dispatch(handlers, method, args);
  } catch (e) {
    if (e instanceof ContractError) throw new HttpError(400, e.message);
    throw e;
  }
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const dir = appDir();
  const root = path.resolve(opts.root ?? path.join(dir, 'dist', 'renderer'));
  const launch = LaunchOptions.parse(opts.launch ?? {});
  // connect-src follows the sources configuration file as it changes (see feedsFileSources)
  const fileSources = feedsFileSources(launch.feedsFile);
  const cspNow = () => buildCsp({ sources: [...launch.sources, ...fileSources()] });
  const handlers = createBrowserHandlers(launch, appVersion(dir));
  const files = rootedFs(root);
  const host = opts.host ?? DEFAULT_HOST;
  if (opts.token === undefined && !isLoopbackHost(host)) throw new Error(`listening on ${host} needs an access token (token: null to serve without one on purpose)`);
  const token = opts.token ?? null;
  if (token !== null) {
    const problem = tokenProblem(token);
    if (problem) throw new Error(problem);
  }

  const sendJson = (res: http.ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}) => {
    const body = Buffer.from(JSON.stringify(value));
    res.writeHead(status, { ...securityHeaders(cspNow()), 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': String(body.length), ...extra });
    res.end(body);
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const target = req.url ?? '';
      const method = (req.method ?? 'GET').toUpperCase();
      if (!target.startsWith('/')) {
        sendJson(res, 400, { error: 'bad request target' });
        return;
      }
      const access = checkAccess(token, { method, target, headers: req.headers });
      if (access.kind === 'redirect') {
        res.writeHead(303, { ...securityHeaders(cspNow()), Location: access.location, 'Set-Cookie': access.setCookie, 'Cache-Control': 'no-store', 'Content-Length': '0' });
        res.end();
        return;
      }
      const { pathname } = splitTarget(target);
      if (access.kind === 'deny') {
        const extra = { 'WWW-Authenticate': 'Bearer realm="cockpit"' };
        if (pathname.startsWith('/api/')) {
          sendJson(res, 401, { error: access.reason }, extra);
        } else {
          const body = Buffer.from(method === 'HEAD' ? '' : accessDeniedPage(access.reason));
          res.writeHead(401, { ...securityHeaders(cspNow()), ...extra, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': String(body.length) });
          res.end(body);
        }
        return;
      }
      if (pathname.startsWith('/api/')) {
        if (!pathname.startsWith(HTTP_INVOKE_PREFIX)) {
          sendJson(res, 404, { error: 'no such endpoint' });
          return;
        }
        if (method !== 'POST') {
          sendJson(res, 405, { error: 'use POST' }, { Allow: 'POST' });
          return;
        }
        const name = pathname.slice(HTTP_INVOKE_PREFIX.length);
        try {
          sendJson(res, 200, await invoke(req, name, handlers, host));
        } catch (e) {
          if (e instanceof HttpError) sendJson(res, e.status, { error: e.message }, e.status === 413 ? { Connection: 'close' } : {});
          else sendJson(res, 500, { error: (e as Error)?.message ?? 'internal error' });
        }
        return;
      }
      const out = await serveStatic({ method, pathname, ifNoneMatch: req.headers['if-none-match'] ?? null }, files, cspNow());
      // behind a token, nothing may sit in shared caches (proxies) between the server and the browser
      const headers = token !== null && out.headers['Cache-Control'] ? { ...out.headers, 'Cache-Control': out.headers['Cache-Control'].replace(/\bpublic\b/, 'private'), Vary: 'Cookie, Authorization' } : out.headers;
      res.writeHead(out.status, headers);
      if (out.body === null) res.end();
      else res.end(typeof out.body === 'string' ? out.body : Buffer.from(out.body.buffer, out.body.byteOffset, out.body.byteLength));
    })().catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: (e as Error)?.message ?? 'internal error' });
      else res.destroy();
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port ?? DEFAULT_PORT;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function main(argv: string[]): Promise<void> {
  const parsed = parseServerArgs(argv, (p) => path.resolve(process.cwd(), p), process.env);
  if (!parsed.ok) {
    console.error(`cockpit server: ${parsed.message}\n${SERVER_USAGE}`);
    process.exit(2);
  }
  const { port, host, root, launch, token } = parsed.args;
  let running: RunningServer;
  try {
    running = await startServer({ port, host, root, launch, token });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EADDRINUSE' ? `port ${port} is already in use (try --port 0 or another --port)` : err.code === 'EADDRNOTAVAIL' ? `address ${host} is not available on this machine (--host)` : err.message;
    console.error(`cockpit server: cannot listen on ${host}:${port}: ${why}`);
    process.exit(1);
  }
  console.log(`Cockpit serving at ${running.url}`);
  if (launch.kiosk) console.log(`Wall: open it with ${wallBrowserCommand(token !== null ? `${running.url}?token=<the token>` : running.url)} (V8 flags that keep the JS heap flat for weeks; README "Wall / kiosk").`);
  if (token !== null) {
    console.log(`Access token required. Open ${running.url}?token=<the token> once per browser (it is then kept in an HttpOnly cookie), or send "Authorization: Bearer <the token>".`);
    console.log(`The token travels in clear over plain HTTP: on an untrusted network put a TLS reverse proxy in front.`);
  } else if (!isLoopbackHost(host)) {
    console.warn(`WARNING: serving on ${host} without an access token (--no-token): anyone who can reach this port can view the cockpit. Use --token or ${TOKEN_ENV} to restrict it.`);
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    running.close().then(() => process.exit(0), () => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return pathToFileURL(realpathSync(entry)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isEntryPoint()) void main(process.argv.slice(2));

export { DEFAULT_PORT, DEFAULT_HOST };
