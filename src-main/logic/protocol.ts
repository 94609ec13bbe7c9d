/**
 * The app:// protocol handler body: maps app://cockpit/<path> onto the renderer build with the
 * shared safe path resolver, MIME table, cache headers and CSP. Plain Node + fetch types, so it is
 * unit-tested without Electron.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { serveStatic, type StaticFs } from '../../src-core/shell/static';
import { securityHeaders } from '../../src-core/shell/csp';
import { APP_HOST, APP_SCHEME } from './policy';

/**
 * File access confined to `root` (paths come from resolveSafePath; containment is re-checked, and
 * outside an asar archive symlinks must resolve inside the root too; an app.asar is read-only, built
 * by us, and Electron's asar layer has no real paths to compare).
 */
export function rootedFs(root: string): StaticFs {
  const absRoot = path.resolve(root);
  const checkRealPath = !/\.asar([\\/]|$)/i.test(absRoot);
  let realRoot: string | undefined;
  const inside = (base: string, p: string) => {
    const back = path.relative(base, p);
    return back !== '' && !back.startsWith('..') && !path.isAbsolute(back);
  };
  const locate = async (rel: string): Promise<string | null> => {
    const abs = path.resolve(absRoot, ...rel.split('/'));
    if (!inside(absRoot, abs)) return null;
    if (!checkRealPath) return abs;
    try {
      realRoot ??= await fsp.realpath(absRoot);
      return inside(realRoot, await fsp.realpath(abs)) ? abs : null;
    } catch {
      return null;
    }
  };
  return {
    async stat(rel) {
      const abs = await locate(rel);
      if (!abs) return null;
      try {
        const st = await fsp.stat(abs);
        return st.isFile() ? { size: st.size, mtimeMs: st.mtimeMs } : null;
      } catch {
        return null;
      }
    },
    async read(rel) {
      const abs = await locate(rel);
      if (!abs) throw new Error('outside root');
      return fsp.readFile(abs);
    },
  };
}

export function createAppProtocolHandler(root: string, csp: string): (request: Request) => Promise<Response> {
  const files = rootedFs(root);
  return async (request) => {
    const raw = request.url;
    // app://cockpit/<path>?query — take the path verbatim (still encoded) for the resolver
    const prefix = `${APP_SCHEME}://${APP_HOST}`;
    const lower = raw.slice(0, prefix.length).toLowerCase();
    const rest = raw.slice(prefix.length);
    if (lower !== prefix || !(rest === '' || rest.startsWith('/') || rest.startsWith('?') || rest.startsWith('#'))) {
      return new Response('Not Found\n', { status: 404, headers: { ...securityHeaders(csp), 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    const cut = rest.search(/[?#]/);
    const pathname = (cut >= 0 ? rest.slice(0, cut) : rest) || '/';
    const res = await serveStatic({ method: request.method, pathname, ifNoneMatch: request.headers.get('if-none-match') }, files, csp);
    const body = res.body === null || res.status === 304 ? null : typeof res.body === 'string' ? res.body : Buffer.from(res.body.buffer, res.body.byteOffset, res.body.byteLength);
    return new Response(body, { status: res.status, headers: res.headers });
  };
}
