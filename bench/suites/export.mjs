/**
 * export: briefing exports, measured through the UI as a user triggers them (1366×768 laptop window).
 * (a) PNG at 1920×1080, 2560×1440 and 3840×2160: click → file downloaded, against a baseline measured in
 *     the same run: opening the same page at the same size in a new tab until data-ready (an export lays
 *     the page out again at the target size, so this is the floor it cannot beat).
 * (b) PDF of the configured story (A4): print view to data-ready, then Chromium's page.pdf().
 *
 * Env: BENCH_RUNS (default 3), BENCH_CITY (linyi), BENCH_TIMEOUT ms (120000).
 */
import { launchBrowser, startCockpit } from '../../tests/e2e/harness.mjs';
import { kb, ms, printTable, stats } from '../lib.mjs';

export const description = 'PNG export per resolution (vs a page load at that size) and story PDF (print view + page.pdf)';

const SIZES = [[1920, 1080], [2560, 1440], [3840, 2160]];

async function readyIn(page, timeout) {
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout, polling: 20 });
}

export async function run(ctx) {
  const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
  const city = process.env.BENCH_CITY ?? 'linyi';
  const timeout = Number(process.env.BENCH_TIMEOUT ?? 120000);
  const server = await startCockpit({ root: ctx.root });
  const browser = await launchBrowser({ headless: true });
  const url = `${server.url}?city=${city}&page=overview&lang=zh-CN`;
  const samples = Object.fromEntries(SIZES.map(([w, h]) => [`${w}x${h}`, { exportMs: [], baselineMs: [], bytes: [] }]));
  const pdf = { readyMs: [], pdfMs: [], bytes: [] };
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(url);
    await readyIn(page, timeout);
    ctx.log(`  ${runs} runs, Chromium ${browser.version()}, app window 1366×768, ${city}/overview`);
    for (let i = 0; i < runs; i++) {
      for (const [w, h] of SIZES) {
        const key = `${w}x${h}`;
        // baseline: the same page opened at the target size in a new tab of the same context (warm cache)
        const tab = await context.newPage();
        await tab.setViewportSize({ width: w, height: h });
        let t0 = performance.now();
        await tab.goto(`${url}&layout=wall`);
        await readyIn(tab, timeout);
        samples[key].baselineMs.push(performance.now() - t0);
        await tab.close();

        await page.bringToFront(); // a background tab does not paint: the export frame would wait for it
        await page.click('[data-testid="export-open"]');
        await page.check(`input[name="png-size"][value="${key}"]`);
        t0 = performance.now();
        const [dl] = await Promise.all([page.waitForEvent('download', { timeout }), page.click('[data-testid="export-png"]')]);
        const path = await dl.path();
        samples[key].exportMs.push(performance.now() - t0);
        samples[key].bytes.push((await import('node:fs')).statSync(path).size);
        await page.keyboard.press('Escape');
        ctx.log(`    run ${i + 1} PNG ${key}: export ${ms(samples[key].exportMs.at(-1))}, page load at that size ${ms(samples[key].baselineMs.at(-1))}`);
      }
      const p = await context.newPage();
      await p.setViewportSize({ width: 1123, height: 794 });
      let t0 = performance.now();
      await p.goto(`${server.url}?print=story&story=four-cities&size=a4&lang=zh-CN`);
      await readyIn(p, timeout);
      pdf.readyMs.push(performance.now() - t0);
      t0 = performance.now();
      const buf = await p.pdf({ preferCSSPageSize: true, printBackground: true });
      pdf.pdfMs.push(performance.now() - t0);
      pdf.bytes.push(buf.length);
      await p.close();
      ctx.log(`    run ${i + 1} story PDF: print view ready ${ms(pdf.readyMs.at(-1))}, page.pdf ${ms(pdf.pdfMs.at(-1))}`);
    }
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
  const result = {
    runs,
    png: Object.fromEntries(Object.entries(samples).map(([k, s]) => [k, { exportMs: stats(s.exportMs), baselineMs: stats(s.baselineMs), bytes: stats(s.bytes) }])),
    storyPdf: { readyMs: stats(pdf.readyMs), pdfMs: stats(pdf.pdfMs), bytes: stats(pdf.bytes) },
  };
  console.log('\n  export (median)');
  printTable(['what', 'export', 'baseline: page load at that size', 'size'], [
    ...Object.entries(result.png).map(([k, r]) => [`PNG ${k}`, ms(r.exportMs.median), ms(r.baselineMs.median), kb(r.bytes.median)]),
    ['story PDF (6 × A4)', ms(result.storyPdf.readyMs.median + result.storyPdf.pdfMs.median), '—', kb(result.storyPdf.bytes.median)],
  ]);
  return result;
}
