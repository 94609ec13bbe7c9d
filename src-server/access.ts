/**
 * Optional shared access token for the browser shell on a LAN (`--token` / COCKPIT_TOKEN).
 *
 * When a token is set, every request (pages, assets, data, API) must prove it, in one of three ways:
 *  - `?token=TOKEN` in a GET/HEAD URL, once: answered with a redirect to the same URL without the token
 *    and an HttpOnly, SameSite=Strict cookie, so the token leaves the address bar and history;
 *  - that cookie (it holds an HMAC derived from the token, not the token itself);
 *  - `Authorization: Bearer TOKEN` (scripts, monitoring).
 * Anything else gets 401. Comparisons are constant-time (both sides hashed to equal length first).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const TOKEN_ENV = 'COCKPIT_TOKEN';
export const TOKEN_PARAM = 'token';
export const TOKEN_COOKIE = 'cockpit_access';
export const MIN_TOKEN_LENGTH = 16;
/** One year: a wall display keeps its access across restarts (browsers cap cookie lifetime anyway). */
export const COOKIE_MAX_AGE_S = 365 * 24 * 3600;

/** Why `token` cannot be used, or null when it is fine. URL-safe characters only, so it survives `?token=`. */
export function tokenProblem(token: string): string | null {
  if (token.length < MIN_TOKEN_LENGTH) return `the access token must be at least ${MIN_TOKEN_LENGTH} characters (e.g. \`openssl rand -hex 16\`)`;
  if (token.length > 256) return 'the access token must be at most 256 characters';
  if (!/^[A-Za-z0-9._~-]+$/.test(token)) return 'the access token may contain only letters, digits and . _ ~ -';
  return null;
}

/** Constant-time string comparison (hashing first makes the lengths equal and hides them). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}

/** The cookie value proving the token: an HMAC keyed by it, so the cookie store never holds the token. */
export function cookieValueFor(token: string): string {
  return createHmac('sha256', token).update('cockpit access cookie v1').digest('base64url');
}

/** All values of cookie `name` in a Cookie header (a browser may send duplicates from other paths). */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const out: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) out.push(part.slice(eq + 1).trim());
  }
  return out;
}

export function accessCookie(token: string): string {
  return `${TOKEN_COOKIE}=${cookieValueFor(token)}; Path=/; Max-Age=${COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Strict`;
}

export interface AccessRequest {
  method: string;
  /** raw request target: /path?query */
  target: string;
  headers: { authorization?: string | undefined; cookie?: string | undefined };
}

export type AccessDecision =
  | { kind: 'allow' }
  | { kind: 'redirect'; location: string; setCookie: string }
  | { kind: 'deny'; reason: string };

/** The target without any `token` query parameter; never a protocol-relative URL (no open redirect). */
export function stripTokenParam(target: string): string {
  const q = target.indexOf('?');
  const rawPath = q >= 0 ? target.slice(0, q) : target;
  const path = `/${rawPath.replace(/^[/\\]+/, '')}`;
  if (q < 0) return path;
  const kept = target
    .slice(q + 1)
    .split('&')
    .filter((kv) => kv !== '' && decodeName(kv.split('=')[0]!) !== TOKEN_PARAM);
  return kept.length > 0 ? `${path}?${kept.join('&')}` : path;
}

function decodeName(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Values of `token` in the query string (raw target). */
function queryTokens(target: string): string[] {
  const q = target.indexOf('?');
  if (q < 0) return [];
  const out: string[] = [];
  for (const kv of target.slice(q + 1).split('&')) {
    const eq = kv.indexOf('=');
    const name = decodeName(eq >= 0 ? kv.slice(0, eq) : kv);
    if (name === TOKEN_PARAM) out.push(decodeName(eq >= 0 ? kv.slice(eq + 1) : ''));
  }
  return out;
}

/** Decides one request. `token` null means no token is required. */
export function checkAccess(token: string | null, req: AccessRequest): AccessDecision {
  if (token === null) return { kind: 'allow' };
  const fromQuery = queryTokens(req.target);
  if (fromQuery.length > 0) {
    if (fromQuery.length > 1 || !safeEqual(fromQuery[0]!, token)) return { kind: 'deny', reason: 'the access token in the link is wrong' };
    const method = req.method.toUpperCase();
    if (method === 'GET' || method === 'HEAD') return { kind: 'redirect', location: stripTokenParam(req.target), setCookie: accessCookie(token) };
    return { kind: 'allow' };
  }
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return m && safeEqual(m[1]!, token) ? { kind: 'allow' } : { kind: 'deny', reason: 'the Authorization header does not carry the access token' };
  }
  const expected = cookieValueFor(token);
  const cookies = cookieValues(req.headers.cookie, TOKEN_COOKIE);
  if (cookies.some((c) => safeEqual(c, expected))) return { kind: 'allow' };
  return { kind: 'deny', reason: cookies.length > 0 ? 'the access cookie is no longer valid (the token was changed)' : 'an access token is required' };
}

/** The page a browser shows without access (no script; the server's CSP applies). */
export function accessDeniedPage(reason: string): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>需要访问令牌 · Access token required</title>
<style>body{font-family:system-ui,"Noto Sans SC",sans-serif;background:#050d1a;color:#dce8ff;display:grid;place-items:center;min-height:100vh;margin:0}main{max-width:40em;padding:2em}h1{font-size:1.4em}code{background:#12243f;padding:.1em .3em}</style>
</head><body><main>
<h1>需要访问令牌 · Access token required</h1>
<p>此驾驶舱仅限授权访问。请使用管理员提供的带令牌链接打开（形如 <code>http://…/?token=…</code>），浏览器会记住授权。</p>
<p lang="en">This cockpit requires an access token. Open the link with the token that the operator gave you (<code>http://…/?token=…</code>); the browser then remembers it.</p>
<p lang="en"><small>${esc(reason)}</small></p>
</main></body></html>
`;
}
