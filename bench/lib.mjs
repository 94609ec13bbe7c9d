/** Shared helpers for bench suites: statistics, table printing, build inspection. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { SERVER_MODULE } from '../tests/e2e/harness.mjs';

/**
 * Chromium launch args for one of the cockpit's V8 compile modes (src-core/wall/jit.ts, read from the built
 * browser shell so the benches run exactly what the shells run). `from` names the setting for the error.
 */
export async function jitLaunch(mode, from) {
  const { isJitMode, JIT_MODES, jsFlagsFor } = await import(pathToFileURL(SERVER_MODULE).href);
  if (!isJitMode(mode)) throw new Error(`${from}: unknown V8 mode "${mode}" (use ${JIT_MODES.join(', ')})`);
  const jsFlags = jsFlagsFor(mode);
  return { jsFlags, args: jsFlags ? [`--js-flags=${jsFlags}`] : [] };
}

export function stats(samples) {
  const xs = samples.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!xs.length) return { n: 0, median: null, min: null, max: null, mean: null, samples: [] };
  const mid = xs.length >> 1;
  const median = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
  const round = (v) => Math.round(v * 10) / 10;
  return { n: xs.length, median: round(median), min: round(xs[0]), max: round(xs[xs.length - 1]), mean: round(xs.reduce((a, b) => a + b, 0) / xs.length), samples: samples.map((v) => (v == null ? null : round(v))) };
}

export const ms = (v) => (v == null ? '—' : `${Math.round(v)} ms`);

export function kb(bytes) {
  if (bytes == null) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

/** Print rows (arrays of cells) as an aligned table; numeric-looking cells are right-aligned. */
export function printTable(header, rows, { indent = '  ' } = {}) {
  const all = [header, ...rows].map((r) => r.map((c) => (c == null ? '' : String(c))));
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const isNum = (s) => /^[\d.,—-]+( ?(ms|B|KiB|MiB|%|×))?$/.test(s);
  const line = (r) => indent + r.map((c, i) => (i > 0 && isNum(c) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  console.log(line(all[0]));
  console.log(indent + widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of all.slice(1)) console.log(line(r));
}

export function sizeOf(file) {
  const buf = readFileSync(file);
  return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

function attr(tag, name) {
  const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/** Resolve a URL found in index.html or a chunk to a file inside the build root (undefined if external). */
function toFile(root, fromFile, ref) {
  if (/^[a-z]+:/i.test(ref) || ref.startsWith('//')) return undefined;
  const clean = ref.split(/[?#]/)[0];
  const abs = clean.startsWith('/') ? join(root, clean) : resolve(dirname(fromFile), clean);
  return existsSync(abs) ? abs : undefined;
}

/** Static (non-dynamic) imports/re-exports of an ES module chunk: import"x", import{a}from"x", export*from"x". */
export function staticImports(code) {
  const out = new Set();
  const re = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"'\n]+)["']/g;
  for (const m of code.matchAll(re)) if (/^\.{0,2}\//.test(m[1])) out.add(m[1]);
  return [...out];
}

/**
 * What index.html makes the browser load before any dynamic import: the module entry script(s),
 * modulepreload links, their static imports (transitively), and stylesheets.
 */
export function initialAssets(root) {
  const indexFile = join(root, 'index.html');
  const html = readFileSync(indexFile, 'utf8');
  const js = new Map(); // file -> how it is reached
  const css = new Set();
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = attr(tag, 'src');
    if (src && /type\s*=\s*["']?module/i.test(tag)) {
      const f = toFile(root, indexFile, src);
      if (f) js.set(f, 'entry');
    }
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase();
    const href = attr(tag, 'href');
    const f = href && toFile(root, indexFile, href);
    if (!f) continue;
    if (rel === 'modulepreload' && !js.has(f)) js.set(f, 'modulepreload');
    if (rel === 'stylesheet') css.add(f);
  }
  const queue = [...js.keys()];
  while (queue.length) {
    const f = queue.shift();
    for (const ref of staticImports(readFileSync(f, 'utf8'))) {
      const g = toFile(root, f, ref);
      if (g && !js.has(g)) {
        js.set(g, 'static import');
        queue.push(g);
      }
    }
  }
  const rel = (f) => relative(root, f).split('\\').join(posix.sep);
  return {
    js: [...js].map(([f, via]) => ({ file: rel(f), via, ...sizeOf(f) })),
    css: [...css].map((f) => ({ file: rel(f), via: 'stylesheet', ...sizeOf(f) })),
  };
}

export function walk(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

export function fileBytes(file) {
  return statSync(file).size;
}
