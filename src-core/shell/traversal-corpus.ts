/**
 * Generated corpus of hostile request paths (traversal, encodings, separators, absolute and device
 * paths) used by the resolver's unit tests and the servers' over-the-wire tests. Test-support only.
 */

const DOTS = ['..', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%2E.', '.%2E', '%252e%252e', '%c0%ae%c0%ae', '%e0%80%ae%e0%80%ae', '..%00', '..%20', '.. ', '...', '..%2f', '%2e%2e%5c', '%u002e%u002e', '..;'];
const SEPS = ['/', '%2f', '%2F', '%5c', '%5C', '\\', '%252f', '%c0%af', '%c1%9c', '%e2%88%95', '//'];
const TARGETS = ['etc/passwd', 'secret.txt', 'package.json', 'windows/win.ini'];
const PREFIXES = ['/', '/assets/', '/data/', '/x/'];

export function traversalCorpus(): string[] {
  const out = new Set<string>();
  for (const prefix of PREFIXES) {
    for (const dots of DOTS) {
      for (const sep of SEPS) {
        for (const depth of [1, 3]) {
          const climb = Array.from({ length: depth }, () => dots).join(sep);
          out.add(`${prefix}${climb}${sep}${TARGETS[(dots.length + sep.length + depth) % TARGETS.length]}`);
        }
      }
    }
  }
  const extra = [
    '//etc/passwd', '///etc/passwd', '/%2fetc/passwd', '/%2Fetc%2Fpasswd', '/C:/Windows/win.ini', '/c:%5cwindows%5cwin.ini',
    '/C%3a/Windows/win.ini', '/%5c%5cserver%5cshare', '/\\\\server\\share', '/index.html%00.png', '/index.html\u0000',
    '/index.html%00', '/assets/%00', '/.git/config', '/.env', '/assets/.hidden', '/%2e/index.html', '/./index.html',
    '/assets/./x.js', '/assets/../index.html', '/assets/%2e%2e/index.html', '/index.html::$DATA', '/index.html:stream',
    '/NUL', '/con.txt', '/assets/aux.js', '/COM1', '/lpt9.log', '/index.html.', '/index.html ', '/assets/x.js%20',
    '/%', '/%zz', '/%c0', '/%ff%fe', '/assets/%e0%80', '/a/../../secret.txt', '/a/b/../../../secret.txt',
    'etc/passwd', '', 'index.html', '../secret.txt', '/..', '/../', '/...', '/%2e%2e', '/%2e%2e/', '/%252e%252e/secret.txt',
    '/%25%32%65%25%32%65/secret.txt', '/a%2f..%2f..%2fsecret.txt', '/assets%5c..%5c..%5csecret.txt', '/\u2025/secret.txt',
    '/index.html\r\nSet-Cookie: x=1', '/index.html%0d%0aX: y', '/%09../secret.txt', '/assets/x.js\t',
    `/${'a/'.repeat(1100)}x`, `/${'x'.repeat(300)}`,
  ];
  for (const e of extra) out.add(e);
  return [...out];
}

/** Ordinary paths the renderer build really uses (and a few harmless variations). */
export const NORMAL_PATHS = [
  '/', '/index.html', '/favicon.svg', '/assets/index-CLlisE57.js', '/assets/index-BBC6UMDk.css', '/assets/worker-abc123.js',
  '/assets/sql-wasm-browser-DeAdBeEf.wasm', '/data/cockpit.sqlite', '/assets/noto-sans-sc-100-400-normal-CX-7pUk_.woff2',
  '/assets/maplibre-gl-worker-x1y2.mjs', '/pages/overview', '/linyi/overview/', '/assets/a%20b.js', '/%E5%9F%8E%E5%B8%82.json',
  '/assets/file.name.with.dots.js', '/a/b/c/d.png', '/logo.svg', '/manifest.json',
];
