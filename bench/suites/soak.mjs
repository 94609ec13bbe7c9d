/**
 * soak: weeks on a wall, compressed. Drives BENCH_SOAK_CYCLES (default 1000) refresh + page-switch
 * cycles in Chromium on the wall stage (?profile=1920x1080: the path a wall runs) and prints the JS
 * heap and the DOM node count at 10, 100 and 1000 cycles (every 1000 after that, and the end), each
 * measured the same way: the other map pages' maps live and parked, back on the overview with its map
 * live, settled, after a forced garbage collection (CDP HeapProfiler.collectGarbage, twice). Target:
 * growth ≤ 5 % between 10 and 1000 cycles.
 *
 * It runs in the V8 compile mode of a kiosk wall, "steady" (src-core/wall/jit.ts: every function compiled
 * once by the baseline compiler, no optimising tiers), what the Electron kiosk and the browser shell's wall
 * command line use. BENCH_SOAK_JIT=full runs V8's defaults instead: the JS heap then also holds the machine
 * code the optimising compilers add as more of the app's functions get hot, which keeps growing for hundreds
 * of cycles (not a leak). Either way each checkpoint also takes a heap snapshot and splits the heap into
 * compiled code and JS objects (objects, closures, arrays, strings, shapes): a leak shows as growth of the
 * objects (or of the DOM nodes).
 *
 * One cycle = a data refresh (a local feed changes its value; the header's "refresh now" button; the
 * worker applies it and every panel on screen re-queries and updates in place) + a page switch by its
 * tab (the next page in order, prepared off screen, crossfaded, the old one unmounted).
 *
 * Env: BENCH_SOAK_CYCLES (1000), BENCH_SOAK_PROFILE (1920x1080; "none" = the window-fit layout without
 * the wall stage), BENCH_SOAK_JIT (steady; full = V8's defaults), BENCH_TIMEOUT ms (30000),
 * BENCH_SOAK_CODE_NAMES (1: log which compiled code grew between checkpoints, by name), BENCH_SOAK_JSFLAGS
 * (V8 flags for Chromium's --js-flags instead of the mode's, for a diagnosis: "--max-opt=0" keeps V8 in its
 * interpreter, 1 adds the baseline compiler, 2 Maglev).
 */
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST_DIR, SERVER_MODULE, launchBrowser, PAGE_TIME_ZONE } from '../../tests/e2e/harness.mjs';
import { jitLaunch, printTable } from '../lib.mjs';

export const description = 'JS heap + DOM nodes (after forced GC) at 10/100/1000 refresh + page-switch cycles; target ≤ 5 % growth';

/** 10, 100 and 1000 are the ones the target is about; the others show the curve (every 1000 beyond 1000) */
const CHECKPOINTS = [10, 100, 250, 500, 1000];
const checkpointsUpTo = (cycles) => [...new Set([...CHECKPOINTS.filter((c) => c <= cycles), ...Array.from({ length: Math.floor(cycles / 1000) }, (_, i) => (i + 1) * 1000), cycles])];

function feedServer() {
  const state = { value: 2_000_000_000, requests: 0 };
  const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since', 'Access-Control-Expose-Headers': 'ETag' };
  const server = http.createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      return res.end();
    }
    state.requests++;
    const etag = `"v${state.value}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ...cors, ETag: etag });
      return res.end();
    }
    res.writeHead(200, { ...cors, 'Content-Type': 'application/json', ETag: etag });
    res.end(JSON.stringify({
      format: 'city-brain-cockpit-feed', version: 1, generatedAt: new Date().toISOString(), source: { name: 'soak feed' },
      observations: [
        { id: 'soak-agg', indicatorId: 'data.aggregated_records', cityId: 'linyi', asOf: '2030-01-31', value: state.value, qualifier: 'exact' },
        { id: 'soak-calls', indicatorId: 'sharing.sharing_service_calls', cityId: 'linyi', asOf: '2030-01-31', value: state.value * 3, qualifier: 'exact' },
      ],
    }));
  });
  return {
    state,
    listen: () => new Promise((r) => server.listen(0, '127.0.0.1', () => r(server.address().port))),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Heap snapshot → bytes of compiled code vs JS objects (V8's own node types; native/Blink objects excluded). */
async function snapshotSplit(cdp) {
  const chunks = [];
  const on = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', on);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', on);
  }
  const snap = JSON.parse(chunks.join(''));
  const f = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const n = f.length;
  const iType = f.indexOf('type');
  const iSize = f.indexOf('self_size');
  const OBJECTS = new Set(['object', 'closure', 'array', 'string', 'concatenated string', 'sliced string', 'object shape', 'number', 'regexp', 'symbol', 'bigint', 'hidden']);
  const iName = f.indexOf('name');
  let code = 0;
  let objects = 0;
  /** compiled code by node name (BENCH_SOAK_CODE_NAMES=1: what grows between checkpoints) */
  const codeByName = new Map();
  for (let i = 0; i < snap.nodes.length; i += n) {
    const t = types[snap.nodes[i + iType]];
    if (t === 'code') {
      code += snap.nodes[i + iSize];
      if (process.env.BENCH_SOAK_CODE_NAMES) {
        const k = String(snap.strings[snap.nodes[i + iName]]).slice(0, 60);
        const e = codeByName.get(k) ?? { n: 0, bytes: 0 };
        e.n++;
        e.bytes += snap.nodes[i + iSize];
        codeByName.set(k, e);
      }
    } else if (OBJECTS.has(t)) objects += snap.nodes[i + iSize];
  }
  return { code, objects, codeByName };
}

const MiB = (b) => (b / 1024 / 1024).toFixed(2);
const pct = (a, b) => `${(((b - a) / a) * 100).toFixed(1)} %`;

export async function run(ctx) {
  const jit = process.env.BENCH_SOAK_JIT ?? 'steady';
  const jitMode = await jitLaunch(jit, 'BENCH_SOAK_JIT');
  const cycles = Math.max(10, Number(process.env.BENCH_SOAK_CYCLES ?? 1000));
  const profile = process.env.BENCH_SOAK_PROFILE ?? '1920x1080';
  const timeout = Number(process.env.BENCH_TIMEOUT ?? 30000);
  const pageConfig = JSON.parse(readFileSync(join(ctx.repo, 'src-renderer/pages/pages.json'), 'utf8')).pages;
  const pages = pageConfig.map((p) => p.id);
  /** pages with a map other than the overview: visited before each checkpoint so the engine's pool of parked maps is full */
  const otherMapPages = pageConfig.filter((p) => p.id !== 'overview' && p.panels.some((x) => x.kind === 'map')).map((p) => p.id);
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-soak-'));
  const feed = feedServer();
  const port = await feed.listen();
  const feedsFile = join(dir, 'feeds.json');
  writeFileSync(feedsFile, JSON.stringify({ sources: [{ url: `http://127.0.0.1:${port}/feed.json`, name: 'soak feed' }], pollSeconds: 3600 }));
  const { startServer } = await import(pathToFileURL(SERVER_MODULE).href);
  const server = await startServer({ port: 0, host: '127.0.0.1', root: ctx.root ?? DIST_DIR, launch: { feedsFile } });
  const jsFlags = process.env.BENCH_SOAK_JSFLAGS ?? jitMode.jsFlags;
  const mode = process.env.BENCH_SOAK_JSFLAGS !== undefined ? 'custom' : jit;
  const browser = await launchBrowser({ headless: true, args: jsFlags ? [`--js-flags=${jsFlags}`] : [] });
  const errors = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: PAGE_TIME_ZONE });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    const q = `city=linyi&page=overview&lang=zh-CN${profile === 'none' ? '' : `&profile=${profile}`}`;
    await page.goto(`${server.url}?${q}`, { waitUntil: 'commit', timeout });
    const ready = () => page.waitForFunction(() => document.documentElement.getAttribute('data-ready') === 'true' && !document.querySelector('.wall-layer[data-state="leaving"], .wall-layer[data-state="incoming"]'), null, { timeout, polling: 20 });
    await ready();
    await page.waitForFunction(() => document.body.innerText.includes('20亿条'), null, { timeout });
    await page.mouse.move(1917, 1077);

    const switchTo = async (id) => {
      const before = await page.evaluate(() => document.documentElement.getAttribute('data-ready'));
      await page.click(`[data-page-switch="${id}"]`, { timeout });
      // the switch is done when the page is on screen, drawn, and the old one is gone
      await page.waitForFunction((want) => document.documentElement.getAttribute('data-ready') === 'true'
        && (document.querySelector('.wall-layer[data-state="front"]')?.getAttribute('data-layer-page') ?? document.querySelector('main.page-grid')?.getAttribute('data-page')) === want
        && !document.querySelector('.wall-layer[data-state="leaving"], .wall-layer[data-state="incoming"]'), id, { timeout, polling: 20 });
      return before;
    };
    const refresh = async () => {
      feed.state.value += 10_000_000;
      const n = feed.state.requests;
      await page.click('[data-testid="refresh-now"]', { timeout });
      // the request reached the feed and the refresh finished (the button is enabled again)
      await page.waitForFunction(() => !document.querySelector('[data-testid="refresh-now"]')?.disabled, null, { timeout, polling: 20 });
      if (feed.state.requests === n) throw new Error('refresh did not reach the feed');
    };
    let prevCode = null;
    // every map panel of the page on screen live (data-map-state, as the transition bench and the e2e tests read
    // it); a boolean, not an element: a returned element would be a handle the inspector keeps, with its page
    const mapLive = () => page.waitForFunction(() => {
      const maps = [...document.querySelectorAll(document.querySelector('.wall-layer') ? '.wall-layer[data-state="front"] .map-panel' : 'main.page-grid .map-panel')];
      return maps.length > 0 && maps.every((m) => m.getAttribute('data-map-state') === 'ready');
    }, null, { timeout, polling: 50 });
    const measure = async (cycle) => {
      // The same state at every checkpoint: each other map page's WebGL map went live and was parked by the
      // map engine for reuse (its pool holds up to 3; whether one was there depended on where the cycles
      // stopped, ±0.8 MiB of JS objects), then the overview with its map live (it replaces the 2D poster once
      // the page is still), then animations, fonts and idle callbacks settled.
      for (const id of otherMapPages) {
        await switchTo(id);
        await mapLive();
      }
      await switchTo('overview');
      await mapLive();
      await page.waitForTimeout(1500);
      for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
      await page.waitForTimeout(300);
      const heap = await cdp.send('Runtime.getHeapUsage');
      const dom = await cdp.send('Memory.getDOMCounters');
      const split = await snapshotSplit(cdp);
      const row = { cycle, heapUsed: heap.usedSize, heapTotal: heap.totalSize, code: split.code, objects: split.objects, nodes: dom.nodes, listeners: dom.jsEventListeners, documents: dom.documents };
      if (process.env.BENCH_SOAK_CODE_NAMES && prevCode) {
        const grew = [...split.codeByName].map(([k, e]) => [k, e.n - (prevCode.get(k)?.n ?? 0), e.bytes - (prevCode.get(k)?.bytes ?? 0)]).sort((a, b) => b[2] - a[2]).slice(0, 12);
        ctx.log(`      compiled code grown since the last checkpoint, by name: ${grew.map(([k, dn, db]) => `${k || '(no name)'} ${dn >= 0 ? '+' : ''}${dn} (${(db / 1024).toFixed(0)} KiB)`).join(' · ')}`);
      }
      prevCode = split.codeByName;
      ctx.log(`    cycle ${String(cycle).padStart(5)}: JS heap ${MiB(row.heapUsed)} MiB (compiled code ${MiB(row.code)}, JS objects ${MiB(row.objects)}), DOM nodes ${row.nodes}, listeners ${row.listeners}, documents ${row.documents}`);
      return row;
    };

    ctx.log(`  ${cycles} cycles (refresh + page switch over ${pages.length} pages), profile ${profile}, 1920×1080 window, Chromium ${browser.version()}, V8 mode ${mode}${jsFlags ? ` (--js-flags=${jsFlags})` : ' (V8 defaults)'}`);
    const rows = [];
    const t0 = Date.now();
    let p = 0;
    const marks = checkpointsUpTo(cycles);
    for (let cycle = 1; cycle <= cycles; cycle++) {
      await refresh();
      p = (p + 1) % pages.length;
      await switchTo(pages[p]);
      if (marks.includes(cycle)) {
        rows.push(await measure(cycle));
        // measuring moved the wall to the overview: continue from there
        p = 0;
      }
      if (cycle % 100 === 0) ctx.log(`    … ${cycle} cycles, ${Math.round((Date.now() - t0) / 1000)} s`);
    }
    await context.close();

    const first = rows[0];
    const last = rows[rows.length - 1];
    const heapGrowth = (last.heapUsed - first.heapUsed) / first.heapUsed;
    const objGrowth = (last.objects - first.objects) / first.objects;
    const nodeGrowth = (last.nodes - first.nodes) / first.nodes;
    console.log(`\nsoak — ${cycles} refresh + page-switch cycles, profile ${profile}, V8 mode ${mode}; measured on the overview after forced GC`);
    printTable(['cycles', 'JS heap used', 'compiled code', 'JS objects', 'DOM nodes', 'listeners', 'documents'], rows.map((r) => [r.cycle, `${MiB(r.heapUsed)} MiB`, `${MiB(r.code)} MiB`, `${MiB(r.objects)} MiB`, r.nodes, r.listeners, r.documents]));
    const verdict = heapGrowth <= 0.05 && nodeGrowth <= 0.05;
    const leakVerdict = objGrowth <= 0.05 && nodeGrowth <= 0.05;
    console.log(`  growth ${first.cycle} → ${last.cycle} cycles: JS heap ${pct(first.heapUsed, last.heapUsed)} (compiled code ${pct(first.code, last.code)}, JS objects ${pct(first.objects, last.objects)}), DOM nodes ${pct(first.nodes, last.nodes)}`);
    console.log(`  target ≤ 5 %: JS heap + DOM nodes ${verdict ? 'met' : 'NOT MET'}; JS objects + DOM nodes (leaks) ${leakVerdict ? 'met' : 'NOT MET'}`);
    console.log(`  ${Math.round((Date.now() - t0) / 1000)} s in all; feed requests ${feed.state.requests}`);
    if (errors.length) console.log(`  ! console errors (${errors.length}): ${errors.slice(0, 5).join(' | ')}`);
    return {
      cycles, profile, jit: mode, jsFlags: jsFlags || null, checkpoints: rows,
      growth: { heap: Math.round(heapGrowth * 1000) / 10, objects: Math.round(objGrowth * 1000) / 10, nodes: Math.round(nodeGrowth * 1000) / 10, targetPercent: 5, met: verdict, objectsAndNodesMet: leakVerdict },
      seconds: Math.round((Date.now() - t0) / 1000),
      consoleErrors: errors.slice(0, 10),
    };
  } finally {
    await browser.close();
    await server.close();
    await feed.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
