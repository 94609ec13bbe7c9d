/**
 * map: frame time of the county map while it pans and rotates (requestAnimationFrame deltas), at
 * 3840×2160, with boundaries + choropleth + facts + arcs + columns + a 10,000-point synthetic
 * ScatterplotLayer (?bench=map10k) against the same map with boundaries only (?bench=mapbase), in one
 * run (alternating order); prints the ratio (target ≤ 1.3) and the map's time to first draw.
 * The synthetic points are a MapLibre circle layer (how the map draws dense point layers); deck.gl draws
 * the arcs and columns, interleaved in MapLibre's context. Also measured in the same run, for reference:
 * the points as deck.gl's ScatterplotLayer (?benchpoints=deck), and that with deck.gl on a canvas of its
 * own (?deck=overlaid, the setup before interleaving).
 * Software GL (SwiftShader) here: compare the ratio, not absolute fps.
 *
 * Env: BENCH_MAP_RUNS (default 3 per mode), BENCH_MAP_SECONDS (4), BENCH_CITY (linyi),
 *      BENCH_MAP_PAGE (overview), BENCH_VIEWPORT (3840x2160), BENCH_TIMEOUT ms (60000),
 *      BENCH_MAP_REFERENCE=0 to skip the two reference modes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { launchBrowser, startCockpit } from '../../tests/e2e/harness.mjs';
import { ms, printTable, stats } from '../lib.mjs';

export const description = 'county map frame time at 4K: all layers + 10k points vs boundaries only; time to first draw';

const TARGET_RATIO = 1.3;

/**
 * CPU time (ms) used so far by the Chromium processes this bench started (Linux /proc; null elsewhere).
 * Frame times on a shared 2-core machine swing with other load; CPU time per frame (renderer + GPU process,
 * where SwiftShader rasterises) is a second, steadier figure for the same comparison.
 */
function chromiumCpuMs() {
  try {
    const parent = new Map();
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const s = readFileSync(`/proc/${d}/stat`, 'utf8');
        const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
        parent.set(Number(d), { ppid: Number(f[1]), cpu: Number(f[11]) + Number(f[12]) });
      } catch { /* gone */ }
    }
    let ticks = 0;
    for (const [pid, p] of parent) {
      if (pid === process.pid) continue;
      for (let q = p.ppid; q; q = parent.get(q)?.ppid) if (q === process.pid) { ticks += p.cpu; break; }
    }
    return ticks * 10; // USER_HZ = 100 on Linux
  } catch {
    return null;
  }
}

/** In the page: pan + rotate the map for `seconds`, return rAF deltas (ms). */
async function animate(page, seconds) {
  return page.evaluate(async (sec) => {
    const m = Object.values(window.__cockpitMaps)[0].map;
    const start = m.getCenter();
    const zoom = m.getZoom();
    const deltas = [];
    await new Promise((resolve) => {
      let t0 = null, last = null;
      const frame = (now) => {
        if (t0 === null) t0 = now;
        if (last !== null) deltas.push(now - last);
        last = now;
        const t = (now - t0) / 1000;
        m.jumpTo({ center: [start.lng + 0.12 * Math.sin(t * 1.3), start.lat + 0.08 * Math.cos(t * 1.1)], bearing: (t * 25) % 360, zoom: zoom + 0.15 * Math.sin(t * 0.7) });
        if (t < sec) requestAnimationFrame(frame);
        else resolve();
      };
      requestAnimationFrame(frame);
    });
    return deltas;
  }, seconds);
}

async function measure(browser, url, { viewport, seconds, timeout }) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url, { waitUntil: 'commit', timeout });
    await page.waitForFunction(() => document.documentElement.getAttribute('data-ready') === 'true', null, { timeout, polling: 50 });
    const state = await page.$eval('[data-panel-kind="map"] .map-panel', (e) => e.getAttribute('data-map-state'));
    if (state !== 'ready') throw new Error(`map state ${state} at ${url}`);
    const info = await page.evaluate(() => {
      const mark = performance.getEntriesByName('cockpit:map-drawn')[0];
      const m = Object.values(window.__cockpitMaps)[0];
      const c = m.map.getCanvas();
      return { firstDrawSinceNav: mark?.startTime ?? null, firstDrawMs: m.firstDrawMs, canvas: `${c.width}×${c.height}` };
    });
    await page.waitForTimeout(300);
    const cpu0 = chromiumCpuMs();
    const deltas = await animate(page, seconds);
    const cpu1 = chromiumCpuMs();
    const s = stats(deltas);
    const cpuPerFrame = cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / Math.max(1, deltas.length);
    return { ...info, frames: deltas.length, frame: s, cpuPerFrame, errors };
  } finally {
    await context.close();
  }
}

export async function run(ctx) {
  const runs = Math.max(1, Number(process.env.BENCH_MAP_RUNS ?? 3));
  const seconds = Math.max(1, Number(process.env.BENCH_MAP_SECONDS ?? 4));
  const city = process.env.BENCH_CITY ?? 'linyi';
  const pageId = process.env.BENCH_MAP_PAGE ?? 'overview';
  const [w, h] = (process.env.BENCH_VIEWPORT ?? '3840x2160').split('x').map(Number);
  const viewport = { width: w, height: h };
  const timeout = Number(process.env.BENCH_TIMEOUT ?? 60000);
  const server = await startCockpit({ root: ctx.root });
  const browser = await launchBrowser({ headless: true });
  const url = (mode) => `${server.url}?city=${city}&page=${pageId}&lang=zh-CN&bench=${mode}`;
  const modes = { base: 'mapbase', full: 'map10k', deckpts: 'map10k&benchpoints=deck', overlaid: 'map10k&benchpoints=deck&deck=overlaid' };
  const names = process.env.BENCH_MAP_REFERENCE === '0' ? ['base', 'full'] : ['base', 'full', 'deckpts', 'overlaid'];
  const samples = { base: [], full: [], deckpts: [], overlaid: [] };
  try {
    ctx.log(`  ${runs} runs per mode × ${seconds}s pan/rotate, ${w}×${h}, ${city}/${pageId}, Chromium ${browser.version()} (SwiftShader)`);
    for (let i = 0; i < runs; i++) {
      for (const name of i % 2 ? [...names].reverse() : names) {
        const r = await measure(browser, url(modes[name]), { viewport, seconds, timeout });
        samples[name].push(r);
        ctx.log(`    run ${i + 1} ${name.padEnd(8)} map canvas ${r.canvas}: median frame ${ms(r.frame.median)} (p95 ${ms(r.frame.p95 ?? r.frame.max)}, ${r.frames} frames, CPU ${r.cpuPerFrame === null ? '?' : ms(r.cpuPerFrame)}/frame), first draw ${ms(r.firstDrawMs)} after map creation, ${ms(r.firstDrawSinceNav)} after navigation${r.errors.length ? `, errors: ${r.errors[0]}` : ''}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const median = (name) => stats(samples[name].map((s) => s.frame.median)).median;
  const ratio = median('full') / median('base');
  const cpu = (name) => (samples[name].every((s) => s.cpuPerFrame !== null) ? stats(samples[name].map((s) => s.cpuPerFrame)).median : null);
  const cpuRatio = cpu('base') && cpu('full') ? cpu('full') / cpu('base') : null;
  const first = (name, key) => stats(samples[name].map((s) => s[key]));
  const result = {
    city, page: pageId, viewport, seconds, runs,
    base: { frameMedianMs: median('base'), firstDraw: first('base', 'firstDrawMs'), firstDrawSinceNav: first('base', 'firstDrawSinceNav'), canvas: samples.base[0]?.canvas },
    full: { frameMedianMs: median('full'), firstDraw: first('full', 'firstDrawMs'), firstDrawSinceNav: first('full', 'firstDrawSinceNav'), canvas: samples.full[0]?.canvas, layers: 'boundaries+choropleth+facts+arcs+columns+10k points (MapLibre circles)' },
    ...Object.fromEntries(['deckpts', 'overlaid'].filter((n) => samples[n].length).map((n) => [n, {
      frameMedianMs: median(n), firstDraw: first(n, 'firstDrawMs'), ratio: Math.round((median(n) / median('base')) * 1000) / 1000,
      layers: n === 'deckpts' ? 'as full, points as a deck.gl ScatterplotLayer' : 'as deckpts, deck.gl on a canvas of its own',
    }])),
    ratio: Math.round(ratio * 1000) / 1000,
    cpuPerFrameMs: Object.fromEntries(names.map((n) => [n, cpu(n)])),
    cpuRatio: cpuRatio === null ? null : Math.round(cpuRatio * 1000) / 1000,
    targetRatio: TARGET_RATIO,
    withinTarget: ratio <= TARGET_RATIO,
  };
  printTable(
    ['mode', 'median frame', 'fps', 'CPU/frame', 'first draw (map)', 'first draw (nav)'],
    names.map((n) => [{ base: 'boundaries only', full: 'all layers + 10k pts', deckpts: 'ref: pts in deck.gl', overlaid: 'ref: pts in deck.gl, overlaid' }[n], ms(median(n)), (1000 / median(n)).toFixed(1), cpu(n) === null ? '?' : ms(cpu(n)), ms(first(n, 'firstDrawMs').median), ms(first(n, 'firstDrawSinceNav').median)]),
  );
  for (const n of ['deckpts', 'overlaid']) if (result[n]) ctx.log(`  reference (${result[n].layers}) / boundaries-only: ${result[n].ratio.toFixed(2)}`);
  ctx.log(`  frame-time ratio full / boundaries-only: ${result.ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}) ${result.withinTarget ? 'OK' : 'OVER TARGET'}`);
  if (result.cpuRatio !== null) ctx.log(`  CPU-time-per-frame ratio full / boundaries-only: ${result.cpuRatio.toFixed(2)} (steadier under other load)`);
  return result;
}
