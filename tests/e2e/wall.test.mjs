/**
 * Command-centre wall, end to end in Debian Chromium (playwright-core):
 *  - every wall profile (the five built-in ones, a custom W×H, and 4K driven at 200 %): a screenshot
 *    with no scrollbars, every panel inside the viewport and inside its own screen-aligned tile, no two
 *    panels overlapping, chart canvases' backing stores = CSS size × devicePixelRatio, no visible text
 *    below the profile's minimum size (DOM text, and the font sizes the charts draw with);
 *  - a window smaller than the wall: the stage keeps the wall's native size (scrolls) and says so;
 *  - the playlist of the page configuration (a --pages file): order and dwell times honoured with the
 *    fast clock (`?clock=x5`, documented test hook), the old page on screen until the new one is
 *    drawn (no frame without a drawn page), paused while someone uses it, resumed after idle;
 *  - a data refresh updates charts in place (same canvases, no loading state, no remount);
 *  - kiosk in the browser: the playlist runs, the cursor hides when idle, the header keeps clock, city
 *    and as-of;
 *  - a render error in the app is logged and the app comes back by itself (no reload) on the same view.
 * Run: `npm run build && node --test --test-concurrency=1 tests/e2e/wall.test.mjs`.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  DIST_DIR, REPO_DIR, SERVER_MODULE, assertBuilt, describePage, isBlank, launchBrowser, normText, openPage, problemsSince, screenshot, scrollGeometry,
  startCockpit, waitReady,
} from './harness.mjs';

const PAGES_JSON = JSON.parse(readFileSync(join(REPO_DIR, 'src-renderer/pages/pages.json'), 'utf8'));

/** [profile id, viewport (CSS px), device pixel ratio, 16:9 tiles, min text (physical px)] */
const PROFILES = [
  ['1920x1080', 1920, 1080, 1, 1, 12],
  ['3840x2160', 3840, 2160, 1, 1, 24],
  ['3840x2160', 1920, 1080, 2, 1, 24], // a 4K wall driven at 200 % scaling
  ['3840x1080', 3840, 1080, 1, 2, 12],
  ['5760x1080', 5760, 1080, 1, 3, 12],
  ['7680x2160', 7680, 2160, 1, 2, 24],
  ['6656x1792', 6656, 1792, 1, 2, 20], // custom: an LED wall
];

/** Everything the profile checks need, measured in the page. */
function measure({ minPhys }) {
  const dpr = devicePixelRatio;
  const inView = (r) => r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
  const front = document.querySelector('.wall-layer[data-state="front"]');
  const stage = document.querySelector('[data-testid="wall-stage"]')?.getBoundingClientRect();
  const tiles = front ? [...front.querySelectorAll('.wall-tile')].map((t) => ({ page: t.dataset.tilePage, ...t.getBoundingClientRect().toJSON() })) : [];
  const panels = front
    ? [...front.querySelectorAll('[data-panel]')].map((el) => ({ id: `${el.closest('[data-tile-page]')?.dataset.tilePage}/${el.dataset.panel}`, tile: el.closest('[data-tile-page]')?.dataset.tilePage, ...el.getBoundingClientRect().toJSON() }))
    : [];
  const canvases = [...document.querySelectorAll('.wall-layer[data-state="front"] canvas')]
    .filter((c) => c.getBoundingClientRect().width > 0)
    .map((c) => {
      const r = c.getBoundingClientRect();
      return { panel: c.closest('[data-panel]')?.dataset.panel, cssW: r.width, cssH: r.height, w: c.width, h: c.height };
    });
  const small = [];
  let texts = 0;
  let smallest = Infinity;
  for (const el of document.body.querySelectorAll('*')) {
    let own = false;
    for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3 && n.nodeValue.trim()) own = true;
    if (!own) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0 || !inView(r)) continue;
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    texts++;
    const fs = parseFloat(getComputedStyle(el).fontSize) * dpr;
    smallest = Math.min(smallest, fs);
    if (fs < minPhys - 0.05) small.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} "${el.textContent.trim().slice(0, 20)}" ${fs.toFixed(1)}px`);
  }
  const charts = [...document.querySelectorAll('.wall-layer[data-state="front"] .echart')].map((e) => Number(e.dataset.minFont));
  return {
    dpr, innerWidth, innerHeight,
    stage: stage && { w: stage.width, h: stage.height },
    rootFont: parseFloat(getComputedStyle(document.documentElement).fontSize),
    tiles, panels, canvases, small, texts, smallest, charts,
  };
}

describe('wall profiles', () => {
  let server;
  let browser;

  before(async () => {
    assertBuilt();
    server = await startCockpit();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [id, vw, vh, dpr, tiles, minPhys] of PROFILES) {
    it(`${id} in a ${vw}×${vh} window at ${dpr}×: native layout, no scrollbars, panels in their tiles, crisp canvases, readable text`, async () => {
      const { page, close } = await openPage(browser, `${server.url}?city=jining&page=overview&lang=zh-CN&profile=${id}`, { width: vw, height: vh, contextOptions: { deviceScaleFactor: dpr } });
      try {
        await waitReady(page, { timeout: 60000 });
        const name = `wall-${id}${dpr !== 1 ? `@${dpr}x` : ''}`;
        const { buf } = await screenshot(page, name);
        assert.ok(!isBlank(buf), `${name}: the screenshot is blank`);

        const geo = await scrollGeometry(page);
        assert.ok(geo.docScrollWidth <= geo.innerWidth && geo.docScrollHeight <= geo.innerHeight, `${id}: scrollbars (${JSON.stringify(geo)})`);
        assert.equal(await page.locator('[data-testid="wall-preview"]').count(), 0, 'no preview label when the window fits the wall');

        const m = await page.evaluate(measure, { minPhys });
        const [pw, ph] = id.split('x').map(Number);
        // the stage is the wall in CSS px (profile ÷ dpr), the root font the profile's
        assert.deepEqual(m.stage, { w: pw / dpr, h: ph / dpr }, `${id}: stage size`);
        const tileW = pw / tiles;
        assert.ok(Math.abs(m.rootFont * dpr - Math.min(tileW / 120, ph / 67.5)) < 0.01, `${id}: root font ${m.rootFont} CSS px`);

        // one whole page per 16:9 tile, each tile inside its own screen (no panel across a bezel)
        assert.equal(m.tiles.length, tiles, `${id}: ${m.tiles.length} tiles`);
        assert.equal(new Set(m.tiles.map((t) => t.page)).size, tiles, 'each tile shows another page');
        assert.equal(m.tiles[0].page, 'overview');
        const screenW = m.innerWidth / tiles;
        for (const [i, t] of m.tiles.entries()) assert.ok(t.x >= i * screenW - 0.5 && t.x + t.width <= (i + 1) * screenW + 0.5, `${id}: tile ${i} (${t.x}..${t.x + t.width}) crosses screen ${i}`);

        assert.ok(m.panels.length >= tiles * 3, `${id}: only ${m.panels.length} panels`);
        for (const p of m.panels) {
          assert.ok(p.x >= -0.5 && p.y >= -0.5 && p.right <= m.innerWidth + 0.5 && p.bottom <= m.innerHeight + 0.5, `${id}: panel ${p.id} outside the viewport ${JSON.stringify(p)}`);
          const t = m.tiles.find((x) => x.page === p.tile);
          assert.ok(p.x >= t.x - 0.5 && p.right <= t.x + t.width + 0.5, `${id}: panel ${p.id} outside its tile`);
        }
        for (let i = 0; i < m.panels.length; i++)
          for (let j = i + 1; j < m.panels.length; j++) {
            const a = m.panels[i], b = m.panels[j];
            const ow = Math.min(a.right, b.right) - Math.max(a.x, b.x);
            const oh = Math.min(a.bottom, b.bottom) - Math.max(a.y, b.y);
            assert.ok(!(ow > 0.5 && oh > 0.5), `${id}: panels ${a.id} and ${b.id} overlap by ${ow.toFixed(1)}×${oh.toFixed(1)} px`);
          }

        // chart canvases drawn at the wall's pixels: backing store = CSS size × devicePixelRatio
        assert.ok(m.canvases.length >= tiles, `${id}: only ${m.canvases.length} canvases`);
        for (const c of m.canvases) {
          assert.ok(Math.abs(c.w - c.cssW * dpr) <= 1 && Math.abs(c.h - c.cssH * dpr) <= 1, `${id}: canvas in ${c.panel} is ${c.w}×${c.h} for ${c.cssW}×${c.cssH} CSS px at ${dpr}×`);
        }

        // minimum text size: every visible piece of text, and every font size the charts draw with
        assert.ok(m.texts > 50, `${id}: only ${m.texts} visible texts measured`);
        assert.deepEqual(m.small, [], `${id}: text below ${minPhys} px: ${m.small.slice(0, 10).join('; ')}`);
        assert.ok(m.charts.length >= tiles && m.charts.every((x) => x * dpr >= minPhys - 0.05), `${id}: chart text sizes ${m.charts.join(', ')} (CSS px) below ${minPhys / dpr}`);
        assert.deepEqual(problemsSince(page), []);
      } catch (e) {
        e.message += `\n  ${await describePage(page)}`;
        throw e;
      } finally {
        await close();
      }
    });
  }

  it('a window smaller than the wall shows it at native resolution, scrollable and labelled as a preview', async () => {
    const { page, close } = await openPage(browser, `${server.url}?city=linyi&page=overview&profile=5760x1080`, { width: 1440, height: 900 });
    try {
      await waitReady(page, { timeout: 60000 });
      const m = await page.evaluate(measure, { minPhys: 12 });
      assert.deepEqual(m.stage, { w: 5760, h: 1080 });
      assert.equal(m.rootFont, 16, 'not shrunk to the window');
      const geo = await scrollGeometry(page);
      assert.equal(geo.docScrollWidth, 5760);
      const label = page.locator('[data-testid="wall-preview"]');
      assert.ok(await label.isVisible(), 'preview label visible');
      assert.match(normText(await label.innerText()), /大屏原始分辨率预览 5760×1080 · 窗口 1440×900 — 窗口小于大屏：按原始分辨率显示，可滚动查看；未缩放/);
      await screenshot(page, 'wall-5760x1080-in-1440x900');
      // scrolling reaches the third screen at native size
      await page.evaluate(() => scrollTo(5760, 0));
      const third = await page.evaluate(() => document.querySelectorAll('.wall-layer[data-state="front"] .wall-tile')[2].getBoundingClientRect().toJSON());
      assert.ok(third.width > 1900 && third.x < 1440, `third tile after scrolling: ${JSON.stringify(third)}`);
    } finally {
      await close();
    }
  });
});

/** Records, from before the app starts, when layers appear and when one comes on screen. */
function recorder() {
  const log = (window.__wallLog = []);
  const seen = new WeakSet();
  const note = (el, ev) => log.push({ t: performance.now(), ev, page: el.getAttribute('data-layer-page'), city: el.getAttribute('data-layer-city') });
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'childList') {
        for (const n of r.addedNodes) {
          if (n.nodeType !== 1) continue;
          for (const el of [n, ...n.querySelectorAll('.wall-layer')]) {
            if (!el.classList?.contains('wall-layer') || seen.has(el)) continue;
            seen.add(el);
            note(el, 'mount');
            if (el.getAttribute('data-state') === 'front') note(el, 'front');
          }
        }
      } else if (r.attributeName === 'data-index' && r.target.getAttribute('data-index') !== r.oldValue) {
        // the playlist status in the header: the schedule asked for the next item
        log.push({ t: performance.now(), ev: 'ask', index: Number(r.target.getAttribute('data-index')) });
      } else if (r.target.classList?.contains('wall-layer') && r.target.getAttribute('data-state') === 'front' && r.oldValue !== 'front') {
        note(r.target, 'front');
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-index'], attributeOldValue: true });
  // every frame: is there a drawn page on screen? (no loading message, no empty stage)
  const frames = (window.__wallFrames = { total: 0, bad: [] });
  const sample = () => {
    if (document.documentElement.dataset.armed === '1') {
      frames.total++;
      const front = document.querySelector('.wall-layer[data-state="front"]');
      // the loading state of a panel (not its "nothing reported" message, which is a drawn state)
      const loading = front && [...front.querySelectorAll('.panel-msg, .map-loading')].filter((e) => /正在加载|Loading/.test(e.textContent) && e.checkVisibility());
      if (!front || loading.length) frames.bad.push({ t: performance.now(), why: front ? `loading message on screen: ${front.getAttribute('data-layer-page')}/${front.getAttribute('data-layer-city')} ${loading.map((e) => e.closest('[data-panel]')?.getAttribute('data-panel')).join(',')}` : 'no page on screen' });
    }
    requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
}

describe('wall playlist, in-place refresh, kiosk, recovery', () => {
  let dir;
  let cockpit;
  let browser;
  let feed;
  let feedValue = 2_000_000_000;
  // 3 + 8 + 4 s at ×5: 600, 1600 and 800 ms
  const PLAYLIST = [
    { page: 'overview', city: 'linyi', dwell: 3 },
    { page: 'sharing', city: 'jining', dwell: 8 },
    { page: 'services', city: 'xuancheng', dwell: 4 },
  ];
  const SCALE = 5;

  before(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'cockpit-wall-'));
    const pagesFile = join(dir, 'pages.json');
    writeFileSync(pagesFile, JSON.stringify({ ...PAGES_JSON, playlist: PLAYLIST }));
    // a feed whose value the test changes, for the in-place refresh
    feed = http.createServer((req, res) => {
      const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since', 'Access-Control-Expose-Headers': 'ETag' };
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors);
        return res.end();
      }
      const etag = `"v${feedValue}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { ...cors, ETag: etag });
        return res.end();
      }
      res.writeHead(200, { ...cors, 'Content-Type': 'application/json', ETag: etag });
      res.end(JSON.stringify({
        format: 'city-brain-cockpit-feed', version: 1, generatedAt: '2030-02-01T08:00:00+08:00', source: { name: '临沂数据中台' },
        observations: [{ id: 'ly-agg-2030-01', indicatorId: 'data.aggregated_records', cityId: 'linyi', asOf: '2030-01-31', value: feedValue, qualifier: 'exact' }],
      }));
    });
    const port = await new Promise((r) => feed.listen(0, '127.0.0.1', () => r(feed.address().port)));
    const feedsFile = join(dir, 'feeds.json');
    writeFileSync(feedsFile, JSON.stringify({ sources: [{ url: `http://127.0.0.1:${port}/feed.json`, name: '临沂数据中台' }], pollSeconds: 3600 }));
    const { startServer } = await import(pathToFileURL(SERVER_MODULE).href);
    cockpit = await startServer({ port: 0, host: '127.0.0.1', root: DIST_DIR, launch: { pagesFile, feedsFile } });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await cockpit?.close();
    await new Promise((r) => (feed ? feed.close(() => r()) : r()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('plays the configured pages × cities in order with their dwell times, never showing an undrawn page', async () => {
    const { page, close } = await openPage(browser, '', { goto: false });
    try {
      await page.addInitScript(recorder);
      await page.goto(`${cockpit.url}?city=linyi&page=overview&lang=zh-CN&profile=1920x1080&playlist=1&clock=x${SCALE}`);
      await waitReady(page, { timeout: 60000 });
      // the configuration file's playlist (3 items) is in force
      await page.locator('[data-testid="playlist"]', { hasText: '/3' }).waitFor({ timeout: 15000 });
      await page.evaluate(() => {
        document.documentElement.dataset.armed = '1';
        window.__wallT0 = performance.now();
      });
      const want = 7; // two full rounds and back to the start
      await page.waitForFunction((n) => window.__wallLog.filter((e) => e.ev === 'front' && e.t > window.__wallT0).length >= n, want, { timeout: 60000, polling: 100 });
      const { log, t0, frames } = await page.evaluate(() => ({ log: window.__wallLog, t0: window.__wallT0, frames: window.__wallFrames }));
      const fronts = log.filter((e) => e.ev === 'front' && e.t > t0);
      const order = fronts.map((e) => `${e.page}/${e.city}`);
      const first = PLAYLIST.findIndex((p) => `${p.page}/${p.city}` === order[0]);
      assert.ok(first >= 0, `first item on screen ${order[0]} is not in the playlist`);
      assert.deepEqual(order, Array.from({ length: order.length }, (_, i) => `${PLAYLIST[(first + i) % 3].page}/${PLAYLIST[(first + i) % 3].city}`), 'playlist order');
      // dwell: from an item coming on screen to the schedule asking for the next one (which is then drawn off screen)
      const dwells = [];
      for (let i = 0; i + 1 < fronts.length; i++) {
        const item = PLAYLIST[(first + i) % 3];
        const ask = log.find((e) => e.ev === 'ask' && e.t > fronts[i].t && e.index === (first + i + 1) % 3);
        assert.ok(ask, `no request for item ${(first + i + 1) % 3} after ${item.page}/${item.city} came on screen`);
        dwells.push({ item: `${item.page}/${item.city}`, want: (item.dwell * 1000) / SCALE, got: Math.round(ask.t - fronts[i].t), load: Math.round(fronts[i + 1].t - ask.t) });
      }
      for (const d of dwells) assert.ok(d.got >= d.want - 30 && d.got <= d.want + 400, `dwell of ${d.item}: ${d.got} ms, expected ${d.want} ms (×${SCALE} clock)\n${JSON.stringify(dwells)}`);
      // the overview's dwell (3 s of schedule time, 0.6 s real) is too short for the live WebGL map to pay off: its poster stays
      assert.equal(await page.evaluate(() => performance.getEntriesByName('cockpit:map-drawn').length), 0, 'a live map was built for a page with a short dwell');
      // the old page stays until the new one is drawn: every frame showed a drawn page
      assert.ok(frames.total > 20, `only ${frames.total} frames sampled`);
      assert.deepEqual(frames.bad.slice(0, 5), [], `${frames.bad.length} of ${frames.total} frames without a drawn page\n${JSON.stringify(log.filter((e) => e.t > t0 - 2000).map((e) => [Math.round(e.t), e.ev, e.page, e.city]))}`);
      // the header shows the playlist's city, the clock and the data as-of
      assert.match(normText(await page.locator('.hdr-city').innerText()), /^(临沂市|济宁市|宣城市)$/);
      assert.ok(await page.locator('[data-testid="clock"]').isVisible());
      assert.match(normText(await page.locator('[data-testid="asof"]').innerText()), /数据截至 \d{4}年\d{1,2}月\d{1,2}日/);
      assert.deepEqual(problemsSince(page), []);
      console.log(`# playlist dwells (ms, ×${SCALE} clock): ${dwells.map((d) => `${d.item} ${d.got}/${d.want} (+${d.load} to draw)`).join('; ')}`);
    } finally {
      await close();
    }
  });

  it('pauses while someone uses the screen, and resumes after the idle time', async () => {
    const { page, close } = await openPage(browser, '', { goto: false });
    try {
      await page.addInitScript(recorder);
      // idle 10 s of schedule time = 2 s real at ×5
      await page.goto(`${cockpit.url}?city=jining&page=sharing&lang=zh-CN&profile=1920x1080&playlist=1&clock=x${SCALE}&idle=10`);
      await waitReady(page, { timeout: 60000 });
      await page.locator('[data-testid="playlist"]', { hasText: '/3' }).waitFor({ timeout: 15000 });
      await page.mouse.move(400, 400);
      await page.mouse.move(420, 420);
      await page.locator('[data-testid="playlist"][data-paused]').waitFor({ timeout: 3000 });
      assert.match(normText(await page.locator('[data-testid="playlist"]').innerText()), /操作中，已暂停/);
      const t = await page.evaluate(() => performance.now());
      // sharing/jining dwells 1.6 s: paused, it stays well beyond that
      await page.waitForTimeout(1800);
      const during = await page.evaluate((since) => window.__wallLog.filter((e) => e.ev === 'front' && e.t > since).length, t);
      assert.equal(during, 0, 'the playlist moved on while paused');
      // no more input: after the idle time and the item's dwell it moves on by itself
      await page.waitForFunction((since) => window.__wallLog.some((e) => e.ev === 'front' && e.t > since), t, { timeout: 15000, polling: 100 });
      const moved = await page.evaluate((since) => window.__wallLog.find((e) => e.ev === 'front' && e.t > since), t);
      assert.equal(`${moved.page}/${moved.city}`, 'services/xuancheng');
      assert.equal(await page.locator('[data-testid="playlist"][data-paused]').count(), 0);
    } finally {
      await close();
    }
  });

  it('a cut shows the new page and hides the old one in the same frame (one full-screen repaint, never both layers)', async () => {
    const { page, close } = await openPage(browser, `${cockpit.url}?city=weifang&page=catalog&lang=zh-CN&profile=1920x1080&transition=cut`);
    try {
      await waitReady(page, { timeout: 60000 });
      await page.evaluate(() => {
        window.__cut = { swaps: 0, bothVisible: 0 };
        const visible = () => [...document.querySelectorAll('.wall-layer')].filter((l) => getComputedStyle(l).visibility === 'visible');
        let front = document.querySelector('.wall-layer[data-state="front"]');
        // runs after each React commit, before the browser paints it
        new MutationObserver(() => {
          const now = document.querySelector('.wall-layer[data-state="front"]');
          if (now && now !== front) window.__cut.swaps++;
          front = now;
          if (visible().length > 1) window.__cut.bothVisible++;
        }).observe(document.querySelector('[data-testid="wall-pages"]'), { attributes: true, subtree: true, childList: true, attributeFilter: ['data-state'] });
      });
      for (const id of ['services', 'rectification']) {
        await page.click(`[data-page-switch="${id}"]`);
        await page.waitForFunction((want) => document.documentElement.dataset.ready === 'true'
          && document.querySelector('.wall-layer[data-state="front"]')?.getAttribute('data-layer-page') === want, id, { timeout: 30000 });
      }
      const cut = await page.evaluate(() => window.__cut);
      assert.equal(cut.swaps, 2, 'two page switches');
      assert.equal(cut.bothVisible, 0, 'the old and the new page were never visible together');
      assert.equal(await page.locator('.wall-layer[data-state="front"] [data-panel]').first().isVisible(), true);
    } finally {
      await close();
    }
  });

  it('a page switch draws each chart of the new page once and never redraws the page it leaves', async () => {
    const { page, close } = await openPage(browser, `${cockpit.url}?city=linyi&page=overview&lang=zh-CN&profile=1920x1080&transition=cut`);
    try {
      await waitReady(page, { timeout: 60000 });
      await page.waitForTimeout(1000);
      const draws = (state) => page.$$eval(`.wall-layer[data-state="${state}"] .echart`, (els) => els.map((e) => `${e.closest('[data-panel]').dataset.panel}:${e.dataset.draws}`));
      assert.deepEqual(await draws('front'), ['composition:1', 'trend:1'], 'the first page: each chart drawn once');
      // every later option given to a chart of the page on screen, until the switch has settled
      await page.evaluate(() => {
        window.__redrawn = [];
        const old = document.querySelector('.wall-layer[data-state="front"]');
        new MutationObserver((ms) => { for (const m of ms) if (old.contains(m.target)) window.__redrawn.push(m.target.closest('[data-panel]').dataset.panel); })
          .observe(old, { attributes: true, subtree: true, attributeFilter: ['data-draws'] });
      });
      for (const id of ['economy', 'services']) {
        await page.click(`[data-page-switch="${id}"]`);
        await page.waitForFunction((want) => document.documentElement.dataset.ready === 'true'
          && document.querySelector('.wall-layer[data-state="front"]')?.getAttribute('data-layer-page') === want
          && !document.querySelector('.wall-layer[data-state="leaving"], .wall-layer[data-state="incoming"]'), id, { timeout: 30000 });
        await page.waitForTimeout(500);
        const now = await draws('front');
        assert.ok(now.length > 0, `${id}: has charts`);
        assert.deepEqual(now.filter((d) => !d.endsWith(':1')), [], `${id}: a chart was given its option more than once (${now.join(', ')})`);
      }
      assert.deepEqual(await page.evaluate(() => window.__redrawn), [], 'the overview was redrawn while it was being left');
    } finally {
      await close();
    }
  });

  it('a data refresh updates the charts in place: same canvases, no loading state, no remount', async () => {
    const { page, close } = await openPage(browser, '', { goto: false });
    try {
      await page.addInitScript(recorder);
      await page.goto(`${cockpit.url}?city=linyi&page=overview&lang=zh-CN&profile=1920x1080`);
      await waitReady(page, { timeout: 60000 });
      await page.waitForFunction(() => document.body.innerText.includes('20亿条'), null, { timeout: 20000 });
      // the live map replaces its poster after the page is ready: count canvases once it has
      await page.waitForSelector('.wall-layer[data-state="front"] [data-panel-kind="map"] .map-panel[data-map-state="ready"]', { timeout: 60000 });
      const before = await page.evaluate(() => {
        const front = document.querySelector('.wall-layer[data-state="front"]');
        window.__tags = { layer: front, canvases: [...front.querySelectorAll('canvas')], panels: [...front.querySelectorAll('[data-panel]')] };
        document.documentElement.dataset.armed = '1';
        window.__readyFlips = 0;
        new MutationObserver(() => {
          if (document.documentElement.dataset.ready !== 'true') window.__readyFlips++;
        }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-ready'] });
        return { canvases: window.__tags.canvases.length, mounts: window.__wallLog.filter((e) => e.ev === 'mount').length };
      });
      feedValue = 2_600_000_000;
      await page.locator('[data-testid="refresh-now"]').click();
      await page.waitForFunction(() => document.body.innerText.includes('26亿条'), null, { timeout: 20000 });
      await page.waitForTimeout(800); // the chart's update animation
      const afterRefresh = await page.evaluate(() => {
        const front = document.querySelector('.wall-layer[data-state="front"]');
        return {
          sameLayer: front === window.__tags.layer,
          canvasesKept: window.__tags.canvases.filter((c) => c.isConnected).length,
          canvasesNow: front.querySelectorAll('canvas').length,
          panelsKept: window.__tags.panels.every((p) => p.isConnected),
          mounts: window.__wallLog.filter((e) => e.ev === 'mount').length,
          readyFlips: window.__readyFlips,
          frames: window.__wallFrames,
        };
      });
      assert.ok(afterRefresh.sameLayer, 'the page was remounted');
      assert.equal(afterRefresh.canvasesKept, before.canvases, 'chart canvases were replaced');
      assert.equal(afterRefresh.canvasesNow, before.canvases);
      assert.ok(afterRefresh.panelsKept, 'panels were remounted');
      assert.equal(afterRefresh.mounts, before.mounts, 'a new layer was mounted');
      assert.equal(afterRefresh.readyFlips, 0, 'data-ready went false during the refresh');
      assert.deepEqual(afterRefresh.frames.bad.slice(0, 5), [], 'a loading state was on screen during the refresh');
      assert.deepEqual(problemsSince(page), []);
    } finally {
      await close();
    }
  });

  it('kiosk in the browser: the playlist runs, the cursor hides when idle, the header keeps clock, city and as-of', async () => {
    const { page, close } = await openPage(browser, `${cockpit.url}?city=linyi&page=overview&lang=zh-CN&profile=1920x1080&kiosk=1`);
    try {
      await waitReady(page, { timeout: 60000 });
      assert.ok(await page.locator('[data-testid="playlist"]').isVisible(), 'the playlist starts by itself in kiosk mode');
      assert.equal(await page.locator('[data-testid="wall-profile"]').count(), 0, 'no settings menu on the kiosk header');
      await page.mouse.move(300, 300);
      const movedAt = await page.evaluate(() => performance.now());
      assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).cursor), 'none');
      // hidden after 3 s without movement: not before (polled), and within a generous bound (a map being built on
      // software GL can hold the UI thread when the timer is due)
      await page.waitForFunction(() => getComputedStyle(document.querySelector('.panel')).cursor === 'none', null, { timeout: 10000, polling: 50 })
        .catch(() => assert.fail('cursor not hidden within 10 s of idle'));
      const idleFor = await page.evaluate((t) => performance.now() - t, movedAt);
      assert.ok(idleFor >= 2900, `cursor hidden after only ${Math.round(idleFor)} ms idle`);
      await page.mouse.move(320, 330);
      assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).cursor), 'none', 'cursor back on movement');
      const names = { linyi: '临沂市', jining: '济宁市', xuancheng: '宣城市' };
      const shownCity = await page.evaluate(() => document.querySelector('.wall-layer[data-state="front"]').getAttribute('data-layer-city'));
      assert.equal(normText(await page.locator('.hdr-city').innerText()), names[shownCity], 'the header names the city on screen');
      assert.ok(await page.locator('[data-testid="clock"]').isVisible());
      assert.ok(await page.locator('[data-testid="asof"]').isVisible());
    } finally {
      await close();
    }
  });

  it('a render error is logged and the app comes back by itself on the same view, without a reload', async () => {
    const { page, close } = await openPage(browser, `${cockpit.url}?city=jining&page=sharing&lang=zh-CN&profile=1920x1080&testhooks=1`);
    try {
      await waitReady(page, { timeout: 60000 });
      const navs = await page.evaluate(() => {
        window.__sameDocument = true;
        return performance.getEntriesByType('navigation').length;
      });
      const t0 = Date.now();
      await page.evaluate(() => dispatchEvent(new Event('cockpit:test-render-error')));
      const notice = page.locator('[data-testid="app-recovering"]');
      await notice.waitFor({ timeout: 3000 });
      assert.match(normText(await notice.innerText()), /界面出错，正在自动恢复…/);
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' && document.querySelector('.wall-layer[data-state="front"]'), null, { timeout: 15000, polling: 100 })
        .catch(async (e) => assert.fail(`${e.message}\n${await describePage(page)}\n${(await page.evaluate(() => [...document.querySelectorAll('.wall-layer')].map((l) => l.dataset.state + ':' + l.dataset.layerPage + ':' + [...l.querySelectorAll('[data-panel]')].map((p) => p.getAttribute('data-panel') + '=' + (p.getAttribute('data-panel-state') ?? '?')).join(',')).join(' | ')))}`));
      const back = Date.now() - t0;
      assert.ok(back < 10000, `back after ${back} ms`);
      const after = await page.evaluate(() => ({
        same: window.__sameDocument === true,
        navs: performance.getEntriesByType('navigation').length,
        page: document.querySelector('.wall-layer[data-state="front"]').getAttribute('data-layer-page'),
        city: document.querySelector('.hdr-city').textContent,
      }));
      assert.deepEqual(after, { same: true, navs, page: 'sharing', city: '济宁市' });
      const logged = (await import('./harness.mjs')).pageLog(page).console.filter((l) => /\[recover\] render error: simulated render error/.test(l));
      assert.equal(logged.length, 1, 'the error is logged once');
      console.log(`# render error → app back in ${back} ms`);
    } finally {
      await close();
    }
  });
});
