/**
 * Platform-free static file responder shared by both shells. The shell supplies a tiny file-system
 * adapter (rooted at dist/renderer, given only paths that passed resolveSafePath) and turns the
 * returned plan into an Electron `Response` or a Node `http` response.
 */
import { resolveSafePath, extensionOf } from './paths';
import { mimeTypeFor } from './mime';
import { securityHeaders } from './csp';

export interface StaticStat {
  size: number;
  mtimeMs: number;
}

export interface StaticFs {
  /** stat a regular file under the root; null when missing, not a regular file, or outside the root */
  stat(relPath: string): Promise<StaticStat | null>;
  read(relPath: string): Promise<Uint8Array>;
}

export interface StaticRequest {
  method: string;
  /** raw (still percent-encoded) pathname, without query */
  pathname: string;
  ifNoneMatch?: string | null;
}

export interface StaticResponse {
  status: number;
  headers: Record<string, string>;
  /** null for HEAD, 304, or when there is nothing to send */
  body: Uint8Array | string | null;
}

export const INDEX_FILE = 'index.html';
/** content-hashed build output: safe to cache for a year */
export const IMMUTABLE_PREFIX = 'assets/';
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_REVALIDATE = 'no-cache';

/** A path that names no file (no extension in its last segment) is an SPA route and gets index.html. */
export function isSpaRoute(relPath: string): boolean {
  if (relPath === '') return true;
  if (relPath === 'assets' || relPath === 'data' || relPath.startsWith(IMMUTABLE_PREFIX) || relPath.startsWith('data/')) return false;
  return extensionOf(relPath) === '';
}

/**
 * A worker's main script carries the worker's own CSP (its connect-src decides which data sources the
 * data worker may fetch), so it is revalidated like index.html: a policy changed by the sources
 * configuration file reaches the next worker instead of staying in the HTTP cache for a year.
 */
const WORKER_SCRIPT = /^assets\/worker-[^/]*\.js$/;

export function cacheControlFor(relPath: string): string {
  return relPath.startsWith(IMMUTABLE_PREFIX) && !WORKER_SCRIPT.test(relPath) ? CACHE_IMMUTABLE : CACHE_REVALIDATE;
}

/** FNV-1a, 32 bit: a short fingerprint of the CSP for ETags */
function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
}

/** Size and mtime, and (when given) the CSP: a changed policy is a changed response, so revalidation gets it in full. */
export function etagFor(st: StaticStat, csp?: string): string {
  return `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}${csp === undefined ? '' : `-${fnv(csp)}`}"`;
}

/** RFC 9110 If-None-Match, weak comparison. */
export function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  const want = strip(etag);
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || strip(t) === want);
}

function textResponse(status: number, message: string, base: Record<string, string>, head: boolean, extra: Record<string, string> = {}): StaticResponse {
  return {
    status,
    headers: { ...base, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra },
    body: head ? null : message,
  };
}

export async function serveStatic(req: StaticRequest, fs: StaticFs, csp: string): Promise<StaticResponse> {
  const base = securityHeaders(csp);
  const method = req.method.toUpperCase();
  const head = method === 'HEAD';
  if (method !== 'GET' && !head) {
    return textResponse(405, 'Method Not Allowed\n', base, false, { Allow: 'GET, HEAD' });
  }
  const safe = resolveSafePath(req.pathname);
  if (!safe.ok) return textResponse(404, 'Not Found\n', base, head);

  let rel = safe.path;
  if (rel === '' || safe.dir) rel = rel === '' ? INDEX_FILE : `${rel}/${INDEX_FILE}`;
  let st = await fs.stat(rel);
  if (!st && isSpaRoute(safe.path)) {
    rel = INDEX_FILE;
    st = await fs.stat(rel);
  }
  if (!st) return textResponse(404, 'Not Found\n', base, head);

  const etag = etagFor(st, csp);
  const headers: Record<string, string> = {
    ...base,
    'Content-Type': mimeTypeFor(rel),
    'Cache-Control': cacheControlFor(rel),
    ETag: etag,
  };
  if (etagMatches(req.ifNoneMatch, etag)) return { status: 304, headers, body: null };
  headers['Content-Length'] = String(st.size);
  if (head) return { status: 200, headers, body: null };
  const body = await fs.read(rel);
  headers['Content-Length'] = String(body.byteLength);
  return { status: 200, headers, body };
}
