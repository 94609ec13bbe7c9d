/**
 * pages: switching pages by their tabs. For one city, the overview is loaded once; then each page is
 * opened by clicking its tab ([data-page-switch]) and the in-page time from the click to
 * html[data-ready="true"] is measured (a capture-phase click listener and a MutationObserver on
 * data-ready, both with performance.now(), so it excludes Node/CDP overhead). The pages are visited in
 * tab order, cycling (… → dictionary → overview → resources …): one unmeasured cycle first (reported as
 * "first visit": lazy chunks, queries and fonts not yet warm), then BENCH_RUNS measured cycles.
 *
 * Baselines measured the same way in the same run:
 *  - no-op click: clicking the tab of the page already shown (nothing re-renders) → the next frame after
 *    the click (rAF + task): the floor of click handling + one frame;
 *  - remount: the overview re-mounted by the language button (zh-CN ⇄ en), click → data-ready: the
 *    same page drawn again with every chunk and query warm.
 * For every switch two more times are recorded: "painted" (click → the frame after data-ready, i.e. the
 * ready page on screen) and "1st frame" (click → the first frame after the click).
 *
 * Env: BENCH_RUNS (default 5), BENCH_CITY (linyi), BENCH_LANG (zh-CN), BENCH_VIEWPORT (1920x1080),
 *      BENCH_TIMEOUT ms (30000).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, PAGE_TIME_ZONE, startCockpit, viewUrl } from '../../tests/e2e/harness.mjs';
import { ms, printTable, stats } from '../lib.mjs';

export const description = 'page switch by tab click → data-ready, per page (vs a no-op click and an overview remount)';

/** Installed in the page before its scripts: arms a measurement for the next click. */
function probeScript() {
  const b = (window.__pageBench = { armed: false, t0: null, frame: null, ready: null, painted: null, page: null });
  window.__pageBenchArm = () => {
    Object.assign(b, { armed: true, t0: null, frame: null, ready: null, painted: null, page: null });
  };
  document.addEventListener('click', () => {
    if (!b.armed || b.t0 !== null) return;
    b.t0 = performance.now();
    // first frame after the click: rAF runs before that frame's paint; the task after it runs after the paint
    requestAnimationFrame(() => setTimeout(() => { if (b.frame === null) b.frame = performance.now(); }, 0));
  }, true);
  new MutationObserver((records) => {
    if (!b.armed || b.t0 === null || b.ready !== null) return;
    const html = document.documentElement;
    // ready again after having been not ready (a fresh PageView mount sets "false" first)
    if (html.getAttribute('data-ready') === 'true' && records.some((r) => r.target === html && r.oldValue !== 'true')) {
      b.ready = performance.now();
      b.page = document.querySelector('main.page-grid')?.getAttribute('data-page') ?? null;
      requestAnimationFrame(() => setTimeout(() => { b.painted = performance.now(); }, 0)); // the frame showing the ready page
    }
    // observe the document, not documentElement: init scripts may run before the <html> element is parsed
  }).observe(document, { attributes: true, attributeFilter: ['data-ready'], attributeOldValue: true, subtree: true });
}

/** Click `selector`; returns { ready, painted, frame } in ms since the click (ready/painted null when waitReady is false). */
async function timedClick(page, selector, { waitReady = true, expectPage, timeout }) {
  await page.evaluate(() => window.__pageBenchArm());
  await page.click(selector, { timeout });
  // a function, not a string: the cockpit's CSP forbids eval
  await page.waitForFunction((wr) => window.__pageBench.frame !== null && (!wr || window.__pageBench.painted !== null), waitReady, { timeout, polling: 10 }).catch(async (e) => {
    const st = await page.evaluate(() => ({ ...window.__pageBench, dataReady: document.documentElement.getAttribute('data-ready') })).catch(() => ({}));
    throw new Error(`after clicking ${selector}: ${waitReady ? 'data-ready' : 'next frame'} not seen within ${timeout} ms (${e.message.split('\n')[0]}); state ${JSON.stringify(st)}`);
  });
  const b = await page.evaluate(() => window.__pageBench);
  if (expectPage && b.page !== expectPage) throw new Error(`after clicking ${selector}: ready on page ${b.page}, expected ${expectPage}`);
  return { ready: b.ready === null ? null : b.ready - b.t0, painted: b.painted === null ? null : b.painted - b.t0, frame: b.frame - b.t0 };
}

export async function run(ctx) {
  const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
  const city = process.env.BENCH_CITY ?? 'linyi';
  const lang = process.env.BENCH_LANG ?? 'zh-CN';
  const [w, h] = (process.env.BENCH_VIEWPORT ?? '1920x1080').split('x').map(Number);
  const timeout = Number(process.env.BENCH_TIMEOUT ?? 30000);
  const pages = JSON.parse(readFileSync(join(ctx.repo, 'src-renderer/pages/pages.json'), 'utf8')).pages.map((p) => p.id);
  const order = [...pages.slice(1), pages[0]]; // from the overview: resources … dictionary, then back to overview

  const server = await startCockpit({ root: ctx.root });
  const browser = await launchBrowser({ headless: true });
  const errors = [];
  const first = {};
  const samples = Object.fromEntries(pages.map((p) => [p, { ready: [], painted: [], frame: [] }]));
  const base = { noop: [], remount: [] };
  try {
    const chromium = browser.version();
    const context = await browser.newContext({ viewport: { width: w, height: h }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: PAGE_TIME_ZONE });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && !/favicon\.ico/.test(m.location()?.url ?? '') && errors.push(m.text()));
    await page.addInitScript(probeScript);
    await page.goto(viewUrl(server.url, { city, page: pages[0], lang }), { waitUntil: 'commit', timeout });
    await page.waitForFunction(() => document.documentElement.getAttribute('data-ready') === 'true', null, { timeout, polling: 20 });
    await page.mouse.move(w - 3, h - 3);
    ctx.log(`  ${city}/${lang} ${w}×${h}, Chromium ${chromium}: 1 first-visit cycle + ${runs} measured cycles over ${pages.length} pages`);

    const cycle = async (label, measured) => {
      const line = [];
      for (const pg of order) {
        const r = await timedClick(page, `[data-page-switch="${pg}"]`, { expectPage: pg, timeout });
        if (measured) {
          samples[pg].ready.push(r.ready);
          samples[pg].frame.push(r.frame);
          samples[pg].painted.push(r.painted);
        } else first[pg] = r;
        line.push(`${pg} ${Math.round(r.ready)}`);
      }
      // now on the overview: the baselines
      const noop = await timedClick(page, `[data-page-switch="${pages[0]}"]`, { waitReady: false, timeout });
      const toEn = await timedClick(page, '[data-testid="lang-switch"]', { expectPage: pages[0], timeout });
      const back = await timedClick(page, '[data-testid="lang-switch"]', { expectPage: pages[0], timeout });
      if (measured) {
        base.noop.push(noop.frame);
        base.remount.push(toEn.ready, back.ready);
      }
      ctx.log(`    ${label.padEnd(11)} ${line.join(' · ')} | no-op ${Math.round(noop.frame)} | remount ${Math.round(toEn.ready)}/${Math.round(back.ready)} ms`);
    };
    await cycle('first visit', false);
    for (let i = 0; i < runs; i++) await cycle(`run ${i + 1}`, true);
    await context.close();

    const result = {
      runs, city, lang, viewport: { width: w, height: h }, chromium,
      metric: 'in-page ms from the tab click (capture listener) to html[data-ready="true"] (MutationObserver)',
      baseline: {
        noopClickToFrame: { what: 'click on the current page\'s tab (no re-render) → next frame (rAF + task)', ...stats(base.noop) },
        overviewRemount: { what: 'overview re-mounted by the language button (zh-CN ⇄ en), click → data-ready', ...stats(base.remount) },
      },
      pages: Object.fromEntries(pages.map((pg) => [pg, { firstVisit: round(first[pg]?.ready), ready: stats(samples[pg].ready), painted: stats(samples[pg].painted), firstFrame: stats(samples[pg].frame) }])),
      consoleErrors: errors.slice(0, 10),
    };

    console.log(`\npages — tab click → data-ready, ${city}/${lang}, in-page time (median of ${runs}; "first" = first visit, not in the median)`);
    const row = (label, s, firstMs, painted, frame) => [label, firstMs == null ? '' : ms(firstMs), ms(s.median), ms(s.min), ms(s.max), painted ? ms(painted.median) : '', frame ? ms(frame.median) : ''];
    printTable(['page', 'first', 'median', 'min', 'max', 'painted', '1st frame'], [
      ...pages.map((pg) => row(pg, result.pages[pg].ready, result.pages[pg].firstVisit, result.pages[pg].painted, result.pages[pg].firstFrame)),
      row('baseline: no-op tab click → next frame', result.baseline.noopClickToFrame),
      row('baseline: overview remount (lang ⇄) → ready', result.baseline.overviewRemount),
    ]);
    console.log('  baseline "no-op": clicking the tab of the page already shown (no re-render), click → next frame: the floor for any switch.');
    console.log('  baseline "remount": the overview drawn again (language button zh-CN⇄en), click → data-ready, everything warm.');
    console.log('  "painted": click → the frame after data-ready (rAF + task), i.e. the ready page on screen; median.');
    console.log('  "1st frame": click → first frame after the click (may come after data-ready when layout/paint is long); median.');
    if (errors.length) console.log(`  ! console errors: ${errors.slice(0, 5).join(' | ')}`);
    return result;
  } finally {
    await browser.close();
    await server.close();
  }
}

const round = (v) => (v == null ? null : Math.round(v * 10) / 10);
