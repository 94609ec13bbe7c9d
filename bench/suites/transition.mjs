/**
 * transition: frame times on a 3840×2160 wall (?profile=3840x2160 in a 3840×2160 window) while pages
 * switch, against a blank page at the same size in the same run (the machine's floor), the same blank page
 * repainting its whole area every frame (what one full-screen change costs here: a page swap needs at least one),
 * and the cockpit standing still on one page. Frame time = interval between successive requestAnimationFrame
 * callbacks (a long main-thread task or a slow paint shows up as a long interval).
 *
 * Transition window: from the tab click to the new page drawn, crossfaded in and the old one unmounted
 * (html[data-ready="true"], no leaving/incoming layer), its maps live (the WebGL map has replaced the 2D
 * poster the page was ready with), plus two frames. The pages are visited in tab
 * order, BENCH_RUNS rounds (default 2; the first round of first visits is measured separately), once with
 * the default crossfade and once with ?transition=cut.
 *
 * Each measurement runs once per V8 compile mode (src-core/wall/jit.ts), each in its own browser: "steady",
 * what the kiosk wall runs (baseline compiler only), and "full", V8's defaults (what a briefing laptop runs).
 *
 * Env: BENCH_JIT (steady,full), BENCH_TRANSITIONS (fade,cut), BENCH_RUNS (2), BENCH_VIEWPORT (3840x2160), BENCH_IDLE_MS (3000), BENCH_TIMEOUT ms (60000).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, startCockpit, PAGE_TIME_ZONE } from '../../tests/e2e/harness.mjs';
import { jitLaunch, printTable } from '../lib.mjs';

export const description = 'frame-time p95 during a page transition at 3840×2160, vs a blank page and the idle cockpit (same run)';

function recorder() {
  const r = (window.__frames = { on: false, t: [] });
  const loop = (ts) => {
    if (r.on) r.t.push(ts);
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
}

function pctl(xs, p) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function summary(intervals, windowMs) {
  const n = intervals.length;
  const total = intervals.reduce((a, b) => a + b, 0);
  return {
    frames: n,
    p50: round(pctl(intervals, 50)),
    p95: round(pctl(intervals, 95)),
    p99: round(pctl(intervals, 99)),
    max: round(n ? Math.max(...intervals) : null),
    fps: n ? round((n / total) * 1000) : null,
    over50ms: intervals.filter((x) => x > 50).length,
    windowMs: windowMs == null ? null : Math.round(windowMs),
  };
}

const round = (v) => (v == null ? null : Math.round(v * 10) / 10);
const diffs = (ts) => ts.slice(1).map((t, i) => t - ts[i]);

export async function run(ctx) {
  const modes = (process.env.BENCH_JIT ?? 'steady,full').split(',').map((m) => m.trim()).filter(Boolean);
  const launches = await Promise.all(modes.map((m) => jitLaunch(m, 'BENCH_JIT')));
  const out = {};
  for (const [i, jit] of modes.entries()) {
    const { jsFlags, args } = launches[i];
    console.log(`\n  V8 compile mode: ${jit}${jsFlags ? ` (--js-flags=${jsFlags})` : ' (V8 defaults)'}`);
    out[jit] = await measure(ctx, jit, args);
  }
  return { modes: out };
}

async function measure(ctx, jit, launchArgs) {
  const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 2));
  const [w, h] = (process.env.BENCH_VIEWPORT ?? '3840x2160').split('x').map(Number);
  const idleMs = Number(process.env.BENCH_IDLE_MS ?? 3000);
  const timeout = Number(process.env.BENCH_TIMEOUT ?? 60000);
  const pages = JSON.parse(readFileSync(join(ctx.repo, 'src-renderer/pages/pages.json'), 'utf8')).pages.map((p) => p.id);
  const server = await startCockpit({ root: ctx.root });
  const browser = await launchBrowser({ headless: true, args: launchArgs });
  try {
    const context = await browser.newContext({ viewport: { width: w, height: h }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: PAGE_TIME_ZONE });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(recorder);
    const record = async (ms) => {
      await page.evaluate(() => Object.assign(window.__frames, { on: true, t: [] }));
      await page.waitForTimeout(ms);
      return diffs(await page.evaluate(() => Object.assign(window.__frames, { on: false }).t));
    };

    // 1. blank page, same window size
    await page.goto("about:blank");
    await page.setContent('<!doctype html><html><body style="margin:0;background:#030b1a"></body></html>');
    await page.evaluate(recorder);
    const blank = summary(await record(idleMs), idleMs);
    // the machine's floor for a full-screen change: the same blank page repainting all of its area every
    // frame (two gradients in turn: raster + composite of every pixel), what one page swap costs at least once
    await page.evaluate(() => {
      const d = document.createElement('div');
      d.style.cssText = 'position:fixed;inset:0';
      document.body.append(d);
      const looks = ['linear-gradient(160deg,#0b2a5a,#030b1a)', 'linear-gradient(20deg,#030b1a,#0b2a5a)'];
      let i = 0;
      window.__repaint = true;
      const loop = () => {
        d.style.backgroundImage = looks[i++ % 2];
        if (window.__repaint) requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    });
    const repaint = summary(await record(idleMs), idleMs);
    await page.evaluate(() => { window.__repaint = false; });

    // 2. the cockpit standing still on the overview; 3. transitions, crossfade (default) and cut
    const settled = (id) => page.waitForFunction((want) => document.documentElement.getAttribute('data-ready') === 'true'
      && document.querySelector('.wall-layer[data-state="front"]')?.getAttribute('data-layer-page') === want
      && !document.querySelector('.wall-layer[data-state="leaving"], .wall-layer[data-state="incoming"]')
      // a map panel first shows its 2D poster; the page has settled once the live map has replaced it
      && ![...document.querySelectorAll('.wall-layer[data-state="front"] .map-panel')].some((m) => m.getAttribute('data-map-state') === 'poster'), id, { timeout, polling: 16 });
    const order = [...pages.slice(1), pages[0]];
    const variants = {};
    let idle = null;
    ctx.log(`  ${w}×${h} at 1×, Chromium ${browser.version()}: blank ${idleMs} ms, idle ${idleMs} ms, then per transition style ${runs + 1} rounds of ${pages.length} page switches (round 1 = first visits)`);
    for (const style of (process.env.BENCH_TRANSITIONS ?? 'fade,cut').split(',')) {
      await page.goto(`${server.url}?city=jining&page=overview&lang=zh-CN&profile=${w}x${h}&transition=${style}`, { timeout });
      await settled('overview');
      await page.mouse.move(w - 3, h - 3);
      await page.waitForTimeout(1000);
      if (!idle) idle = summary(await record(idleMs), idleMs);
      const firstRound = [];
      const measured = [];
      const perPage = Object.fromEntries(pages.map((p) => [p, []]));
      for (let r = 0; r <= runs; r++) {
        for (const id of order) {
          await page.evaluate(() => Object.assign(window.__frames, { on: true, t: [] }));
          const t0 = Date.now();
          await page.click(`[data-page-switch="${id}"]`, { timeout });
          await settled(id);
          await page.evaluate(() => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res))));
          const ts = await page.evaluate(() => Object.assign(window.__frames, { on: false }).t);
          const entry = { page: id, ms: Date.now() - t0, intervals: diffs(ts) };
          if (r === 0) firstRound.push(entry);
          else {
            measured.push(entry);
            perPage[id].push(...entry.intervals);
          }
        }
        ctx.log(`    ${style} round ${r + 1}${r === 0 ? ' (first visits)' : ''}: ${(r === 0 ? firstRound : measured.slice(-order.length)).map((e) => `${e.page} ${e.ms}`).join(' · ')} ms`);
      }
      variants[style] = {
        warm: summary(measured.flatMap((e) => e.intervals), measured.reduce((a, e) => a + e.ms, 0) / measured.length),
        first: summary(firstRound.flatMap((e) => e.intervals), firstRound.reduce((a, e) => a + e.ms, 0) / firstRound.length),
        n: measured.length,
        perPageP95: Object.fromEntries(pages.map((p) => [p, round(pctl(perPage[p], 95))])),
      };
    }
    await context.close();

    console.log(`\ntransition — frame times at ${w}×${h} (rAF intervals, ms), same run, V8 mode ${jit}`);
    const row = (label, x) => [label, x.frames, x.p50, x.p95, x.p99, x.max, x.fps, x.over50ms, x.windowMs ?? ''];
    printTable(['', 'frames', 'p50', 'p95', 'p99', 'max', 'fps', '>50 ms', 'window ms'], [
      row('baseline: blank page', blank),
      row('baseline: blank page, full repaint every frame', repaint),
      row('baseline: cockpit idle (overview)', idle),
      ...Object.entries(variants).flatMap(([style, v]) => [row(`transitions, ${style} (${v.n}, warm)`, v.warm), row(`transitions, ${style} (first visits)`, v.first)]),
    ]);
    console.log('  window ms: mean time from the click to the new page drawn, on screen, the old one unmounted and its maps live.');
    for (const [style, v] of Object.entries(variants)) console.log(`  ${style}, p95 per page (warm): ${pages.map((p) => `${p} ${v.perPageP95[p]}`).join(' · ')}`);
    if (errors.length) console.log(`  ! page errors: ${errors.slice(0, 3).join(' | ')}`);
    return { viewport: { width: w, height: h }, runs, baseline: { blank, repaint, idle }, transitions: variants, errors: errors.slice(0, 5) };
  } finally {
    await browser.close();
    await server.close();
  }
}
