/**
 * Briefing mode end to end, in Debian Chromium through the real browser shell:
 * - laptop layouts (1366×768 automatic, 2560×1600 by ?layout=briefing) on every page: no horizontal
 *   scrolling, no overlapping panels, no panel content cut off; the wall stays the default at 1920×1080;
 * - keyboard: chart tooltips and drill-down, city and page shortcuts, the ? help overlay (bilingual);
 * - story mode: the configured story plays in its order with ←/→/Space/End, full screen, highlighted
 *   panel and presenter note; a story built in the app (add, reorder, remove) survives a reload;
 * - notes pinned to panels survive a reload and appear in the exports;
 * - PNG export: the file the user gets (name, size, pixels: not blank, native 1-pixel detail);
 * - PDF: the print-CSS path printed by Chromium (page.pdf): pdftotext finds the formatted figures,
 *   sources and footers, pdftoppm renders every page non-blank; the in-app button prints that view.
 * Run: `npm run build && node --test --test-concurrency=1 tests/e2e/briefing.test.mjs`. Needs
 * poppler-utils (pdftotext, pdftoppm, pdfinfo): .ci/run installs it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  PAGE_TIME_ZONE, REPO_DIR, RESULTS_DIR, decodePng, describePage, imageStats, isBlank, launchBrowser, normText, openPage, pageProblems, screenshot, startCockpit, viewUrl, waitReady,
} from './harness.mjs';

const PAGES_JSON = JSON.parse(readFileSync(join(REPO_DIR, 'src-renderer/pages/pages.json'), 'utf8'));
const PAGES = PAGES_JSON.pages.map((p) => p.id);
const STORY = PAGES_JSON.stories.find((s) => s.id === 'four-cities');
/** a city with figures on each page (the pages e2e keeps the full matrix) */
const CITY_FOR = { overview: 'linyi', resources: 'weifang', sharing: 'jining', catalog: 'xuancheng', services: 'xuancheng', rectification: 'linyi', compute: 'jining', proposals: 'linyi', economy: 'jining', benchmark: 'linyi', dictionary: 'linyi' };
/** formatted figures each step of the configured story must print (pdftotext, whitespace removed) */
const STORY_FIGURES = [
  ['158亿条', '59.17亿次', '47亿条', '52.1亿条'], // 1 overview · jining (and the conflicting value)
  ['第6名', '第3名'], // 2 sharing · jining: open-data index ranks
  ['1260PFLOPS', '22个'], // 3 compute · jining
  ['54个', '75个', '70个'], // 4 rectification · linyi
  ['93.6%', '82.8%'], // 5 services · xuancheng
  ['17.24亿条', '13.95亿条', '158亿条', '8.9亿条'], // 6 benchmark: four cities
];
// the page's date (its time zone is Asia/Shanghai, UTC+8), not the test machine's: they differ from 16:00 to 24:00 UTC
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: PAGE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

const tmp = mkdtempSync(join(tmpdir(), 'cockpit-briefing-'));
let srv;
let browser;

before(async () => {
  srv = await startCockpit();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await srv?.close();
  rmSync(tmp, { recursive: true, force: true });
});

function noProblems(page, what) {
  const p = pageProblems(page).filter((x) => !/favicon\.ico/.test(x));
  assert.deepEqual(p, [], `${what}: console/page errors`);
}

/** Layout facts a person would notice: sideways scrolling, panels on top of each other, content cut off. */
async function layoutFacts(page) {
  return page.evaluate(() => {
    const d = document.documentElement;
    const panels = [...document.querySelectorAll('[data-panel]')].map((e) => ({ id: e.dataset.panel, r: e.getBoundingClientRect() }));
    const overlaps = [];
    for (let i = 0; i < panels.length; i++)
      for (let j = i + 1; j < panels.length; j++) {
        const a = panels[i].r, b = panels[j].r;
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlaps.push(`${panels[i].id} × ${panels[j].id}`);
      }
    const outside = panels.filter((p) => p.r.left < -1 || p.r.right > innerWidth + 1).map((p) => `${p.id} [${Math.round(p.r.left)}, ${Math.round(p.r.right)}]`);
    const clipped = [...document.querySelectorAll('.panel-body')]
      .filter((b) => b.scrollHeight > b.clientHeight + 2 || b.scrollWidth > b.clientWidth + 2)
      .map((b) => `${b.parentElement.dataset.panel}: content ${b.scrollWidth}×${b.scrollHeight} in ${b.clientWidth}×${b.clientHeight}`);
    const cutText = [...document.querySelectorAll('.kpi-value, .flow-value')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.innerText);
    return {
      briefing: d.classList.contains('layout-briefing'),
      scrollWidth: d.scrollWidth, clientWidth: d.clientWidth, scrollHeight: d.scrollHeight, innerHeight,
      panels: panels.length, overlaps, outside, clipped, cutText,
      header: (() => { const h = document.querySelector('.hdr').getBoundingClientRect(); return { right: h.right, width: h.width }; })(),
    };
  });
}

function assertLaptopLayout(f, where) {
  assert.ok(f.briefing, `${where}: briefing layout in use`);
  assert.ok(f.scrollWidth <= f.clientWidth, `${where}: horizontal scrolling (${f.scrollWidth} > ${f.clientWidth})`);
  assert.deepEqual(f.outside, [], `${where}: panels wider than the window`);
  assert.deepEqual(f.overlaps, [], `${where}: overlapping panels`);
  assert.deepEqual(f.clipped, [], `${where}: panel content cut off`);
  assert.deepEqual(f.cutText, [], `${where}: figures cut off`);
  assert.ok(f.panels > 0, `${where}: no panels`);
}

describe('laptop layouts', () => {
  it('1366×768 picks the briefing layout by itself: every page reflowed, no sideways scrolling, nothing overlaps or is cut off', async () => {
    const { page, close } = await openPage(browser, viewUrl(srv.url, { city: 'linyi', page: 'overview' }), { width: 1366, height: 768 });
    try {
      for (const p of PAGES) {
        await page.goto(viewUrl(srv.url, { city: CITY_FOR[p], page: p }));
        await waitReady(page);
        const f = await layoutFacts(page);
        assertLaptopLayout(f, `1366×768 ${p}/${CITY_FOR[p]}`);
        if (p === 'overview') {
          assert.ok(f.scrollHeight > f.innerHeight, 'the overview scrolls vertically on a laptop');
          await screenshot(page, 'briefing-1366-overview', { fullPage: true });
        }
      }
      noProblems(page, '1366×768');
    } finally {
      await close();
    }
  });

  it('2560×1600 with ?layout=briefing, in both languages', async () => {
    const { page, close } = await openPage(browser, viewUrl(srv.url, { city: 'jining', page: 'overview' }), { width: 2560, height: 1600 });
    try {
      for (const [i, p] of PAGES.entries()) {
        const lang = i % 2 ? 'en' : 'zh-CN';
        await page.goto(`${viewUrl(srv.url, { city: CITY_FOR[p], page: p, lang })}&layout=briefing`);
        await waitReady(page);
        assertLaptopLayout(await layoutFacts(page), `2560×1600 ${p}/${CITY_FOR[p]}/${lang}`);
      }
      noProblems(page, '2560×1600');
    } finally {
      await close();
    }
  });

  it('the wall keeps its fixed layout at 1920×1080; the header toggle switches and the URL remembers', async () => {
    const { page, close } = await openPage(browser, viewUrl(srv.url, { city: 'linyi', page: 'overview' }), { width: 1920, height: 1080 });
    try {
      await waitReady(page);
      let f = await layoutFacts(page);
      assert.equal(f.briefing, false, 'wall layout at 1920×1080');
      assert.ok(f.scrollHeight <= f.innerHeight, 'the wall does not scroll');
      await page.click('[data-testid="layout-toggle"]');
      await page.waitForFunction(() => document.documentElement.classList.contains('layout-briefing'));
      assert.match(page.url(), /[?&]layout=briefing\b/);
      await page.reload();
      await waitReady(page);
      f = await layoutFacts(page);
      assertLaptopLayout(f, '1920×1080 after the toggle and a reload');
      await page.keyboard.press('l');
      await page.waitForFunction(() => !document.documentElement.classList.contains('layout-briefing'));
      assert.match(page.url(), /[?&]layout=wall\b/);
    } finally {
      await close();
    }
  });
});

describe('keyboard', () => {
  it('charts: Tab in, arrows show the tooltip point by point, Enter opens the point’s provenance; figures show their card on Tab; 2 and ] switch city and page; ? shows the help', async () => {
    const { page, close } = await openPage(browser, viewUrl(srv.url, { city: 'linyi', page: 'overview' }), { width: 1366, height: 768 });
    try {
      await waitReady(page);
      const chart = page.locator('[data-panel="composition"] .echart');
      await chart.focus();
      await page.keyboard.press('ArrowRight');
      const tip = () => page.evaluate(() => {
        const el = [...document.querySelectorAll('[data-panel="composition"] .echart div')].find((d) => d.style.zIndex === '9999999' && getComputedStyle(d).display !== 'none' && d.style.opacity !== '0' && d.innerText.trim());
        return el ? el.innerText.replace(/\s+/g, ' ').trim() : null;
      });
      await page.waitForFunction(() => [...document.querySelectorAll('[data-panel="composition"] .echart div')].some((d) => d.style.zIndex === '9999999' && d.innerText.trim()), null, { timeout: 5000 });
      const first = await tip();
      assert.match(first ?? '', /17\.24亿条/, `the first point's tooltip (${first})`);
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((prev) => {
        const el = [...document.querySelectorAll('[data-panel="composition"] .echart div')].find((d) => d.style.zIndex === '9999999' && d.innerText.trim());
        return el && el.innerText.replace(/\s+/g, ' ').trim() !== prev;
      }, first, { timeout: 5000 });
      assert.match((await tip()) ?? '', /8\.52亿条/, 'the second point');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Enter');
      const dialog = page.locator('[data-testid="provenance"]');
      await dialog.waitFor({ state: 'visible', timeout: 5000 });
      assert.match(normText(await dialog.innerText()), /17\.24亿条/);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });

      // Tab on from the chart to the first figure: the hover card shows for the keyboard too
      await chart.focus();
      await page.keyboard.press('Tab');
      const card = page.locator('[data-testid="provenance-hover"]');
      await card.waitFor({ state: 'visible', timeout: 5000 });
      assert.match(normText(await card.innerText()), /17\.24亿条/, 'the focused figure’s card');
      assert.match(await page.evaluate(() => document.activeElement?.innerText ?? ''), /17\.24亿/);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Shift+Tab');
      await page.evaluate(() => document.activeElement?.blur());
      await card.waitFor({ state: 'hidden' });

      await page.locator('body').focus();
      await page.keyboard.press('2');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('city') === 'xuancheng');
      await page.keyboard.press(']');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('page') === 'resources');
      await waitReady(page);

      await page.keyboard.press('?');
      const help = page.locator('[data-testid="help-overlay"]');
      await help.waitFor({ state: 'visible' });
      const text = normText(await help.innerText());
      for (const s of ['汇报：下一步', 'Briefing: next step', '批注模式', 'Annotate mode', '导出（PNG / PDF）', 'Export (PNG / PDF)']) assert.ok(text.includes(s), `help lists “${s}”`);
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'hidden' });
      noProblems(page, 'keyboard');
    } finally {
      await close();
    }
  });
});

/** What a person sees of the playing story: the step counter, the note, where they are, what is highlighted. */
async function storyView(page) {
  return page.evaluate(() => {
    const q = new URL(location.href).searchParams;
    const focus = [...document.querySelectorAll('.panel.story-focus')];
    const dimmed = [...document.querySelectorAll('.panel.story-dim')];
    const f = focus[0];
    return {
      step: document.querySelector('[data-testid="story-step"]')?.innerText ?? null,
      note: document.querySelector('[data-testid="presenter-note"]')?.innerText ?? null,
      page: q.get('page'), city: q.get('city'),
      focus: focus.map((e) => e.dataset.panel),
      focusOutline: f ? getComputedStyle(f).outlineColor + ' ' + getComputedStyle(f).outlineWidth : null,
      focusVisible: f ? (() => { const r = f.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight && r.width > 0; })() : false,
      dimOpacity: dimmed.length ? Math.max(...dimmed.map((e) => Number(getComputedStyle(e).opacity))) : null,
      fullscreen: !!document.fullscreenElement,
    };
  });
}

async function waitStep(page, i, total) {
  await page.waitForFunction(([n, t]) => document.querySelector('[data-testid="story-step"]')?.innerText.replace(/\s+/g, ' ') === `第 ${n} / ${t} 步`, [i + 1, total], { timeout: 10000 });
  await waitReady(page);
}

describe('story mode', () => {
  it('plays the configured story in order with →, Space, ← and End: page, city, highlighted panel, note, full screen', async () => {
    const { page, close } = await openPage(browser, viewUrl(srv.url, { city: 'linyi', page: 'overview' }), { width: 1366, height: 768 });
    try {
      await waitReady(page);
      await page.click('[data-testid="stories-open"]');
      await page.click('[data-testid="present-four-cities"]');
      const n = STORY.steps.length;
      const seen = [];
      for (let i = 0; i < n; i++) {
        await waitStep(page, i, n);
        const v = await storyView(page);
        const want = STORY.steps[i];
        seen.push(`${v.page}/${v.city}/${v.focus.join(',')}`);
        assert.equal(v.page, want.page, `step ${i + 1} page`);
        assert.equal(v.city, want.city, `step ${i + 1} city`);
        assert.deepEqual(v.focus, [want.panel], `step ${i + 1} highlighted panel`);
        assert.ok(v.focusVisible, `step ${i + 1}: the highlighted panel is on screen`);
        assert.match(v.focusOutline, /rgb\(255, 176, 32\) 3px/, `step ${i + 1}: the highlight is visible`);
        assert.ok(v.dimOpacity !== null && v.dimOpacity < 0.6, `step ${i + 1}: the other panels step back`);
        assert.equal(normText(v.note), normText(want.note['zh-CN']), `step ${i + 1} presenter note`);
        if (i === 0) {
          assert.ok(v.fullscreen, 'presenting goes full screen');
          await screenshot(page, 'briefing-story-step1');
        }
        if (i < n - 1) await page.keyboard.press(i % 2 ? ' ' : 'ArrowRight');
      }
      assert.deepEqual(seen, STORY.steps.map((s) => `${s.page}/${s.city}/${s.panel}`));
      await page.keyboard.press('ArrowRight'); // past the end: stays
      await page.keyboard.press('ArrowLeft');
      await waitStep(page, n - 2, n);
      await page.keyboard.press('Home');
      await waitStep(page, 0, n);
      await page.keyboard.press('End');
      await waitStep(page, n - 1, n);
      // the position survives a reload (it is in the URL)
      await page.reload();
      await waitStep(page, n - 1, n);
      await page.click('[data-testid="story-exit"]');
      await page.locator('[data-testid="presenter-bar"]').waitFor({ state: 'hidden' });
      assert.equal(await page.locator('.panel.story-dim').count(), 0, 'no dimming after the story');
      noProblems(page, 'story');
    } finally {
      await close();
    }
  });

  it('builds a story in the app (add current view, reorder, remove), keeps it across a reload and plays it in the new order', async () => {
    const { page, close } = await openPage(browser, viewUrl(srv.url, { city: 'linyi', page: 'overview' }), { width: 1366, height: 768 });
    try {
      await waitReady(page);
      await page.click('[data-testid="stories-open"]');
      await page.click('[data-testid="story-new"]');
      const add = async (panel, note) => {
        await page.selectOption('[data-testid="step-panel"]', panel);
        await page.fill('[data-testid="step-note"]', note);
        await page.click('[data-testid="step-add"]');
      };
      await add('kpis', '先讲临沂总量');
      // navigate while the drawer is open: the page tabs and city chips stay usable
      await page.click('[data-page-switch="compute"]');
      await page.click('[data-city-switch="xuancheng"]');
      await waitReady(page);
      await add('kpis', '宣城算力');
      await page.click('[data-page-switch="services"]');
      await waitReady(page);
      await add('rates', '网办率');
      const steps = () => page.$$eval('[data-testid="story-steps"] > li', (lis) => lis.map((li) => li.querySelector('.step-label').innerText.replace(/\s+/g, ' ').trim()));
      assert.deepEqual(await steps(), ['临沂市 · 总览 · 核心指标', '宣城市 · 云网与算力 · 算力与数据中心', '宣城市 · 政务服务与移动端 · 服务质效（红黄绿）']);
      await page.click('[aria-label="上移 3"]');
      await page.click('[aria-label="删除 1"]');
      assert.deepEqual(await steps(), ['宣城市 · 政务服务与移动端 · 服务质效（红黄绿）', '宣城市 · 云网与算力 · 算力与数据中心']);
      await page.fill('[data-testid="story-title"]', '季度汇报');
      await page.locator('[data-testid="story-title"]').blur();

      await page.reload();
      await waitReady(page);
      await page.click('[data-testid="stories-open"]');
      const item = page.locator('.story-item', { hasText: '季度汇报' });
      await item.waitFor();
      assert.deepEqual(await steps(), ['宣城市 · 政务服务与移动端 · 服务质效（红黄绿）', '宣城市 · 云网与算力 · 算力与数据中心'], 'the story survives a reload');
      await item.locator('button', { hasText: '开始汇报' }).click();
      await waitStep(page, 0, 2);
      let v = await storyView(page);
      assert.deepEqual([v.page, v.city, v.focus.join(), v.note], ['services', 'xuancheng', 'rates', '网办率']);
      await page.keyboard.press('ArrowRight');
      await waitStep(page, 1, 2);
      v = await storyView(page);
      assert.deepEqual([v.page, v.city, v.focus.join(), v.note], ['compute', 'xuancheng', 'kpis', '宣城算力']);
      noProblems(page, 'story builder');
    } finally {
      await close();
    }
  });
});

/** Runs of 1-pixel-wide detail (a thin line or stroke between two different neighbours), per 1000 pixels sampled. Upscaled images have none. */
function thinDetail(png) {
  const { width, height, data } = decodePng(png);
  const luma = (i) => 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
  let thin = 0, n = 0;
  for (let y = 0; y < height; y += 3)
    for (let x = 1; x < width - 1; x++) {
      const i = (y * width + x) * 4;
      const l = luma(i), a = luma(i - 4), b = luma(i + 4);
      n++;
      if ((l - a > 40 && l - b > 40) || (a - l > 40 && b - l > 40)) thin++;
    }
  return (thin / n) * 1000;
}

describe('notes and exports', () => {
  let ctx;
  let page;
  const NOTE = '请关注：开放数据量与目录数的口径差异';
  before(async () => {
    ({ page, context: ctx } = await openPage(browser, viewUrl(srv.url, { city: 'linyi', page: 'overview' }), { width: 1366, height: 768, contextOptions: { acceptDownloads: true } }));
    await waitReady(page);
  });
  after(async () => ctx?.close());

  it('pins a note to a panel; it is shown on the panel, listed, and survives a reload', async () => {
    await page.click('[data-testid="annotate-toggle"]');
    await page.click('[data-panel="kpis"] [data-testid="note-add"]');
    await page.fill('[data-testid="note-editor"] textarea', NOTE);
    await page.click('[data-testid="note-save"]');
    const onPanel = page.locator('[data-panel="kpis"] .panel-note', { hasText: NOTE });
    await onPanel.waitFor({ state: 'visible' });
    await page.click('[data-testid="annotate-toggle"]');
    await page.reload();
    await waitReady(page);
    await onPanel.waitFor({ state: 'visible' });
    assert.equal(normText(await onPanel.locator('.pin').innerText()), '1', 'numbered');
    await page.click('[data-testid="stories-open"]');
    await page.click('[data-testid="tab-notes"]');
    assert.match(normText(await page.locator('[data-testid="notes-list"]').innerText()), new RegExp(`临沂市 · 总览[\\s\\S]*核心指标：${NOTE}`));
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="story-drawer"]').waitFor({ state: 'hidden' });
    // N hides and shows the notes on screen
    await page.keyboard.press('n');
    await onPanel.waitFor({ state: 'hidden' });
    await page.keyboard.press('n');
    await onPanel.waitFor({ state: 'visible' });
  });

  for (const [w, h] of [[3840, 2160], [1920, 1080]]) {
    it(`exports the page as a ${w}×${h} PNG drawn at that size: file name, dimensions, not blank, native 1-pixel detail`, async () => {
      await page.click('[data-testid="export-open"]');
      await page.check(`input[name="png-size"][value="${w}x${h}"]`);
      const t0 = Date.now();
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90000 }), page.click('[data-testid="export-png"]')]);
      const ms = Date.now() - t0;
      assert.equal(download.suggestedFilename(), `临沂-总览-${TODAY}.png`);
      const file = join(tmp, `export-${w}.png`);
      await download.saveAs(file);
      const png = readFileSync(file);
      writeFileSync(join(RESULTS_DIR, `briefing-export-${w}x${h}.png`), png);
      const { width, height } = decodePng(png);
      assert.deepEqual({ width, height }, { width: w, height: h });
      assert.ok(!isBlank(png), `not blank: ${JSON.stringify(imageStats(png))}`);
      const detail = thinDetail(png);
      // a 2× upscale of a 1920×1080 image has no 1-pixel-wide detail at all; a native render has plenty
      assert.ok(detail > 1, `1-pixel detail per 1000 px: ${detail.toFixed(2)}`);
      await page.locator('[data-testid="export-status"][data-state="done"]').waitFor();
      assert.equal(await page.locator('iframe[data-export-frame]').count(), 0, 'the off-screen render is removed');
      await page.keyboard.press('Escape');
      console.log(`# PNG ${w}×${h}: ${ms} ms, ${(png.length / 1e6).toFixed(1)} MB, 1-px detail ${detail.toFixed(1)}/1000 px`);
    });
  }

  it('a 2× upscale fails the native-detail check (the check can fail)', () => {
    const small = readFileSync(join(tmp, 'export-1920.png'));
    const { width, height, data } = decodePng(small);
    // nearest-neighbour 2× upscale, encoded as an uncompressed-filter PNG through the harness decoder's inverse
    const W = width * 2, H = height * 2;
    const up = Buffer.alloc(W * H * 4);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data.copy(up, (y * W + x) * 4, ((y >> 1) * width + (x >> 1)) * 4, ((y >> 1) * width + (x >> 1)) * 4 + 4);
    assert.equal(thinDetailRaw(up, W, H), 0);
  });

  it('prints the page with its note to a 16:9 PDF through print CSS: selectable figures, note, footer', async () => {
    const print = await ctx.newPage();
    try {
      await print.setViewportSize({ width: 1280, height: 720 });
      await print.goto(`${srv.url}?print=page&page=overview&city=linyi&size=16x9&lang=zh-CN`);
      await waitReady(print, { timeout: 60000 });
      const file = join(tmp, 'page.pdf');
      writeFileSync(file, await print.pdf({ preferCSSPageSize: true, printBackground: true }));
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      assert.match(info, /Pages:\s+1\b/);
      assert.match(info, /Page size:\s+960(\.\d+)? x 540(\.\d+)? pts/);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      for (const s of ['17.24亿条', '8.1万余人', '第3名', NOTE, '临沂市·总览·数据截至2022年11月29日', '来源：《临沂市大数据局2022年度办理人大建议工作总结》']) assert.ok(text.includes(s), `PDF text has “${s}”`);
    } finally {
      await print.close();
    }
  });

  it('the note is in the PNG: removing it changes the kpis panel’s pixels and nothing else', async () => {
    const withNote = decodePng(readFileSync(join(tmp, 'export-1920.png')));
    // where the kpis panel sits in the 1920×1080 export render
    const probe = await ctx.newPage();
    await probe.setViewportSize({ width: 1920, height: 1080 });
    await probe.goto(`${srv.url}?export=png&layout=wall&page=overview&city=linyi&lang=zh-CN&w=1920&h=1080`);
    await waitReady(probe);
    const r = await probe.evaluate(() => document.querySelector('[data-panel="kpis"]').getBoundingClientRect().toJSON());
    const footerTop = await probe.evaluate(() => document.querySelector('[data-testid="export-footer"]').getBoundingClientRect().top);
    await probe.close();
    await page.bringToFront(); // background tabs do not paint

    await page.click('[data-testid="annotate-toggle"]');
    await page.click(`[data-panel="kpis"] .panel-note:has-text("${NOTE}") [aria-label="删除"]`);
    await page.click('[data-testid="annotate-toggle"]');
    await page.click('[data-testid="export-open"]');
    await page.check('input[name="png-size"][value="1920x1080"]');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90000 }), page.click('[data-testid="export-png"]')]);
    const file = join(tmp, 'export-1920-nonote.png');
    await download.saveAs(file);
    await page.keyboard.press('Escape');
    const without = decodePng(readFileSync(file));
    let n = 0, x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
    for (let y = 0; y < Math.floor(footerTop) - 2; y++)
      for (let x = 0; x < 1920; x++) {
        const i = (y * 1920 + x) * 4;
        if (Math.abs(withNote.data[i] - without.data[i]) + Math.abs(withNote.data[i + 1] - without.data[i + 1]) + Math.abs(withNote.data[i + 2] - without.data[i + 2]) > 30) {
          n++; x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
        }
      }
    assert.ok(n > 2000, `the note changes the image (${n} px)`);
    const box = `[${x0},${y0}]–[${x1},${y1}] vs kpis [${Math.round(r.left)},${Math.round(r.top)}]–[${Math.round(r.right)},${Math.round(r.bottom)}]`;
    assert.ok(x0 >= r.left - 4 && x1 <= r.right + 4 && y0 >= r.top - 4 && y1 <= r.bottom + 4, `only inside the kpis panel: ${box}`);
  });
});

function thinDetailRaw(data, width, height) {
  const luma = (i) => 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
  let thin = 0;
  for (let y = 0; y < height; y += 3)
    for (let x = 1; x < width - 1; x++) {
      const i = (y * width + x) * 4;
      const l = luma(i), a = luma(i - 4), b = luma(i + 4);
      if ((l - a > 40 && l - b > 40) || (a - l > 40 && b - l > 40)) thin++;
    }
  return thin;
}

describe('notes pinned to a map location', () => {
  let ctx;
  let page;
  const NOTE = '此处拟建区县数据分中心';
  const mapPanel = '[data-panel="map"]';
  const mapReady = (p) => p.locator(`${mapPanel} .map-panel[data-map-state="ready"]`).waitFor({ timeout: 60000 });
  before(async () => {
    ({ page, context: ctx } = await openPage(browser, viewUrl(srv.url, { city: 'jining', page: 'overview' })));
    await waitReady(page, { timeout: 60000 });
    await mapReady(page);
  });
  after(async () => ctx?.close());

  it('annotate mode: a click on the map places a numbered marker there, with the note; it survives a reload and prints', async () => {
    await page.click('[data-testid="annotate-toggle"]');
    await page.locator(`${mapPanel} [data-testid="map-pick-hint"]`).waitFor({ state: 'visible' });
    const box = await page.locator(`${mapPanel} [data-testid="map-canvas"]`).boundingBox();
    const at = { x: Math.round(box.x + box.width * 0.45), y: Math.round(box.y + box.height * 0.55) };
    await page.mouse.click(at.x, at.y);
    const place = page.locator(`${mapPanel} [data-testid="note-place"]`);
    await place.waitFor({ state: 'visible', timeout: 5000 });
    assert.match(normText(await place.innerText()), /位置 1\d\d\.\d{4}, 3\d\.\d{4}/, 'the editor shows the picked place (lng, lat)');
    assert.equal(await page.locator(`${mapPanel} .map-panel`).getAttribute('data-drilled'), '', 'picking a place does not drill into a county');
    await page.fill(`${mapPanel} [data-testid="note-editor"] textarea`, NOTE);
    await page.click(`${mapPanel} [data-testid="note-save"]`);
    const pin = page.locator(`${mapPanel} .map-pin`);
    await pin.waitFor({ state: 'visible', timeout: 5000 });
    assert.equal(normText(await pin.innerText()), '1');
    assert.equal(await pin.getAttribute('title'), NOTE);
    // anchored by its bottom edge at the clicked point
    const pb = await pin.boundingBox();
    assert.ok(Math.abs(pb.x + pb.width / 2 - at.x) <= 3 && Math.abs(pb.y + pb.height - at.y) <= 3, `marker at ${JSON.stringify(pb)}, clicked ${JSON.stringify(at)}`);
    await page.click('[data-testid="annotate-toggle"]');
    await page.reload();
    await waitReady(page, { timeout: 60000 });
    await mapReady(page);
    await pin.waitFor({ state: 'visible', timeout: 10000 });
    const pb2 = await pin.boundingBox();
    assert.ok(Math.abs(pb2.x - pb.x) <= 3 && Math.abs(pb2.y - pb.y) <= 3, 'the same place after a reload');
    assert.match(normText(await page.locator(`${mapPanel} .panel-note`, { hasText: NOTE }).innerText()), /^1 ◎/);
    // the print view (PDF) draws the marker too
    const print = await ctx.newPage();
    try {
      await print.setViewportSize({ width: 1280, height: 720 });
      await print.goto(`${srv.url}?print=page&page=overview&city=jining&size=16x9&lang=zh-CN`);
      await waitReady(print, { timeout: 60000 });
      await print.locator(`${mapPanel} .map-pin`, { hasText: '1' }).waitFor({ state: 'visible', timeout: 10000 });
    } finally {
      await print.close();
    }
  });

  it('without a mouse: arrows pick a county, Enter places the note at its centre, Esc cancels', async () => {
    await page.click('[data-testid="annotate-toggle"]');
    await page.locator(`${mapPanel} .map-panel`).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const place = page.locator(`${mapPanel} [data-testid="note-place"]`);
    await place.waitFor({ state: 'visible', timeout: 5000 });
    await page.keyboard.press('Escape');
    await place.waitFor({ state: 'hidden', timeout: 5000 });
    assert.equal(await page.locator(`${mapPanel} .map-pin`).count(), 1, 'cancelled: no second marker');
    await page.click('[data-testid="annotate-toggle"]');
  });
});

describe('PDF of the whole story (print CSS, Chromium page.pdf)', () => {
  it('A4 landscape: one page per step, the formatted figures, notes, sources and footers as text; every page renders non-blank', async () => {
    const { page, close } = await openPage(browser, `${srv.url}?print=story&story=four-cities&size=a4&lang=zh-CN`, { width: 1123, height: 794 });
    try {
      await waitReady(page, { timeout: 60000 });
      const file = join(tmp, 'story.pdf');
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      writeFileSync(file, pdf);
      writeFileSync(join(RESULTS_DIR, 'briefing-story-a4.pdf'), pdf);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      assert.match(info, new RegExp(`Pages:\\s+${STORY.steps.length}\\b`));
      assert.match(info, /Page size:\s+841\.\d+ x 595(\.\d+)? pts|Page size:\s+841\.\d+ x 594\.\d+ pts/);
      STORY.steps.forEach((step, i) => {
        const text = execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
        for (const s of STORY_FIGURES[i]) assert.ok(text.includes(s), `page ${i + 1} (${step.page}/${step.city}) has “${s}”: ${text.slice(0, 300)}`);
        assert.ok(text.includes(step.note['zh-CN'].replace(/\s+/g, '')), `page ${i + 1} has the presenter note`);
        assert.ok(text.includes(`四市大数据工作汇报第${i + 1}/${STORY.steps.length}页`), `page ${i + 1} footer names the story step`);
        assert.match(text, /数据截至\d{4}年\d{1,2}月\d{1,2}日/, `page ${i + 1} footer has the as-of date`);
        assert.match(text, /来源：《[^》]+》/, `page ${i + 1} footer lists sources`);
      });
      execFileSync('pdftoppm', ['-r', '40', '-png', file, join(tmp, 'pg')]);
      const pngs = readdirSync(tmp).filter((f) => /^pg-\d+\.png$/.test(f)).sort();
      assert.equal(pngs.length, STORY.steps.length);
      for (const f of pngs) {
        const png = readFileSync(join(tmp, f));
        assert.ok(!isBlank(png), `${f} is not blank: ${JSON.stringify(imageStats(png))}`);
      }
      noProblems(page, 'story print view');
    } finally {
      await close();
    }
  });

  it('the in-app PDF button prints that view from a hidden frame, titled with the file name', async () => {
    const { page, context, close } = await openPage(browser, viewUrl(srv.url, { city: 'linyi', page: 'overview' }), { width: 1366, height: 768, goto: false });
    try {
      // the print dialog itself is the browser's; record what would be printed instead
      await context.addInitScript(() => {
        window.print = () => {
          window.top.__printed = [...(window.top.__printed ?? []), { search: location.search, title: document.title, sheets: document.querySelectorAll('.print-sheet').length, ready: document.documentElement.dataset.ready }];
        };
      });
      await page.goto(viewUrl(srv.url, { city: 'linyi', page: 'overview' }));
      await waitReady(page);
      await page.click('[data-testid="export-open"]');
      await page.check('[data-testid="pdf-story"]');
      await page.click('[data-testid="export-pdf"]');
      await page.waitForFunction(() => window.__printed?.length === 1, null, { timeout: 60000 });
      const [printed] = await page.evaluate(() => window.__printed);
      assert.match(printed.search, /print=story&story=four-cities&size=a4&lang=zh-CN/);
      assert.equal(printed.title, `三市-四市大数据工作汇报-${TODAY}`); // the story visits three cities
      assert.equal(printed.sheets, STORY.steps.length);
      assert.equal(printed.ready, 'true');
      noProblems(page, 'PDF button');
    } catch (e) {
      throw new Error(`${e.message}\n  ${await describePage(page)}`);
    } finally {
      await close();
    }
  });
});
