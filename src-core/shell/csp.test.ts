import { describe, expect, it } from 'vitest';
import { buildCsp, securityHeaders, sourceOrigins } from './csp';
import { mimeTypeFor } from './mime';

describe('buildCsp', () => {
  it('is the strict policy', () => {
    expect(buildCsp()).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "frame-ancestors 'self'; form-action 'none'",
    );
  });
  it('adds source origins (only http/https, de-duplicated, no paths) to connect-src', () => {
    const csp = buildCsp({ sources: ['https://data.linyi.gov.cn/api/v1/feed.json?x=1', 'https://data.linyi.gov.cn/other', 'http://10.0.0.5:8080/x', 'javascript:alert(1)', 'not a url', "https://a.example/'; script-src *"] });
    const connect = csp.split('; ').find((d) => d.startsWith('connect-src'));
    expect(connect).toBe("connect-src 'self' https://data.linyi.gov.cn http://10.0.0.5:8080 https://a.example");
    expect(csp).not.toContain('script-src *');
    expect(csp.match(/script-src/g)).toHaveLength(1);
  });
  it('sourceOrigins skips junk', () => {
    expect(sourceOrigins(['ftp://x', 'data:,x', 'https://x.cn:443/a'])).toEqual(['https://x.cn']);
  });
});

describe('securityHeaders', () => {
  it('has the full set', () => {
    const h = securityHeaders('CSP');
    expect(h).toMatchObject({
      'Content-Security-Policy': 'CSP',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'X-Frame-Options': 'SAMEORIGIN',
    });
    expect(h['Permissions-Policy']).toMatch(/camera=\(\)/);
    expect(h['Permissions-Policy']).toMatch(/microphone=\(\)/);
    expect(h['Permissions-Policy']).toMatch(/geolocation=\(\)/);
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/a.js', 'text/javascript; charset=utf-8'],
    ['assets/w.mjs', 'text/javascript; charset=utf-8'],
    ['assets/a.css', 'text/css; charset=utf-8'],
    ['assets/sql-wasm.wasm', 'application/wasm'],
    ['data/cockpit.sqlite', 'application/vnd.sqlite3'],
    ['assets/f.woff2', 'font/woff2'],
    ['pages.json', 'application/json; charset=utf-8'],
    ['a.PNG', 'image/png'],
    ['favicon.svg', 'image/svg+xml'],
    ['unknown.xyz', 'application/octet-stream'],
    ['noext', 'application/octet-stream'],
  ])('%s -> %s', (p, t) => expect(mimeTypeFor(p)).toBe(t));
});
