/**
 * Safe mapping of a request path (the raw, still percent-encoded pathname of an `app://cockpit/...`
 * or `http://host/...` request) to a relative file path inside the renderer root.
 *
 * Platform-free: returns a relative POSIX path (segments joined with '/'), never touches a file
 * system. Callers join it onto their root and may re-check containment (defence in depth).
 *
 * Refused: anything not starting with '/', backslashes, NUL and other control characters, bad or
 * double percent-encoding, '.'/'..' (and any dot-leading, i.e. hidden) segments, empty segments
 * ('//', which also rules out UNC-style and protocol-relative paths), drive letters / NTFS streams
 * (':'), trailing dots or spaces (Windows silently strips them), Windows device names (CON, NUL, ...).
 */

export type SafePath =
  | { ok: true; /** relative POSIX path; '' means the root itself (serve index.html) */ path: string; /** the request ended with '/' */ dir: boolean }
  | { ok: false; reason: string };

export const MAX_PATH_LENGTH = 2048;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;
/** characters a segment may contain after decoding: letters/digits of any script, and a few safe marks */
const UNSAFE_IN_SEGMENT = /[\\:*?"<>|%\u2215\u2044\u29f8\uff0f\uff3c\ufe68]/u;

const fail = (reason: string): SafePath => ({ ok: false, reason });

export function resolveSafePath(rawPathname: string): SafePath {
  if (typeof rawPathname !== 'string') return fail('path is not a string');
  if (rawPathname.length === 0 || rawPathname[0] !== '/') return fail('path must start with "/"');
  if (rawPathname.length > MAX_PATH_LENGTH) return fail('path too long');
  if (rawPathname.includes('?') || rawPathname.includes('#')) return fail('query or fragment in path');
  if (rawPathname.includes('\\')) return fail('backslash in path');
  if (CONTROL.test(rawPathname)) return fail('control character in path');

  const rawSegments = rawPathname.slice(1).split('/');
  const dir = rawSegments.length > 0 && rawSegments[rawSegments.length - 1] === '';
  if (dir) rawSegments.pop();

  const segments: string[] = [];
  for (const raw of rawSegments) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return fail('malformed percent-encoding');
    }
    if (seg.length === 0) return fail('empty path segment');
    if (seg.includes('/')) return fail('encoded slash in path');
    if (CONTROL.test(seg)) return fail('control character in path');
    if (UNSAFE_IN_SEGMENT.test(seg)) return fail('forbidden character in path');
    if (seg[0] === '.') return fail('dot segment or hidden file in path');
    // look-alikes that compatibility-normalise to dots or separators (e.g. '‥', '．', '∕', '＼')
    const nf = seg.normalize('NFKC');
    if (nf !== seg && (nf[0] === '.' || /[\\/:%]/.test(nf) || nf.includes('..'))) return fail('look-alike of a dot or separator in path');
    if (/[. ]$/.test(seg) || /^\s/u.test(seg)) return fail('segment ends with a dot or space');
    if (WINDOWS_DEVICE.test(seg)) return fail('reserved device name');
    if (seg.length > 255) return fail('path segment too long');
    segments.push(seg);
  }
  return { ok: true, path: segments.join('/'), dir };
}

/** Split a raw HTTP request-target / URL path+query into pathname and query (no decoding). */
export function splitTarget(target: string): { pathname: string; search: string } {
  const hash = target.indexOf('#');
  const t = hash >= 0 ? target.slice(0, hash) : target;
  const q = t.indexOf('?');
  return q >= 0 ? { pathname: t.slice(0, q), search: t.slice(q) } : { pathname: t, search: '' };
}

/** The file extension (lower case, without dot) of the last segment of a relative path, or ''. */
export function extensionOf(relPath: string): string {
  const last = relPath.slice(relPath.lastIndexOf('/') + 1);
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(dot + 1).toLowerCase() : '';
}
