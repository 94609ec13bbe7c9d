/**
 * Browser-test harness for the cockpit renderer (shared by tests/e2e/*.test.mjs and bench/).
 *
 * - startCockpit(): serves a renderer build (default dist/renderer) through the real browser shell
 *   (out/server/server.mjs, `startServer`) on a free port.
 * - launchBrowser(): Debian Chromium through playwright-core with the flags that give working WebGL
 *   (SwiftShader) headless and headed; see /work/shared/notes/toolchain.md.
 * - openPage(): a fresh browser context + page that records console errors, page errors, every
 *   request URL, failed requests and HTTP error responses.
 * - waitReady(): waits for <html data-ready="true">; a timeout reports console errors, the fatal-error
 *   text if any and what the page shows.
 * - screenshot() / decodePng() / imageStats() / isBlank(): pixel checks without extra dependencies.
 *
 * Overrides (for running against another build): COCKPIT_ROOT (renderer build dir),
 * COCKPIT_SERVER_MODULE (module exporting startServer), CHROMIUM_PATH, HEADED=1.
 */
import { existsSync, mkdirSync, writeFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';

export const REPO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST_DIR = resolve(process.env.COCKPIT_ROOT ?? join(REPO_DIR, 'dist/renderer'));
export const SERVER_MODULE = resolve(process.env.COCKPIT_SERVER_MODULE ?? join(REPO_DIR, 'out/server/server.mjs'));
export const RESULTS_DIR = join(REPO_DIR, 'test-results');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags verified to give WebGL through SwiftShader at near-GPU-compositing speed (toolchain.md). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-gpu-compositing',
];

export const DEFAULT_VIEWPORT = { width: 1920, height: 1080 };

/** Throws a readable error when the build the tests need is not there. */
export function assertBuilt({ root = DIST_DIR, server = true } = {}) {
  const missing = [];
  if (!existsSync(join(root, 'index.html'))) missing.push(`${root}/index.html (renderer build: npx vite build)`);
  if (server && !existsSync(SERVER_MODULE)) missing.push(`${SERVER_MODULE} (browser shell: npx vite build -c vite.electron.config.ts)`);
  if (missing.length) throw new Error(`cockpit build missing — run \`npm run build\` first:\n  ${missing.join('\n  ')}`);
}

let serverModule;
async function loadServerModule() {
  serverModule ??= await import(pathToFileURL(SERVER_MODULE).href);
  if (typeof serverModule.startServer !== 'function') throw new Error(`${SERVER_MODULE} does not export startServer()`);
  return serverModule;
}

/**
 * Start the browser shell serving `root` (default dist/renderer) on a free local port.
 * Returns { url, origin, root, close() }; url ends with '/'.
 */
export async function startCockpit({ root = DIST_DIR, port = 0, host = '127.0.0.1' } = {}) {
  assertBuilt({ root });
  const { startServer } = await loadServerModule();
  const srv = await startServer({ port, host, root });
  if (!srv || typeof srv.url !== 'string') throw new Error('startServer() did not resolve to { url, close }');
  const url = srv.url.endsWith('/') ? srv.url : `${srv.url}/`;
  return { url, origin: new URL(url).origin, root, close: () => srv.close() };
}

/** Copy a renderer build into a temp dir (to break or extend it without touching dist/). */
export function copyRoot(src = DIST_DIR, prefix = 'cockpit-root-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(src, dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Browser features every launch turns off (tests and benchmarks): Chromium 156 builds a WebUI omnibox popup (a renderer process
 * of its own, ~0.5 s of CPU) for every new window, i.e. for every fresh browser context; on a 2-core machine
 * it takes a core from the page being measured or tested. An Electron window has no omnibox, and a person's browser
 * built its popup long before the cockpit is opened. In Chromium 156.0.8078.114, FullWebUIOmniboxFrame alone
 * still left two popup pages (WebUIOmniboxPopup, WebUIOmniboxAimPopup); the names change between builds, so all
 * known ones are listed and browserUiTargets() tells the startup benchmark when a build runs such pages again.
 */
export const BROWSER_UI_FEATURES = ['FullWebUIOmniboxFrame', 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'];

/** URLs of the browser's own WebUI pages (type browser_ui: omnibox popup…) running beside the measured pages. */
export async function browserUiTargets(browser) {
  const s = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await s.send('Target.getTargets');
    return targetInfos.filter((t) => t.type === 'browser_ui').map((t) => t.url);
  } finally {
    await s.detach();
  }
}

let defaultDisabled = null;
/**
 * Chromium honours only the last --disable-features switch, and playwright-core passes its own list: the
 * features to turn off are added to that list (read once from chrome://version) instead of replacing it.
 */
async function disabledFeaturesWith(extra) {
  if (!defaultDisabled) {
    const { chromium } = await import('playwright-core');
    const b = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
    try {
      const page = await b.newPage();
      await page.goto('chrome://version');
      const line = await page.locator('#command_line').innerText();
      defaultDisabled = (line.match(/--disable-features=(\S+)/)?.[1] ?? '').split(',').filter(Boolean);
    } finally {
      await b.close();
    }
  }
  return `--disable-features=${[...new Set([...defaultDisabled, ...extra])].join(',')}`;
}

/**
 * Launch Debian Chromium via playwright-core (never the `playwright` package: its download fails here).
 * The browser's own UI pages are turned off (BROWSER_UI_FEATURES).
 */
export async function launchBrowser(opts = {}) {
  const { chromium } = await import('playwright-core');
  return chromium.launch(await launchOptions(opts));
}

/** playwright-core launch options shared by launchBrowser() and launchPersistent(). */
async function launchOptions({ headless = process.env.HEADED !== '1', args = [], ...rest }) {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return { executablePath: CHROMIUM_PATH, headless, args: [...CHROMIUM_FLAGS, ...args, await disabledFeaturesWith(BROWSER_UI_FEATURES)], ...rest };
}

/**
 * Chromium with a user-data directory that outlives the browser (HTTP cache, V8 code cache, storage), as an
 * installed app has: for measuring a relaunch. Returns playwright's persistent BrowserContext.
 */
export async function launchPersistent(userDataDir, opts = {}) {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(userDataDir, await launchOptions(opts));
}

/** The time zone of the pages openPage() opens (a bureau in China): dates the app shows are in it, not the machine's. */
export const PAGE_TIME_ZONE = 'Asia/Shanghai';

const logs = new WeakMap();

/** The records openPage() keeps for a page. */
export function pageLog(page) {
  const log = logs.get(page);
  if (!log) throw new Error('page was not opened with openPage()');
  return log;
}

/**
 * Open `url` in a fresh context (own cache and storage) at the given viewport.
 * Returns { page, context, log, close() }. log = { consoleErrors, pageErrors, requests, failedRequests,
 * badResponses, console } (arrays of strings; `console` holds every console message as "type: text").
 * Pass goto:false to get the page before navigating (e.g. to add init scripts first).
 */
export async function openPage(browser, url, { width = DEFAULT_VIEWPORT.width, height = DEFAULT_VIEWPORT.height, goto = true, contextOptions = {} } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: PAGE_TIME_ZONE, ...contextOptions });
  const page = await context.newPage();
  const log = { consoleErrors: [], pageErrors: [], requests: [], failedRequests: [], badResponses: [], console: [] };
  logs.set(page, log);
  page.on('console', (m) => {
    const loc = m.location();
    const where = loc?.url ? ` (${loc.url}:${loc.lineNumber ?? 0})` : '';
    log.console.push(`${m.type()}: ${m.text()}`);
    if (m.type() === 'error') log.consoleErrors.push(`${m.text()}${where}`);
  });
  page.on('pageerror', (e) => log.pageErrors.push(e.stack || String(e)));
  // context-level events also see requests made by dedicated workers (the data worker fetches the DB)
  context.on('request', (r) => log.requests.push(r.url()));
  // ERR_ABORTED: the page itself cancelled the request (it navigated away meanwhile, e.g. while the map engine the
  // previous page loads after its first render was still arriving): not a failure of the server or the app
  context.on('requestfailed', (r) => r.failure()?.errorText !== 'net::ERR_ABORTED' && log.failedRequests.push(`${r.url()}: ${r.failure()?.errorText ?? 'failed'}`));
  context.on('response', (r) => {
    if (r.status() >= 400) log.badResponses.push(`${r.status()} ${r.url()}`);
  });
  if (goto) await page.goto(url, { waitUntil: 'domcontentloaded' });
  return { page, context, log, close: () => context.close() };
}

/** Console errors + uncaught page errors, one string per problem. */
export function pageProblems(page) {
  const log = pageLog(page);
  return [...log.pageErrors.map((e) => `pageerror: ${e}`), ...log.consoleErrors.map((e) => `console.error: ${e}`)];
}

/** What the page currently shows, for failure messages. */
export async function describePage(page) {
  try {
    return await page.evaluate(() => {
      const html = document.documentElement;
      const fatal = document.querySelector('[data-testid="fatal-error"]');
      const text = (document.body?.innerText ?? '').replace(/\s+/g, ' ').trim();
      return [
        `url=${location.href}`,
        `data-ready=${html.getAttribute('data-ready')} lang=${html.getAttribute('lang')}`,
        `panels=${[...document.querySelectorAll('[data-panel]')].map((p) => `${p.getAttribute('data-panel')}:${p.getAttribute('data-panel-kind')}`).join(',') || '(none)'}`,
        fatal ? `FATAL ERROR SHOWN: ${fatal.textContent.replace(/\s+/g, ' ').trim()}` : '',
        `text: ${text.slice(0, 600)}${text.length > 600 ? '…' : ''}`,
      ].filter(Boolean).join('\n  ');
    });
  } catch (e) {
    return `(page could not be inspected: ${e.message})`;
  }
}

/** Wait for <html data-ready="true">. On timeout the error includes console errors and what the page shows. */
export async function waitReady(page, { timeout = 20000 } = {}) {
  try {
    await page.waitForFunction(() => document.documentElement.getAttribute('data-ready') === 'true', null, { timeout, polling: 50 });
  } catch (e) {
    const log = logs.get(page);
    const problems = log ? pageProblems(page) : [];
    const failed = log ? [...log.failedRequests, ...log.badResponses] : [];
    throw new Error(
      `page not ready (html[data-ready="true"]) within ${timeout} ms: ${e.message.split('\n')[0]}\n  ${await describePage(page)}` +
        `\n  console/page errors (${problems.length}):${problems.map((p) => `\n    ${p}`).join('') || ' none'}` +
        (failed.length ? `\n  failed requests:${failed.map((f) => `\n    ${f}`).join('')}` : ''),
    );
  }
}

/** Screenshot (viewport by default) saved as test-results/<name>.png; returns the PNG buffer. */
export async function screenshot(pageOrLocator, name, opts = {}) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const safe = name.replace(/[^\w.-]+/g, '_');
  const buf = await pageOrLocator.screenshot({ animations: 'disabled', ...opts });
  const path = join(RESULTS_DIR, safe.endsWith('.png') ? safe : `${safe}.png`);
  writeFileSync(path, buf);
  return { buf, path };
}

// ---------------------------------------------------------------- PNG decoding and pixel statistics

const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Minimal PNG decoder: 8-bit, non-interlaced, colour types 0 (grey), 2 (RGB), 3 (palette), 4 (grey+alpha),
 * 6 (RGBA) — what Chromium screenshots use. Returns { width, height, data } with RGBA bytes.
 */
export function decodePng(buf) {
  if (!Buffer.isBuffer(buf)) buf = Buffer.from(buf);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(PNG_SIG)) throw new Error('not a PNG');
  let pos = 8;
  let width = 0, height = 0, depth = 0, ctype = 0, interlace = 0;
  let palette = null, trns = null;
  const idat = [];
  while (pos + 8 <= buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    pos += 12 + len;
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8];
      ctype = body[9];
      interlace = body[12];
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') trns = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
  }
  if (depth !== 8) throw new Error(`PNG bit depth ${depth} not supported`);
  if (interlace) throw new Error('interlaced PNG not supported');
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[ctype];
  if (!channels) throw new Error(`PNG colour type ${ctype} not supported`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error('PNG data truncated');
  const px = Buffer.alloc(height * stride);
  const bpp = channels;
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    const prev = y > 0 ? dst - stride : -1;
    for (let x = 0; x < stride; x++) {
      const r = raw[src + x];
      const a = x >= bpp ? px[dst + x - bpp] : 0;
      const b = prev >= 0 ? px[prev + x] : 0;
      const c = prev >= 0 && x >= bpp ? px[prev + x - bpp] : 0;
      let v;
      switch (filter) {
        case 0: v = r; break;
        case 1: v = r + a; break;
        case 2: v = r + b; break;
        case 3: v = r + ((a + b) >> 1); break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          v = r + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default: throw new Error(`bad PNG filter ${filter} on row ${y}`);
      }
      px[dst + x] = v & 0xff;
    }
  }
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0, n = width * height; i < n; i++) {
    const s = i * channels, d = i * 4;
    if (ctype === 6) px.copy(data, d, s, s + 4);
    else if (ctype === 2) { data[d] = px[s]; data[d + 1] = px[s + 1]; data[d + 2] = px[s + 2]; data[d + 3] = 255; }
    else if (ctype === 0) { data[d] = data[d + 1] = data[d + 2] = px[s]; data[d + 3] = 255; }
    else if (ctype === 4) { data[d] = data[d + 1] = data[d + 2] = px[s]; data[d + 3] = px[s + 1]; }
    else {
      const k = px[s];
      data[d] = palette?.[k * 3] ?? 0; data[d + 1] = palette?.[k * 3 + 1] ?? 0; data[d + 2] = palette?.[k * 3 + 2] ?? 0;
      data[d + 3] = trns && k < trns.length ? trns[k] : 255;
    }
  }
  return { width, height, data };
}

/**
 * Pixel statistics of a PNG (alpha composited over black): distinct colours (quantised to 4 bits per
 * channel, counting only colours covering ≥ 0.01 % of pixels), share of the most common colour, luma
 * standard deviation and share of pixels that differ clearly (> 24 luma) from the dominant colour.
 */
export function imageStats(png) {
  const { width, height, data } = decodePng(png);
  const n = width * height;
  if (!n) return { width, height, distinctColors: 0, dominantShare: 1, lumaStd: 0, contentShare: 0 };
  const step = Math.max(1, Math.floor(n / 400000)); // sample at most ~400k pixels
  const counts = new Map();
  let samples = 0, sum = 0, sumSq = 0;
  const lumas = new Float32Array(Math.ceil(n / step));
  for (let i = 0; i < n; i += step) {
    const d = i * 4, al = data[d + 3] / 255;
    const r = data[d] * al, g = data[d + 1] * al, b = data[d + 2] * al;
    const key = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    lumas[samples++] = l;
    sum += l;
    sumSq += l * l;
  }
  let dominantKey = 0, dominantCount = 0, distinctColors = 0;
  const minCount = Math.max(1, samples * 0.0001);
  for (const [k, c] of counts) {
    if (c > dominantCount) { dominantCount = c; dominantKey = k; }
    if (c >= minCount) distinctColors++;
  }
  const dl = 0.2126 * (((dominantKey >> 8) & 15) * 16 + 8) + 0.7152 * (((dominantKey >> 4) & 15) * 16 + 8) + 0.0722 * ((dominantKey & 15) * 16 + 8);
  let differing = 0;
  for (let i = 0; i < samples; i++) if (Math.abs(lumas[i] - dl) > 24) differing++;
  const mean = sum / samples;
  return {
    width,
    height,
    distinctColors,
    dominantShare: dominantCount / samples,
    lumaStd: Math.sqrt(Math.max(0, sumSq / samples - mean * mean)),
    contentShare: differing / samples,
  };
}

/**
 * True when an image is effectively empty: (almost) one colour, a plain gradient-free background,
 * or too little that differs from the background. Thresholds can be tightened per call.
 */
export function isBlank(png, { minDistinctColors = 8, maxDominantShare = 0.995, minLumaStd = 2, minContentShare = 0.002 } = {}) {
  const s = imageStats(png);
  return s.distinctColors < minDistinctColors || s.dominantShare > maxDominantShare || s.lumaStd < minLumaStd || s.contentShare < minContentShare;
}

// ---------------------------------------------------------------- page inspection helpers

/** Collapse whitespace (incl. NBSP / narrow NBSP that Intl emits) to single spaces. */
export function normText(s) {
  return String(s).replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/**
 * Find `text` among visible elements: innermost elements whose innerText contains it, that render
 * (checkVisibility), have a non-empty box and lie at least partly inside the viewport.
 * Returns [{ tag, cls, obs, inViewport, rect }] for the visible matches (empty when none).
 */
export async function findVisibleText(page, text) {
  return page.evaluate((needle) => {
    const norm = (s) => String(s).replace(/[\s\u00a0\u202f]+/g, ' ').trim();
    const want = norm(needle);
    const out = [];
    const all = document.body ? document.body.querySelectorAll('*') : [];
    for (const el of all) {
      if (el.closest('[data-testid="provenance"],[data-testid="provenance-hover"],[role="tooltip"]')) continue;
      const t = norm(el.innerText ?? '');
      if (!t.includes(want)) continue;
      if ([...el.children].some((ch) => norm(ch.innerText ?? '').includes(want))) continue;
      const r = el.getBoundingClientRect();
      const visible = el.checkVisibility ? el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) : true;
      const inViewport = r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
      if (visible && r.width > 0 && r.height > 0)
        out.push({ tag: el.tagName.toLowerCase(), cls: el.className?.toString?.() ?? '', obs: el.closest('[data-obs]')?.getAttribute('data-obs') ?? null, inViewport, rect: { x: r.x, y: r.y, w: r.width, h: r.height } });
    }
    return out;
  }, text);
}

/** Scroll geometry of the document (for "no scrollbars" checks). */
export async function scrollGeometry(page) {
  return page.evaluate(() => {
    const d = document.documentElement, b = document.body;
    return {
      innerWidth, innerHeight,
      docScrollWidth: d.scrollWidth, docClientWidth: d.clientWidth, docScrollHeight: d.scrollHeight, docClientHeight: d.clientHeight,
      bodyScrollWidth: b.scrollWidth, bodyClientWidth: b.clientWidth, bodyScrollHeight: b.scrollHeight, bodyClientHeight: b.clientHeight,
    };
  });
}

/** Every recorded request URL that is not on `origin` (data: and blob: URLs count as local). */
export function externalRequests(page, origin) {
  return pageLog(page).requests.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false;
    try {
      return new URL(u).origin !== origin;
    } catch {
      return true;
    }
  });
}

// ---------------------------------------------------------------- reusing one page across many views

/** Chromium's own favicon probe (the page declares none): its 404 and console line are not app errors. */
export const IGNORED_PROBLEM = /\/favicon\.ico\b/;

/** A bookmark into a page's log (see problemsSince); take one before navigating a reused page. */
export function logMark(page) {
  const log = pageLog(page);
  return { pageErrors: log.pageErrors.length, consoleErrors: log.consoleErrors.length, badResponses: log.badResponses.length, failedRequests: log.failedRequests.length };
}

/** Console errors, page errors, HTTP errors and failed requests recorded since `mark` (favicon probe ignored). */
export function problemsSince(page, mark = { pageErrors: 0, consoleErrors: 0, badResponses: 0, failedRequests: 0 }) {
  const log = pageLog(page);
  return [
    ...log.pageErrors.slice(mark.pageErrors).map((e) => `pageerror: ${e}`),
    ...log.consoleErrors.slice(mark.consoleErrors).map((e) => `console.error: ${e}`),
    ...log.badResponses.slice(mark.badResponses).map((r) => `HTTP ${r}`),
    ...log.failedRequests.slice(mark.failedRequests).map((r) => `request failed: ${r}`),
  ].filter((p) => !IGNORED_PROBLEM.test(p));
}

/** URL of one view of the cockpit. */
export function viewUrl(base, { city, page, lang = 'zh-CN' }) {
  return `${base}?city=${encodeURIComponent(city)}&page=${encodeURIComponent(page)}&lang=${encodeURIComponent(lang)}`;
}
