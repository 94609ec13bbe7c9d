/**
 * End-to-end checks of every page × city (11 × 4) in Debian Chromium (playwright-core) at 1920×1080,
 * zh-CN, plus page switching by the tabs and every page in English. One server, one browser and one
 * reused browser page for the file; views are opened by URL (?city=…&page=…&lang=…).
 * Run: `npm run build && node --test --test-concurrency=1 tests/e2e/pages.test.mjs`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it as itBase } from 'node:test';
import {
  REPO_DIR, describePage, findVisibleText, launchBrowser, logMark, normText, openPage, problemsSince, screenshot, scrollGeometry,
  startCockpit, viewUrl, waitReady,
} from './harness.mjs';

// ------------------------------------------------------------------------------------------------
// EXPECTATIONS
// ------------------------------------------------------------------------------------------------
const PAGES_JSON = JSON.parse(readFileSync(join(REPO_DIR, 'src-renderer/pages/pages.json'), 'utf8'));
const PAGES = PAGES_JSON.pages.map((p) => p.id);
const PAGE_TITLE = Object.fromEntries(PAGES_JSON.pages.map((p) => [p.id, p.title]));
const CITIES = ['linyi', 'xuancheng', 'jining', 'weifang'];
const CITY_ZH = { linyi: '临沂市', xuancheng: '宣城市', jining: '济宁市', weifang: '潍坊市' };

/** page×city pairs whose sources report nothing: the same list the unit test keeps (src-renderer/pages/pages.test.ts) */
const EXPECTED_EMPTY = (() => {
  const src = readFileSync(join(REPO_DIR, 'src-renderer/pages/pages.test.ts'), 'utf8');
  const m = src.match(/const EXPECTED_EMPTY\s*=\s*\[([\s\S]*?)\]/);
  if (!m) throw new Error('EXPECTED_EMPTY not found in src-renderer/pages/pages.test.ts');
  return new Set([...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]));
})();

/**
 * Formatted figures that must be visible (inside a [data-obs] figure, in the viewport) per page × city,
 * zh-CN. Values checked against data-samples/observations.csv (the observation id is in the comment).
 */
const FIGURES = {
  overview: {
    linyi: ['17.24亿条', '8.1万余人', '第3名'], // data.aggregated_records_20220829, app.shandongtong_users_activated, opendata rank (prefecture)
    xuancheng: ['13.95亿条', '93.6%', '150万人'], // data.aggregated_records, govsvc.online_handling_rate, app.wanshitong_registered_users
    jining: ['158亿条', '59.17亿次', '1260 PFLOPS'], // data.aggregated_records, sharing.sharing_service_calls, cloud.compute_total_pflops
    weifang: ['8.9亿条', '近800万次'], // data.resource_db_records, sharing.provincial_national_data_calls (qualifier 近)
  },
  resources: {
    linyi: ['17.24亿条', '2105项', '1.96亿余条'],
    xuancheng: ['13.95亿条', '1494张'],
    jining: ['158亿条', '68家'],
    weifang: ['8.9亿条', '超过1亿条', '417项'],
  },
  sharing: {
    linyi: ['8383个', '3582个', '第8名'],
    xuancheng: ['62个', '25.3%'],
    jining: ['59.17亿次', '47亿条'],
    weifang: ['2.2亿条', '1400万余次'],
  },
  catalog: {
    linyi: ['7975个', '3.11万个'],
    xuancheng: ['2306条', '1087条', '521条', '698条'], // catalog_total and its three categories (donut legend)
    jining: ['5830个'],
    weifang: ['2.5万余条', '10余项'],
  },
  services: {
    linyi: ['第1名', '8.1万余人'],
    xuancheng: ['93.6%', '150万人', '320万件'],
    jining: ['71%', '297万人', '49余项'], // 49余项: the source says "49余个" (odd phrasing kept, unit 项 from the dictionary)
  },
  rectification: {
    linyi: ['54个', '140多个', '662个'], // status flow: zombie systems rectified, systems surveyed, systems on the cloud
    xuancheng: ['280km²', '7栋'],
    jining: ['345万元'],
  },
  compute: {
    linyi: ['662个', '1622家'],
    xuancheng: ['752核', '约1500核', '276 TB'],
    jining: ['1260 PFLOPS', '2600万余元', '1200 Gbps'],
  },
  proposals: {
    linyi: ['8件', '100%'],
    jining: ['4件', '5条'],
  },
  economy: {
    linyi: ['40家', '4年'],
    jining: ['368家', '2000余个'],
  },
  // the benchmark table shows every city; check the current city's own figure and another city's
  benchmark: {
    linyi: ['17.24亿条', '158亿条'],
    xuancheng: ['13.95亿条', '2306条'],
    jining: ['158亿条', '8.9亿条'],
    weifang: ['8.9亿条', '17.24亿条'],
  },
  // the dictionary shows every city's latest figure; the resources domain comes first
  dictionary: {
    linyi: ['17.24亿条', '158亿条'],
    xuancheng: ['13.95亿条'],
    jining: ['158亿条'],
    weifang: ['8.9亿条'],
  },
};
const NOT_REPORTED_ZH = '本市资料';
const VIEWPORT = { width: 1920, height: 1080 };
const READY_TIMEOUT = 20000;
const TOL = 1; // px tolerance for geometry checks
// ------------------------------------------------------------------------------------------------

for (const pg of PAGES) {
  for (const city of CITIES) {
    const key = `${pg}×${city}`;
    if (!EXPECTED_EMPTY.has(key) && !FIGURES[pg]?.[city]?.length) throw new Error(`no expected figures for ${key} (add them to FIGURES or EXPECTED_EMPTY)`);
    if (EXPECTED_EMPTY.has(key) && FIGURES[pg]?.[city]) throw new Error(`${key} is in EXPECTED_EMPTY and has expected figures`);
  }
}

let cockpit;
let browser;
let view; // { page, context, log, close } reused by every view of the zh-CN / English sweeps

before(async () => {
  cockpit = await startCockpit();
  browser = await launchBrowser({ headless: true });
  view = await openPage(browser, cockpit.url, { ...VIEWPORT, goto: false });
});

after(async () => {
  await view?.close();
  await browser?.close();
  await cockpit?.close();
});

/** Everything the layout checks need, read in one round trip. */
async function snapshot(page) {
  return page.evaluate(() => {
    const rect = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height }; };
    const panels = [...document.querySelectorAll('section[data-panel]')].map((s) => ({
      id: s.getAttribute('data-panel'),
      kind: s.getAttribute('data-panel-kind'),
      rect: rect(s),
      error: s.querySelector('.panel-error')?.textContent.replace(/\s+/g, ' ').trim() ?? null,
      text: s.innerText.replace(/\s+/g, ' ').trim(),
    }));
    const kpiClipped = [...document.querySelectorAll('.kpi-value')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1)
      .map((e) => ({ panel: e.closest('[data-panel]')?.getAttribute('data-panel'), indicator: e.closest('[data-indicator]')?.getAttribute('data-indicator'), text: e.innerText.replace(/\s+/g, ' ').trim(), scrollWidth: e.scrollWidth, clientWidth: e.clientWidth }));
    // figures cut off by an overflow-hiding ancestor inside their panel (scrollable ancestors are fine: the figure can be scrolled to)
    const figCut = [];
    for (const f of document.querySelectorAll('[data-obs]')) {
      if (!f.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const fr = f.getBoundingClientRect();
      if (fr.width === 0 && fr.height === 0) continue;
      const panel = f.closest('[data-panel]');
      for (let a = f.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        const cs = getComputedStyle(a);
        const ox = cs.overflowX, oy = cs.overflowY;
        if (['auto', 'scroll'].includes(ox) || ['auto', 'scroll'].includes(oy)) break;
        if (ox === 'visible' && oy === 'visible') { if (a === panel) break; continue; }
        const ar = a.getBoundingClientRect();
        const cutX = ox !== 'visible' && (fr.left < ar.left - 1 || fr.right > ar.right + 1);
        const cutY = oy !== 'visible' && (fr.top < ar.top - 1 || fr.bottom > ar.bottom + 1);
        if (cutX || cutY) {
          figCut.push({ panel: panel?.getAttribute('data-panel'), text: f.innerText.replace(/\s+/g, ' ').trim(), obs: f.getAttribute('data-obs'), by: `${a.tagName.toLowerCase()}.${String(a.className).trim().split(/\s+/).join('.')}`, fig: [fr.left, fr.top, fr.right, fr.bottom].map(Math.round), box: [ar.left, ar.top, ar.right, ar.bottom].map(Math.round) });
          break;
        }
        if (a === panel) break;
      }
    }
    const main = document.querySelector('main.page-grid');
    const mainTexts = [];
    if (main) {
      const w = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) {
        const t = n.data.replace(/\s+/g, ' ').trim();
        if (t && n.parentElement.checkVisibility({ visibilityProperty: true, opacityProperty: true })) mainTexts.push({ text: t, inFig: !!n.parentElement.closest('[data-obs]'), panel: n.parentElement.closest('[data-panel]')?.getAttribute('data-panel') ?? null });
      }
    }
    return {
      mainPage: main?.getAttribute('data-page') ?? null,
      header: document.querySelector('[data-testid="header"]')?.innerText.replace(/\s+/g, ' ').trim() ?? '',
      panels, kpiClipped, figCut, mainTexts,
      figures: [...document.querySelectorAll('[data-obs]')].map((e) => ({ obs: e.getAttribute('data-obs'), text: e.innerText.replace(/\s+/g, ' ').trim() })),
      titles: [...document.querySelectorAll('.panel-title')].map((e) => e.textContent.trim()),
    };
  });
}

function layoutProblems(snap) {
  const out = [];
  const vw = VIEWPORT.width, vh = VIEWPORT.height;
  for (const p of snap.panels) {
    const r = p.rect;
    if (r.width <= 0 || r.height <= 0) out.push(`panel ${p.id} (${p.kind}) has no area: ${JSON.stringify(r)}`);
    if (r.left < -TOL || r.top < -TOL || r.right > vw + TOL || r.bottom > vh + TOL)
      out.push(`panel ${p.id} (${p.kind}) not inside the ${vw}×${vh} viewport: left ${r.left.toFixed(1)} top ${r.top.toFixed(1)} right ${r.right.toFixed(1)} bottom ${r.bottom.toFixed(1)}`);
  }
  for (let i = 0; i < snap.panels.length; i++) {
    for (let j = i + 1; j < snap.panels.length; j++) {
      const a = snap.panels[i].rect, b = snap.panels[j].rect;
      const ox = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const oy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (ox > TOL && oy > TOL) out.push(`panels ${snap.panels[i].id} and ${snap.panels[j].id} overlap by ${ox.toFixed(1)}×${oy.toFixed(1)} px`);
    }
  }
  return out;
}

/** Text with dates (2021年7月20日, 2021-07, 2021/07/20, 2021) removed: what is left may be a number. */
const stripDates = (s) => s.replace(/\d{4}年\d{1,2}月(\d{1,2}日)?/g, ' ').replace(/\d{4}[-/]\d{1,2}([-/]\d{1,2})?/g, ' ').replace(/(?<!\d)(19|20)\d{2}(?!\d)/g, ' ');
/** a zero shown as a quantity: "0", "0个", "0%", "0.0" — not part of a larger number */
const FAKE_ZERO = /(?<![\d.,])0(\.0+)?(?![\d.,])/;

/** describe() for one view that fails the later checks fast when the page never became ready */
function viewSuite(title, { url, expectPage }, body) {
  describe(title, () => {
    const state = { readyError: null, mark: null, snap: null };
    before(async () => {
      // leave the previous view first: requests it still had in flight (the 3 s page-config poll) are aborted
      // by this navigation, not failed by the app, and must not count against the next view
      await view.page.goto('about:blank');
      state.mark = logMark(view.page);
      await view.page.goto(url(), { waitUntil: 'domcontentloaded' });
      await waitReady(view.page, { timeout: READY_TIMEOUT }).catch((e) => (state.readyError = e));
      if (!state.readyError) {
        await view.page.mouse.move(VIEWPORT.width - 3, VIEWPORT.height - 3); // no hover card
        state.snap = await snapshot(view.page);
      }
    });
    const it = (name, fn) => itBase(name, async (t) => {
      if (state.readyError && !name.startsWith('becomes ready')) assert.fail(`page never became ready (see "becomes ready"): ${state.readyError.message.split('\n')[0]}`);
      return fn(t);
    });
    it('becomes ready, shows the page, no console or page errors', async () => {
      if (state.readyError) throw state.readyError;
      assert.equal(state.snap.mainPage, expectPage, `main[data-page] is ${state.snap.mainPage}, expected ${expectPage}`);
      assert.deepEqual(problemsSince(view.page, state.mark), [], 'console errors / page errors / failed requests');
    });
    body(it, state);
  });
}

// ------------------------------------------------------------------------------------------------ every page × city, zh-CN
for (const pg of PAGES) {
  for (const city of CITIES) {
    const key = `${pg}×${city}`;
    const empty = EXPECTED_EMPTY.has(key);
    viewSuite(`${key} zh-CN ${VIEWPORT.width}×${VIEWPORT.height}`, { url: () => viewUrl(cockpit.url, { city, page: pg }), expectPage: pg }, (it, state) => {
      it('header shows the city and the page title', () => {
        assert.ok(state.snap.header.includes(CITY_ZH[city]), `header lacks ${CITY_ZH[city]}: ${state.snap.header}`);
        assert.ok(state.snap.header.includes(PAGE_TITLE[pg]['zh-CN']), `header lacks the page title ${PAGE_TITLE[pg]['zh-CN']}: ${state.snap.header}`);
      });

      it('no page-level scrollbars', async () => {
        const g = await scrollGeometry(view.page);
        const msg = JSON.stringify(g);
        assert.ok(g.docScrollWidth <= g.docClientWidth, `horizontal overflow: ${msg}`);
        assert.ok(g.docScrollHeight <= g.docClientHeight, `vertical overflow: ${msg}`);
        assert.equal(g.docClientWidth, g.innerWidth, `a vertical scrollbar takes width: ${msg}`);
        assert.equal(g.docClientHeight, g.innerHeight, `a horizontal scrollbar takes height: ${msg}`);
      });

      it('every panel lies inside the viewport and no two panels overlap', () => {
        const want = PAGES_JSON.pages.find((p) => p.id === pg).panels.map((p) => p.id);
        assert.deepEqual(state.snap.panels.map((p) => p.id), want, 'panels on the page differ from pages.json');
        assert.deepEqual(layoutProblems(state.snap), []);
      });

      it('no panel shows a render error (.panel-error)', () => {
        assert.deepEqual(state.snap.panels.filter((p) => p.error !== null).map((p) => `${p.id} (${p.kind}): ${p.error}`), []);
      });

      if (!empty) {
        it(`shows its figures, formatted: ${FIGURES[pg][city].join(', ')}`, async () => {
          const missing = [];
          for (const f of FIGURES[pg][city]) {
            const hits = await findVisibleText(view.page, f);
            const inFig = hits.filter((h) => h.obs);
            if (!inFig.some((h) => h.inViewport)) missing.push(inFig.length ? `${f} (in a figure but outside the viewport)` : hits.length ? `${f} (shown, but not inside a [data-obs] figure)` : f);
          }
          if (missing.length) {
            const figs = state.snap.figures.map((x) => x.text).filter(Boolean);
            assert.fail(`figures not visible: ${missing.join(', ')}\n  figures on the page (${figs.length}): ${figs.slice(0, 50).join(' | ') || '(none)'}\n  ${await describePage(view.page)}`);
          }
        });
      } else {
        it(`in EXPECTED_EMPTY: says "${NOT_REPORTED_ZH}…" and shows no figure of its own and no zero`, () => {
          const all = state.snap.panels.map((p) => p.text).join(' ');
          assert.ok(all.includes(NOT_REPORTED_ZH), `no "${NOT_REPORTED_ZH}" message on the page: ${all.slice(0, 400)}`);
          const own = state.snap.figures.filter((f) => f.obs.split(/\s+/).some((id) => id.startsWith(`${city}.`)));
          assert.deepEqual(own.map((f) => `${f.text} (${f.obs})`), [], `figures of ${city} on a page its sources report nothing for`);
          const zeros = state.snap.mainTexts.filter((t) => FAKE_ZERO.test(stripDates(t.text))).map((t) => `${t.panel}: "${t.text}"`);
          assert.deepEqual(zeros, [], 'a zero is shown where the sources report nothing');
          // every panel that shows this city's own figures (not the four-city comparisons) says why it is empty
          const silent = state.snap.panels.filter((p) => ['kpi-grid', 'gauges', 'donut', 'bar', 'pairs'].includes(p.kind) && !p.text.includes(NOT_REPORTED_ZH)).map((p) => `${p.id} (${p.kind}): ${p.text.slice(0, 120)}`);
          assert.deepEqual(silent, [], `panels without a "${NOT_REPORTED_ZH}" message`);
        });
      }

      it('text not clipped: .kpi-value fits (scrollWidth ≤ clientWidth + 1), no figure cut off by its container', async () => {
        const problems = [
          ...state.snap.kpiClipped.map((k) => `.kpi-value clipped in panel ${k.panel} (${k.indicator}): "${k.text}" scrollWidth ${k.scrollWidth} > clientWidth ${k.clientWidth}`),
          ...state.snap.figCut.map((f) => `figure "${f.text}" (${f.obs}) in panel ${f.panel} cut off by ${f.by}: figure ${f.fig.join(',')} vs box ${f.box.join(',')}`),
        ];
        if (problems.length) await screenshot(view.page, `pages-${pg}-${city}-clipped`);
        assert.deepEqual(problems, []);
      });
    });
  }
}

// ------------------------------------------------------------------------------------------------ switching pages by the tabs
describe('page tabs (linyi, zh-CN): clicking each tab in order', () => {
  let mark;
  before(async () => {
    await view.page.goto('about:blank'); // the previous view's in-flight polls are aborted by us, not failed
    mark = logMark(view.page);
    await view.page.goto(viewUrl(cockpit.url, { city: 'linyi', page: 'overview' }), { waitUntil: 'domcontentloaded' });
    await waitReady(view.page, { timeout: READY_TIMEOUT });
  });

  itBase('has a tab for every page, in pages.json order', async () => {
    const ids = await view.page.$$eval('[data-page-switch]', (els) => els.map((e) => e.getAttribute('data-page-switch')));
    assert.deepEqual(ids, PAGES);
  });

  for (const pg of [...PAGES.slice(1), PAGES[0]]) {
    itBase(`→ ${pg}: becomes ready, URL and tab state follow`, async () => {
      const before = view.page.url();
      await view.page.click(`[data-page-switch="${pg}"]`);
      await view.page.waitForFunction((id) => document.querySelector('main.page-grid')?.getAttribute('data-page') === id && document.documentElement.getAttribute('data-ready') === 'true', pg, { timeout: READY_TIMEOUT, polling: 50 })
        .catch(async (e) => assert.fail(`page ${pg} not shown and ready after clicking its tab (${e.message.split('\n')[0]})\n  ${await describePage(view.page)}`));
      const url = new URL(view.page.url());
      assert.equal(url.searchParams.get('page'), pg, `URL does not carry page=${pg}: ${url} (was ${before})`);
      assert.equal(url.searchParams.get('city'), 'linyi', `URL lost the city: ${url}`);
      assert.equal(await view.page.getAttribute(`[data-page-switch="${pg}"]`, 'aria-current'), 'page', 'the current tab is not marked aria-current="page"');
      const sub = normText(await view.page.locator('.hdr-sub').innerText());
      assert.equal(sub, PAGE_TITLE[pg]['zh-CN'], 'header subtitle does not name the page');
    });
  }

  itBase('no console errors while switching', () => {
    assert.deepEqual(problemsSince(view.page, mark), []);
  });
});

// ------------------------------------------------------------------------------------------------ English
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
for (const pg of PAGES) {
  viewSuite(`${pg}×linyi lang=en`, { url: () => viewUrl(cockpit.url, { city: 'linyi', page: pg, lang: 'en' }), expectPage: pg }, (it, state) => {
    it('panel titles are English (no CJK)', async () => {
      assert.equal(await view.page.getAttribute('html', 'lang'), 'en');
      assert.ok(state.snap.titles.length > 0, 'no .panel-title');
      assert.deepEqual(state.snap.titles.filter((t) => CJK.test(t)), [], 'panel titles with Chinese text');
    });
    it('no page-level scrollbars, .kpi-value not clipped', async () => {
      const g = await scrollGeometry(view.page);
      assert.ok(g.docScrollWidth <= g.docClientWidth && g.docScrollHeight <= g.docClientHeight, `page overflows: ${JSON.stringify(g)}`);
      assert.deepEqual(state.snap.kpiClipped.map((k) => `.kpi-value clipped in panel ${k.panel} (${k.indicator}): "${k.text}" scrollWidth ${k.scrollWidth} > clientWidth ${k.clientWidth}`), []);
    });
  });
}
