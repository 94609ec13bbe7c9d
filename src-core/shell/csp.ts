/**
 * The one Content-Security-Policy (and companion security headers) used by both shells:
 * Electron's app:// protocol handler and the browser server.
 */
import { parseUrl } from './url';

export interface CspOptions {
  /** remote data sources (full URLs); their http(s) origins are added to connect-src */
  sources?: readonly string[];
}

/** http(s) origins of the given URLs, de-duplicated, in order. Invalid or non-http(s) URLs are skipped. */
export function sourceOrigins(urls: readonly string[]): string[] {
  const out: string[] = [];
  for (const u of urls) {
    const parsed = parseUrl(u);
    if (!parsed) continue;
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') continue;
    // URL.origin is serialised by the URL parser: scheme://host[:port], no spaces, quotes or ';'
    if (!out.includes(parsed.origin)) out.push(parsed.origin);
  }
  return out;
}

export function buildCsp(opts: CspOptions = {}): string {
  const connect = ["'self'", ...sourceOrigins(opts.sources ?? [])];
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
    ['worker-src', ["'self'", 'blob:']],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', connect],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-ancestors', ["'self'"]], // the app frames itself (off-screen export render), nobody else may
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

export const PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), display-capture=()';

/** Headers set on every response of either shell (static files, errors and API answers alike). */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'SAMEORIGIN',
    'Permissions-Policy': PERMISSIONS_POLICY,
  };
}
