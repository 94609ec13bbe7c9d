/**
 * startup: (a) cold start of the overview to html[data-ready=true], in-page timing, against a blank
 * page served by the same server; (b) the renderer's initial JavaScript (raw / gzip -9).
 *
 * (c) relaunch: the browser started afresh on a user-data directory that has seen the cockpit before (HTTP
 * cache and V8 code cache kept, as an installed Electron app keeps them between launches, and as a wall
 * restarting after a crash or a reboot has them). Reported beside the cold start, which stays the figure of record.
 *
 * Env: BENCH_RUNS (default 5), BENCH_WARMUP (default 1, not counted), BENCH_CITY (default linyi),
 *      BENCH_LANG (zh-CN), BENCH_VIEWPORT (1920x1080), BENCH_TIMEOUT ms (30000), BENCH_RELAUNCH (1; 0 skips (c)),
 *      BENCH_JIT (full = V8's defaults, as a briefing laptop starts; steady = the kiosk wall's mode, src-core/wall/jit.ts).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { BROWSER_UI_FEATURES, browserUiTargets, copyRoot, launchBrowser, launchPersistent, startCockpit } from '../../tests/e2e/harness.mjs';
import { fileBytes, initialAssets, jitLaunch, kb, ms, printTable, sizeOf, stats, walk } from '../lib.mjs';

export const description = 'cold start to data-ready (vs blank page) and initial JS size';

const BLANK_FILE = '__bench_blank.html';
const BLANK_HTML = '<!doctype html><html lang="en" data-bench-blank><head><meta charset="utf-8"><title>bench blank</title></head><body></body></html>\n';

/**
 * Runs in every document before its own scripts. Times are performance.now(), i.e. ms since the
 * navigation started (the document's time origin), so they exclude Node/CDP overhead.
 */
function timingScript() {
  const b = (window.__bench = { marks: {}, done: false });
  // awaited by the bench in one call: polling the page (a CDP round trip and a task every few ms) would load
  // the machine being measured
  b.finished = new Promise((resolve) => (b.finish = resolve));
  const mark = (k) => {
    if (b.marks[k] == null) b.marks[k] = performance.now();
  };
  const finish = () => {
    b.done = true;
    b.finish('done');
  };
  new MutationObserver(() => {
    if (document.documentElement && document.documentElement.getAttribute('data-ready') === 'true') {
      mark('ready');
      finish();
    }
  }).observe(document, { attributes: true, attributeFilter: ['data-ready'], subtree: true });
  document.addEventListener('DOMContentLoaded', () => mark('dcl'));
  addEventListener('load', () => {
    mark('load');
    if (document.documentElement.hasAttribute('data-bench-blank')) finish();
  });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint' && b.marks.fcp == null) b.marks.fcp = e.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch {
    /* paint timing unavailable */
  }
}

/** 'done' when the page is ready (timingScript), 'fatal' when it shows its error screen (looked for 4× a second). */
async function finished(page, timeout) {
  let timer;
  const fatal = page.waitForFunction(() => !!document.querySelector('[data-testid="fatal-error"]'), null, { timeout, polling: 250 }).then(() => 'fatal');
  const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timeout ${timeout} ms exceeded`)), timeout)));
  try {
    return await Promise.race([page.evaluate(() => window.__bench.finished), fatal, late]);
  } finally {
    clearTimeout(timer);
    fatal.catch(() => undefined); // still waiting when the context closes
  }
}

/** The browser's own WebUI pages (omnibox popup…) that a fresh window starts; none expected with the bench's flags. */
async function browserUiCheck(browser) {
  const context = await browser.newContext();
  try {
    await (await context.newPage()).goto('about:blank');
    await new Promise((r) => setTimeout(r, 1000));
    return await browserUiTargets(browser);
  } finally {
    await context.close();
  }
}

async function measure(browser, url, { viewport, timeout }) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 }); // fresh: empty HTTP cache, storage
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && !/favicon\.ico/.test(m.location()?.url ?? '') && errors.push(m.text()));
    const urls = [];
    context.on('request', (r) => urls.push(r.url()));
    await page.addInitScript(timingScript);
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'commit', timeout });
    const state = await finished(page, timeout).catch(async (e) => {
      throw new Error(`${url} not ready within ${timeout} ms (${e.message.split('\n')[0]}); data-ready=${await page.getAttribute('html', 'data-ready').catch(() => '?')}; errors: ${errors.join(' | ') || 'none'}`);
    });
    const wall = performance.now() - t0;
    const requested = [...urls];
    if (state === 'fatal') throw new Error(`${url} shows a fatal error: ${await page.textContent('[data-testid="fatal-error"]')}`);
    const info = await page.evaluate(() => ({ marks: window.__bench.marks, title: document.title, blank: document.documentElement.hasAttribute('data-bench-blank'),
      // the app's own marks (PageView, map engine): where the time goes
      app: (() => {
        const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('cockpit:'));
        const app = Object.fromEntries(marks.map((m) => [m.name.slice(8), m.startTime]));
        // PageView marks each panel's first draw as cockpit:drawn:<kind>:<id>
        const others = marks.filter((m) => m.name.startsWith('cockpit:drawn:') && !m.name.startsWith('cockpit:drawn:map:')).map((m) => m.startTime);
        if (others.length) app['non-map-drawn'] = Math.max(...others);
        return app;
      })() }));
    // after data-ready (not part of it): the live WebGL map that replaces the map's 2D poster
    let live = {};
    if (!info.blank && (await page.$('.map-panel'))) {
      await page.waitForFunction(() => performance.getEntriesByName('cockpit:map-drawn').length > 0, null, { timeout, polling: 50 }).catch(() => undefined);
      live = await page.evaluate(() => Object.fromEntries(['map-create', 'map-drawn'].map((k) => [k, performance.getEntriesByName(`cockpit:${k}`)[0]?.startTime]).filter(([, v]) => v != null)));
    }
    return { ...info.marks, app: { ...info.app, ...live }, wall, requests: requested.length, urls: requested, errors, title: info.title, blank: info.blank };
  } finally {
    await context.close();
  }
}

async function coldStart(ctx) {
  const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
  const warmup = Math.max(0, Number(process.env.BENCH_WARMUP ?? 1));
  const city = process.env.BENCH_CITY ?? 'linyi';
  const lang = process.env.BENCH_LANG ?? 'zh-CN';
  const [w, h] = (process.env.BENCH_VIEWPORT ?? '1920x1080').split('x').map(Number);
  const viewport = { width: w, height: h };
  const timeout = Number(process.env.BENCH_TIMEOUT ?? 30000);

  // Serve a temp copy of the build with one extra empty page, through the real browser shell.
  const tmp = copyRoot(ctx.root, 'cockpit-bench-');
  writeFileSync(join(tmp.dir, BLANK_FILE), BLANK_HTML);
  const server = await startCockpit({ root: tmp.dir });
  // A second copy whose CSS cannot use an installed Noto Sans CJK SC (as on a Windows PC): the bundled
  // web-font subsets are downloaded and decoded.
  const tmpWeb = copyRoot(ctx.root, 'cockpit-bench-webfont-');
  const assets = join(tmpWeb.dir, 'assets');
  for (const f of readdirSync(assets).filter((n) => n.endsWith('.css'))) writeFileSync(join(assets, f), readFileSync(join(assets, f), 'utf8').replace(/local\([^)]*\),/g, ''));
  const serverWeb = await startCockpit({ root: tmpWeb.dir });
  const jit = process.env.BENCH_JIT ?? 'full';
  const { jsFlags, args } = await jitLaunch(jit, 'BENCH_JIT');
  if (jsFlags) ctx.log(`  V8 mode ${jit} (--js-flags=${jsFlags})`);
  const browser = await launchBrowser({ headless: true, args });
  const targets = {
    blank: `${server.url}${BLANK_FILE}`,
    overview: `${server.url}?city=${city}&page=overview&lang=${lang}`,
    webfont: `${serverWeb.url}?city=${city}&page=overview&lang=${lang}`,
  };
  const samples = { blank: [], overview: [], webfont: [] };
  try {
    const chromium = browser.version();
    ctx.log(`  cold start: ${runs} runs (+${warmup} warm-up), fresh browser context per run, ${w}×${h}, ${city}/${lang}, Chromium ${chromium}`);
    const browserUi = await browserUiCheck(browser);
    if (browserUi.length) ctx.log(`  ! the browser runs its own WebUI pages beside the measured one (${browserUi.join(', ')}): add their features to BROWSER_UI_FEATURES (tests/e2e/harness.mjs); these figures include their CPU`);
    for (let i = 0; i < warmup + runs; i++) {
      // alternate the order so neither target always runs right after the other
      const order = i % 2 ? ['webfont', 'overview', 'blank'] : ['blank', 'overview', 'webfont'];
      for (const name of order) {
        const r = await measure(browser, targets[name], { viewport, timeout });
        if (name === 'blank' && !r.blank) throw new Error(`the server did not serve ${BLANK_FILE} as a file (got a page titled "${r.title}"); cannot measure the baseline`);
        if (i >= warmup) samples[name].push(r);
        ctx.log(`    ${i < warmup ? 'warm-up' : `run ${i - warmup + 1}`} ${name.padEnd(8)} ${ms(name === 'blank' ? r.load : r.ready)}${r.errors.length ? `  (${r.errors.length} console errors: ${r.errors[0]})` : ''}`);
      }
    }
    const pick = (name, key) => stats(samples[name].map((s) => s[key]));
    const result = {
      runs, warmup, city, lang, viewport, chromium,
      blank: { load: pick('blank', 'load'), wall: pick('blank', 'wall') },
      overview: {
        ready: pick('overview', 'ready'),
        fcp: pick('overview', 'fcp'),
        dcl: pick('overview', 'dcl'),
        load: pick('overview', 'load'),
        wall: pick('overview', 'wall'),
        // where the time goes (the app's marks): UI code evaluated, database open, every panel but the map
        // drawn, the map engine created, and its first frame finished on the GPU
        app: Object.fromEntries(['ui-loaded', 'db-open', 'boot', 'non-map-drawn', 'map-poster', 'map-create', 'map-drawn'].map((k) => [k, stats(samples.overview.map((s) => s.app?.[k]).filter((v) => v != null))])),
        requests: stats(samples.overview.map((s) => s.requests)),
        consoleErrors: samples.overview.flatMap((s) => s.errors).slice(0, 10),
        fontFiles: stats(samples.overview.map((s) => s.urls.filter((u) => /\.woff2$/.test(u)).length)),
      },
      webfont: {
        ready: pick('webfont', 'ready'),
        fontFiles: stats(samples.webfont.map((s) => s.urls.filter((u) => /\.woff2$/.test(u)).length)),
      },
    };
    result.readyOverBlankMs = result.overview.ready.median - result.blank.load.median;
    result.browserUiTargets = browserUi;
    if (process.env.BENCH_RELAUNCH !== '0') result.relaunch = await relaunch(ctx, targets.overview, { viewport, timeout, runs });
    result.loadedBeforeReady = loadedBeforeReady(ctx.root, server.origin, samples.overview.at(-1)?.urls ?? []);
    return result;
  } finally {
    await browser.close();
    await server.close();
    await serverWeb.close();
    tmp.remove();
    tmpWeb.remove();
  }
}

/**
 * Relaunches on one user-data directory: three visits fill the HTTP cache and let Chromium produce the V8 code
 * cache (made for a script seen again), then `runs` measured launches, each a new browser process.
 */
async function relaunch(ctx, url, { viewport, timeout, runs }) {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-bench-profile-'));
  const once = async () => {
    const context = await launchPersistent(dir, { headless: true, viewport, deviceScaleFactor: 1 });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.addInitScript(timingScript);
      await page.goto(url, { waitUntil: 'commit', timeout });
      if ((await finished(page, timeout)) === 'fatal') throw new Error(`${url} shows a fatal error after a relaunch`);
      const ready = await page.evaluate(() => window.__bench.marks.ready);
      await page.waitForTimeout(1500); // caches are written after the scripts ran
      return ready;
    } finally {
      await context.close();
    }
  };
  try {
    const visits = [];
    for (let i = 0; i < 3; i++) visits.push(await once());
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await once());
    ctx.log(`  relaunch (same user-data dir): first visits ${visits.map(ms).join(' · ')}; measured ${samples.map(ms).join(' · ')}`);
    return { firstVisits: visits, ready: stats(samples) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Files of the build fetched (by page or worker) before data-ready, grouped by kind, with raw/gzip sizes. */
function loadedBeforeReady(root, origin, urls) {
  const kindOf = (f) => (/\.m?js$/.test(f) ? 'js' : /\.css$/.test(f) ? 'css' : /\.wasm$/.test(f) ? 'wasm' : /\.(woff2?|ttf|otf)$/.test(f) ? 'font' : /\.sqlite$/.test(f) ? 'database' : /\.html$/.test(f) ? 'html' : 'other');
  const seen = new Set();
  const files = [];
  for (const u of urls) {
    let url;
    try {
      url = new URL(u);
    } catch {
      continue;
    }
    if (url.origin !== origin) continue;
    let rel = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    if (seen.has(rel)) continue;
    seen.add(rel);
    const abs = join(root, rel);
    if (!existsSync(abs)) continue; // API calls, missing files
    files.push({ file: rel, kind: kindOf(rel), ...sizeOf(abs) });
  }
  const byKind = {};
  for (const f of files) {
    const k = (byKind[f.kind] ??= { count: 0, raw: 0, gzip: 0 });
    k.count++;
    k.raw += f.raw;
    k.gzip += f.gzip;
  }
  return { files, byKind };
}

function jsSizes(ctx) {
  const { js, css } = initialAssets(ctx.root);
  const assetsDir = join(ctx.root, 'assets');
  const files = walk(ctx.root);
  const allJs = walk(assetsDir).filter((f) => /\.m?js$/.test(f));
  const sum = (xs, k) => xs.reduce((a, x) => a + x[k], 0);
  const allSizes = allJs.map((f) => ({ file: relative(ctx.root, f), ...sizeOf(f) }));
  const workers = allSizes.filter((s) => /worker/i.test(s.file));
  const wasm = files.filter((f) => f.endsWith('.wasm')).map((f) => ({ file: relative(ctx.root, f), ...sizeOf(f) }));
  const db = files.filter((f) => f.endsWith('.sqlite')).map((f) => ({ file: relative(ctx.root, f), raw: fileBytes(f) }));
  const fonts = files.filter((f) => /\.(woff2?|ttf|otf)$/.test(f));
  return {
    initial: { files: js, raw: sum(js, 'raw'), gzip: sum(js, 'gzip') },
    initialCss: { files: css, raw: sum(css, 'raw'), gzip: sum(css, 'gzip') },
    allJs: { dir: 'assets', count: allSizes.length, raw: sum(allSizes, 'raw'), gzip: sum(allSizes, 'gzip') },
    workers: { files: workers, raw: sum(workers, 'raw'), gzip: sum(workers, 'gzip') },
    wasm: { files: wasm, raw: sum(wasm, 'raw'), gzip: sum(wasm, 'gzip') },
    database: db,
    fonts: { count: fonts.length, raw: fonts.reduce((a, f) => a + fileBytes(f), 0) },
  };
}

export async function run(ctx) {
  const sizes = jsSizes(ctx);
  const cold = await coldStart(ctx);

  console.log('\nstartup — cold start (in-page time from navigation start; median of %d, fresh context each run; browser UI off: %s)', cold.runs, BROWSER_UI_FEATURES.join(', '));
  const row = (label, s) => [label, ms(s.median), ms(s.min), ms(s.max)];
  printTable(['metric', 'median', 'min', 'max'], [
    row('blank page: load (baseline)', cold.blank.load),
    row('overview: first contentful paint', cold.overview.fcp),
    row('overview: DOMContentLoaded', cold.overview.dcl),
    row('overview: load event', cold.overview.load),
    row(`overview: data-ready (installed CJK font used: ${cold.overview.fontFiles.median ? 'no' : 'yes'}, ${cold.overview.fontFiles.median} font files)`, cold.overview.ready),
    row(`overview: data-ready, bundled web font only (${cold.webfont.fontFiles.median} font files)`, cold.webfont.ready),
    ['overview: data-ready − blank load', ms(cold.readyOverBlankMs), '', ''],
    row('overview: wall (goto → ready seen)', cold.overview.wall),
    ...(cold.relaunch ? [row('overview: data-ready on relaunch (browser restarted, HTTP + V8 code cache kept)', cold.relaunch.ready)] : []),
    ...Object.entries({ 'ui-loaded': 'UI code evaluated', 'db-open': 'database open', 'non-map-drawn': 'every panel but the map drawn', 'map-poster': 'map poster drawn (2D)', 'map-create': 'after ready: live map created', 'map-drawn': 'after ready: live map drawn (GPU finished)' })
      .filter(([k]) => cold.overview.app[k]?.n).map(([k, label]) => row(`  overview: ${label}`, cold.overview.app[k])),
  ]);
  if (cold.overview.consoleErrors.length) console.log(`  ! console errors during cold start: ${cold.overview.consoleErrors.join(' | ')}`);

  const lbr = cold.loadedBeforeReady;
  console.log('\nstartup — fetched before data-ready (page + worker, last run; gzip -9 of the served files)');
  printTable(['file / kind', 'count', 'raw', 'gzip'], [
    ...lbr.files.filter((f) => f.kind === 'js').map((f) => [f.file, '', kb(f.raw), kb(f.gzip)]),
    ...Object.entries(lbr.byKind).map(([k, v]) => [`${k} total`, String(v.count), kb(v.raw), kb(v.gzip)]),
  ]);

  console.log('\nstartup — initial JavaScript by static analysis (index.html module entry + modulepreload + static imports; gzip -9)');
  printTable(['file', 'via', 'raw', 'gzip'], [
    ...sizes.initial.files.map((f) => [f.file, f.via, kb(f.raw), kb(f.gzip)]),
    ['initial JS total', `${sizes.initial.files.length} files`, kb(sizes.initial.raw), kb(sizes.initial.gzip)],
    ['initial CSS', `${sizes.initialCss.files.length} files`, kb(sizes.initialCss.raw), kb(sizes.initialCss.gzip)],
    ['data worker JS', `${sizes.workers.files.length} files`, kb(sizes.workers.raw), kb(sizes.workers.gzip)],
    ['wasm', `${sizes.wasm.files.length} files`, kb(sizes.wasm.raw), kb(sizes.wasm.gzip)],
    ['all JS in assets/', `${sizes.allJs.count} files`, kb(sizes.allJs.raw), kb(sizes.allJs.gzip)],
    ...sizes.database.map((d) => [d.file, 'database', kb(d.raw), '']),
    ['fonts', `${sizes.fonts.count} files`, kb(sizes.fonts.raw), ''],
  ]);
  return { coldStart: cold, sizes };
}
