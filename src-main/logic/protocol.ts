/**
 * The app:// protocol handler body: maps app://cockpit/<path> onto the renderer build with the
 * shared safe path resolver, MIME table, cache headers and CSP. Plain Node + fetch types, so it is
 * unit-tested without Electron.
 */
import { serveStatic } from '../../src-core/shell/static';
import { rootedFs } from '../../src-node/files';
export { rootedFs };
import { securityHeaders } from '../../src-core/shell/csp';
import { APP_HOST, APP_SCHEME } from './policy';

/** `csp`: the policy, or a function giving the current one (it follows the sources configuration file). */
export function createAppProtocolHandler(root: string, csp: string | (() => string)): (request: Request) => Promise<Response> {
  const files = rootedFs(root);
  const cspNow = typeof csp === 'string' ? () => csp : csp;
  return async (request) => {
    const raw = request.url;
    // app://cockpit/<path>?query — take the path verbatim (still encoded) for the resolver
    const prefix = `${APP_SCHEME}://${APP_HOST}`;
    const lower = raw.slice(0, prefix.length).toLowerCase();
    const rest = raw.slice(prefix.length);
    if (lower !== prefix || !(rest === '' || rest.startsWith('/') || rest.startsWith('?') || rest.startsWith('#'))) {
      return new Response('Not Found\n', { status: 404, headers: { ...securityHeaders(cspNow()), 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    const cut = rest.search(/[?#]/);
    const pathname = (cut >= 0 ? rest.slice(0, cut) : rest) || '/';
    const res = await serveStatic({ method: request.method, pathname, ifNoneMatch: request.headers.get('if-none-match') }, files, cspNow());
    const body = res.body === null || res.status === 304 ? null : typeof res.body === 'string' ? res.body : Buffer.from(res.body.buffer, res.body.byteOffset, res.body.byteLength);
    return new Response(body, { status: res.status, headers: res.headers });
  };
}
