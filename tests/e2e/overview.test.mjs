/**
 * End-to-end checks of the overview page in Debian Chromium (playwright-core), served by the real
 * browser shell (out/server/server.mjs) from the renderer build (dist/renderer).
 * Run: `npm run build && node --test --test-concurrency=1 tests/e2e/` (part of `npm test`).
 * Screenshots go to test-results/.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it, it as itBase } from 'node:test';
import {
  copyRoot, describePage, externalRequests, findVisibleText, imageStats, isBlank, normText, openPage,
  pageLog, pageProblems, screenshot, scrollGeometry, startCockpit, waitReady,
} from './harness.mjs';
import { withCockpit } from './hooks.mjs';

// ------------------------------------------------------------------------------------------------
// EXPECTATIONS — one table; adjust here when the data or the formatting rules change.
// figures: formatted headline figures that must be visible on the overview (zh-CN);
// figuresEn: the same page with lang=en; provenance: one figure to click and what its dialog must show.
// ------------------------------------------------------------------------------------------------
const CITIES = {
  linyi: {
    nameZh: '临沂市', nameEn: 'Linyi',
    figures: ['17.24亿条', '8.1万余人'],
    figuresEn: ['1.724 billion', 'over 81 thousand'],
    provenance: {
      figure: '17.24亿条',
      title: '对市政协十六届一次会议第43号提案《关于建设数字政府赋能现代化强市建设的建议》的答复',
      publisher: '临沂市大数据局',
      quote: '2105项17.24亿条数据',
    },
  },
  xuancheng: {
    nameZh: '宣城市', nameEn: 'Xuancheng',
    figures: ['13.95亿条', '93.6%', '150万人'],
    figuresEn: ['93.6%', '1.5 million'],
    provenance: {
      figure: '13.95亿条',
      title: '市数据资源管理局2021年上半年工作总结',
      publisher: '宣城市数据资源局(市政务服务局)',
      quote: '13.95亿条数据',
    },
  },
  jining: {
    nameZh: '济宁市', nameEn: 'Jining',
    figures: ['158亿条', '1260 PFLOPS'],
    figuresEn: ['15.8 billion', '1,260 PFLOPS'],
    provenance: {
      figure: '1260 PFLOPS',
      title: '2025年度市大数据局人大建议和政协提案办理工作情况',
      publisher: '济宁市大数据局',
      quote: '算力总规模达到1260P',
    },
  },
  weifang: {
    nameZh: '潍坊市', nameEn: 'Weifang',
    figures: ['8.9亿条'],
    figuresEn: ['890 million'],
    provenance: {
      figure: '8.9亿条',
      title: '潍坊市大数据局法治政府建设工作情况',
      publisher: '潍坊市大数据局',
      quote: '8.9亿条',
    },
  },
};
const UI = {
  'zh-CN': { appTitle: '城市大脑领导驾驶舱', asOfDate: /\d{4}年\d{1,2}月(\d{1,2}日)?|\d{4}-\d{2}-\d{2}/ },
  en: { appTitle: 'City Brain Leadership Cockpit', asOfDate: /\d{1,2} [A-Z][a-z]{2,3}\.? \d{4}|[A-Z][a-z]{2,3}\.? (\d{1,2}, )?\d{4}|\d{4}-\d{2}-\d{2}/ },
};
/** panel kinds that draw into a canvas (ECharts / map); they may instead show an explicit empty message */
const CHART_PANEL_KINDS = new Set(['bar', 'compare', 'series', 'donut', 'gauges', 'timeline', 'line', 'pie', 'chart', 'map']);
const VIEWPORT = { width: 1920, height: 1080 };
const READY_TIMEOUT = 20000;
/** Chromium's own favicon probe (the page declares none): its 404 and console line are not app errors */
const IGNORED_BAD_RESPONSE = /\/favicon\.ico$/;
const IGNORED_CONSOLE = /\/favicon\.ico:\d+\)$/;
// ------------------------------------------------------------------------------------------------

const overviewUrl = (base, city, lang = 'zh-CN') => `${base}?city=${city}&page=overview&lang=${lang}`;

function fmtProblems(page) {
  const problems = pageProblems(page).filter((e) => !IGNORED_CONSOLE.test(e));
  const bad = pageLog(page).badResponses.filter((r) => !IGNORED_BAD_RESPONSE.test(r));
  const failed = pageLog(page).failedRequests.filter((r) => !/favicon\.ico/.test(r));
  return [...problems, ...bad.map((r) => `HTTP ${r}`), ...failed.map((r) => `request failed: ${r}`)];
}

async function assertFiguresVisible(page, figures) {
  const missing = [];
  for (const f of figures) {
    const hits = await findVisibleText(page, f);
    if (!hits.some((h) => h.inViewport)) missing.push(hits.length ? `${f} (present but outside the viewport)` : f);
  }
  if (missing.length) {
    const figs = await page.$$eval('[data-obs]', (els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim()).filter(Boolean));
    assert.fail(`figures not visible: ${missing.join(', ')}\n  figures on the page (${figs.length}): ${figs.slice(0, 40).join(' | ') || '(none)'}\n  ${await describePage(page)}`);
  }
}

/** The [data-obs] element that shows `text`, preferring visible ones inside the viewport. */
async function figureElement(page, text) {
  const loc = page.locator('[data-obs]', { hasText: text });
  const n = await loc.count();
  for (let i = 0; i < n; i++) {
    const el = loc.nth(i);
    if (await el.isVisible()) return el;
  }
  const figs = await page.$$eval('[data-obs]', (els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim()));
  assert.fail(`no visible [data-obs] element containing "${text}"; figures: ${figs.slice(0, 40).join(' | ') || '(none)'}`);
}

async function assertProvenance(page, exp, how) {
  const dlg = page.locator('[data-testid="provenance"]');
  await dlg.waitFor({ state: 'visible', timeout: 5000 }).catch(async () => assert.fail(`provenance dialog did not open (${how}) for ${exp.figure}\n  ${await describePage(page)}`));
  assert.equal(await dlg.getAttribute('role'), 'dialog', 'provenance element must have role="dialog"');
  const text = normText(await dlg.innerText());
  for (const [what, want] of [['document title', exp.title], ['publisher', exp.publisher], ['quote', exp.quote]]) {
    assert.ok(text.includes(normText(want)), `provenance (${how}) for ${exp.figure} lacks the ${what} "${want}"\n  dialog text: ${text.slice(0, 800)}`);
  }
  assert.match(text, /\d{4}/, 'provenance shows no date');
  await page.keyboard.press('Escape');
  await dlg.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => assert.fail(`Escape did not close the provenance dialog (${how})`));
}


const env = withCockpit();

for (const [cityId, exp] of Object.entries(CITIES)) {
  describe(`overview ${cityId} zh-CN ${VIEWPORT.width}×${VIEWPORT.height}`, () => {
    let p;
    let readyError = null;
    before(async () => {
      p = await openPage(env.browser, overviewUrl(env.cockpit.url, cityId), VIEWPORT);
      await waitReady(p.page, { timeout: READY_TIMEOUT }).catch((e) => (readyError = e));
    });
    after(async () => p?.close());
    /** later checks need a drawn page; they fail fast (not with a cascade of timeouts) when it never got ready */
    const it = (name, fn) => itBase(name, async (t) => {
      if (readyError && !name.startsWith('becomes ready')) assert.fail(`page never became ready (see "becomes ready"): ${readyError.message.split('\n')[0]}`);
      return fn(t);
    });

    it('becomes ready (html[data-ready=true]) with lang=zh-CN', async () => {
      if (readyError) throw readyError;
      assert.equal(await p.page.getAttribute('html', 'lang'), 'zh-CN');
    });

    it('shows the headline figures, formatted', async () => {
      await assertFiguresVisible(p.page, exp.figures);
    });

    it('header shows the city name, the data as-of date and a running clock', async () => {
      const header = p.page.locator('[data-testid="header"]');
      const text = normText(await header.innerText());
      assert.ok(text.includes(exp.nameZh), `header lacks the city name ${exp.nameZh}: ${text}`);
      assert.match(text, UI['zh-CN'].asOfDate, `header lacks a data as-of date: ${text}`);
      const clock = p.page.locator('[data-testid="clock"]');
      const t0 = normText(await clock.innerText());
      assert.match(t0, /\d{1,2}:\d{2}:\d{2}/, `clock shows no time: ${t0}`);
      await p.page.waitForFunction((t) => document.querySelector('[data-testid="clock"]')?.innerText.replace(/\s+/g, ' ').trim() !== t, t0, { timeout: 2500 })
        .catch(() => assert.fail(`clock did not tick within 2.5 s (stuck at "${t0}")`));
    });

    it('panels: each has a kind, chart panels draw a non-blank canvas, none shows a render error', async () => {
      const panels = await p.page.$$eval('[data-panel]', (els) => els.map((e) => ({
        id: e.getAttribute('data-panel'),
        kind: e.getAttribute('data-panel-kind'),
        canvases: [...e.querySelectorAll('canvas')].filter((c) => c.width > 0 && c.height > 0).length,
        message: e.querySelector('.panel-msg')?.textContent?.trim() ?? null,
        error: e.querySelector('.panel-error,[role="alert"]')?.textContent?.trim() ?? null,
      })));
      assert.ok(panels.length > 0, 'no [data-panel] on the page');
      for (const panel of panels) {
        assert.ok(panel.kind, `panel ${panel.id} has no data-panel-kind`);
        assert.equal(panel.error, null, `panel ${panel.id} (${panel.kind}) shows an error: ${panel.error}`);
        if (CHART_PANEL_KINDS.has(panel.kind)) assert.ok(panel.canvases > 0 || panel.message, `chart panel ${panel.id} (${panel.kind}) has neither a canvas nor a message`);
      }
      const canvases = p.page.locator('[data-panel] canvas');
      for (let i = 0, n = await canvases.count(); i < n; i++) {
        const c = canvases.nth(i);
        const box = await c.boundingBox();
        if (!box || box.width < 20 || box.height < 20) continue;
        const panel = await c.evaluate((el) => el.closest('[data-panel]').getAttribute('data-panel'));
        const { buf, path } = await screenshot(c, `overview-${cityId}-zh-CN-canvas-${panel}-${i}`);
        const loose = { minDistinctColors: 2, maxDominantShare: 0.999, minLumaStd: 1, minContentShare: 0.001 };
        assert.ok(!isBlank(buf, loose), `canvas in panel ${panel} looks blank (${path}): ${JSON.stringify(imageStats(buf))}`);
      }
    });

    it('every figure is a button with tabindex 0 and observation ids', async () => {
      const figs = await p.page.$$eval('[data-obs]', (els) => els.map((e) => ({ role: e.getAttribute('role'), tab: e.getAttribute('tabindex'), obs: e.getAttribute('data-obs'), text: e.textContent.trim() })));
      assert.ok(figs.length > 0, 'no [data-obs] figures on the page');
      const bad = figs.filter((f) => f.role !== 'button' || f.tab !== '0' || !f.obs?.trim());
      assert.deepEqual(bad, [], 'figures without role=button / tabindex=0 / ids');
    });

    it('clicking a figure opens its provenance; Escape closes it', async () => {
      const el = await figureElement(p.page, exp.provenance.figure);
      await el.click();
      await assertProvenance(p.page, exp.provenance, 'click');
    });

    it('Enter on a focused figure opens its provenance', async () => {
      const el = await figureElement(p.page, exp.provenance.figure);
      await el.focus();
      // count dialog appearances, to tell "never opened" from "opened and closed again at once"
      await p.page.evaluate(() => {
        window.__provSeen = 0;
        window.__provObs?.disconnect();
        window.__provObs = new MutationObserver(() => {
          if (document.querySelector('[data-testid="provenance"]')) window.__provSeen++;
        });
        window.__provObs.observe(document.body, { childList: true, subtree: true });
      });
      await p.page.keyboard.press('Enter');
      await p.page.waitForTimeout(300);
      const open = await p.page.locator('[data-testid="provenance"]').count();
      const seen = await p.page.evaluate(() => (window.__provObs.disconnect(), window.__provSeen));
      if (!open && seen) {
        const active = await p.page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
        assert.fail(`Enter opened the provenance dialog and it closed again at once (the Enter keypress likely activated the dialog's close button, which receives focus on open; the figure's keydown handler should preventDefault). Focus now on: ${active}`);
      }
      await assertProvenance(p.page, exp.provenance, 'Enter');
    });

    it('screenshot is not blank (saved to test-results/)', async () => {
      await p.page.mouse.move(5, VIEWPORT.height - 5); // no hover card in the shot
      const { buf, path } = await screenshot(p.page, `overview-${cityId}-zh-CN-${VIEWPORT.width}x${VIEWPORT.height}`);
      const stats = imageStats(buf);
      assert.equal(stats.width, VIEWPORT.width);
      assert.ok(!isBlank(buf), `screenshot looks blank (${path}): ${JSON.stringify(stats)}`);
    });

    it(`no scrollbars at ${VIEWPORT.width}×${VIEWPORT.height}`, async () => {
      const g = await scrollGeometry(p.page);
      const msg = JSON.stringify(g);
      assert.ok(g.docScrollWidth <= g.docClientWidth, `horizontal overflow: ${msg}`);
      assert.ok(g.docScrollHeight <= g.docClientHeight, `vertical overflow: ${msg}`);
      assert.ok(g.bodyScrollWidth <= g.bodyClientWidth && g.bodyScrollHeight <= g.bodyClientHeight, `body overflows: ${msg}`);
      assert.equal(g.docClientWidth, g.innerWidth, `a vertical scrollbar takes width: ${msg}`);
      assert.equal(g.docClientHeight, g.innerHeight, `a horizontal scrollbar takes height: ${msg}`);
    });

    it('every request stays on the local server', async () => {
      assert.deepEqual(externalRequests(p.page, env.cockpit.origin), [], 'requests to other hosts');
      assert.ok(pageLog(p.page).requests.some((u) => u.includes('cockpit.sqlite')), 'the database was never requested (worker requests not seen?)');
    });

    it('no console errors, page errors or failed requests', async () => {
      assert.deepEqual(fmtProblems(p.page), []);
    });
  });
}

describe('first render', () => {
  it('draws each chart once (nothing redraws a chart whose data did not change once the page is ready)', async () => {
    const { page, close } = await openPage(env.browser, overviewUrl(env.cockpit.url, 'linyi'), VIEWPORT);
    try {
      await waitReady(page, { timeout: READY_TIMEOUT });
      await page.waitForTimeout(1500);
      const draws = await page.$$eval('.echart', (els) => els.map((e) => `${e.closest('[data-panel]').dataset.panel}:${e.dataset.draws}`));
      assert.deepEqual(draws, ['composition:1', 'trend:1']);
    } finally {
      await close();
    }
  });
});

describe('city switcher', () => {
  let p;
  before(async () => {
    p = await openPage(env.browser, overviewUrl(env.cockpit.url, 'linyi'), VIEWPORT);
    await waitReady(p.page, { timeout: READY_TIMEOUT });
  });
  after(async () => p?.close());

  it('has a switch button for every city', async () => {
    const ids = await p.page.$$eval('[data-city-switch]', (els) => els.map((e) => e.getAttribute('data-city-switch')));
    for (const id of Object.keys(CITIES)) assert.ok(ids.includes(id), `no [data-city-switch="${id}"] (found ${ids.join(', ')})`);
  });

  for (const target of ['xuancheng', 'jining', 'weifang', 'linyi']) {
    it(`switches to ${target}`, async () => {
      const exp = CITIES[target];
      await p.page.click(`[data-city-switch="${target}"]`);
      await p.page.waitForFunction((name) => document.querySelector('[data-testid="header"] h1')?.textContent.includes(name)
        ?? document.querySelector('[data-testid="header"]')?.textContent.includes(name), exp.nameZh, { timeout: 5000 })
        .catch(async () => assert.fail(`header does not show ${exp.nameZh} after switching\n  ${await describePage(p.page)}`));
      await waitReady(p.page, { timeout: READY_TIMEOUT });
      assert.match(p.page.url(), new RegExp(`[?&]city=${target}(&|$)`), 'URL does not carry the city');
      await assertFiguresVisible(p.page, exp.figures);
      const pressed = await p.page.getAttribute(`[data-city-switch="${target}"]`, 'aria-pressed');
      if (pressed !== null) assert.equal(pressed, 'true', 'the current city button is not marked pressed');
    });
  }

  it('browser Back returns to the previous city', async () => {
    const before = await p.page.evaluate(() => history.length);
    await p.page.goBack({ waitUntil: 'commit' });
    await p.page.waitForURL(/[?&]city=weifang(&|$)/, { timeout: 5000, waitUntil: 'commit' })
      .catch(() => assert.fail(`Back went to ${p.page.url()} instead of ?city=weifang (history.length was ${before}: city switches do not push history entries)`));
    await p.page.waitForFunction((name) => document.querySelector('[data-testid="header"]')?.textContent.includes(name), CITIES.weifang.nameZh, { timeout: 5000 })
      .catch(async () => assert.fail(`Back changed the URL but not the page\n  ${await describePage(p.page)}`));
    await waitReady(p.page, { timeout: READY_TIMEOUT });
    await assertFiguresVisible(p.page, CITIES.weifang.figures);
  });

  it('no console errors while switching', async () => {
    assert.deepEqual(fmtProblems(p.page), []);
    assert.deepEqual(externalRequests(p.page, env.cockpit.origin), []);
  });
});

describe('lang=en', () => {
  for (const [cityId, exp] of Object.entries(CITIES)) {
    it(`${cityId}: English UI, city name and figures`, async () => {
      const p = await openPage(env.browser, overviewUrl(env.cockpit.url, cityId, 'en'), VIEWPORT);
      try {
        await waitReady(p.page, { timeout: READY_TIMEOUT });
        await screenshot(p.page, `overview-${cityId}-en-${VIEWPORT.width}x${VIEWPORT.height}`);
        assert.equal(await p.page.getAttribute('html', 'lang'), 'en');
        const header = normText(await p.page.locator('[data-testid="header"]').innerText());
        assert.ok(header.includes(exp.nameEn), `header lacks ${exp.nameEn}: ${header}`);
        assert.ok(!header.includes(exp.nameZh), `header still shows the Chinese city name: ${header}`);
        assert.match(header, UI.en.asOfDate, `header lacks an English as-of date: ${header}`);
        const clock = normText(await p.page.locator('[data-testid="clock"]').innerText());
        assert.ok(!/[\u4e00-\u9fff]/.test(clock), `clock is not in English: ${clock}`);
        const body = normText(await p.page.locator('body').innerText());
        assert.ok(body.includes(UI.en.appTitle), `page lacks the English title "${UI.en.appTitle}"`);
        assert.ok(!body.includes(UI['zh-CN'].appTitle), 'page still shows the Chinese title');
        await assertFiguresVisible(p.page, exp.figuresEn);
        assert.deepEqual(fmtProblems(p.page), []);
        assert.deepEqual(externalRequests(p.page, env.cockpit.origin), []);
      } finally {
        await p.close();
      }
    });
  }
});

describe('broken database shows a fatal error naming cockpit.sqlite', () => {
  const variants = {
    garbage: (real) => Buffer.from('this is not a database\n'.repeat(Math.max(8, Math.floor(real.length / 23)))),
    'truncated to half': (real) => real.subarray(0, Math.floor(real.length / 2)),
    'truncated to 1 KiB': (real) => real.subarray(0, 1024),
    empty: () => Buffer.alloc(0),
    missing: () => null,
  };
  for (const [name, make] of Object.entries(variants)) {
    it(name, async () => {
      const tmp = copyRoot(undefined, 'cockpit-broken-db-');
      let srv, p;
      try {
        const dbPath = join(tmp.dir, 'data/cockpit.sqlite');
        const bytes = make(readFileSync(dbPath));
        if (bytes === null) rmSync(dbPath);
        else writeFileSync(dbPath, bytes);
        srv = await startCockpit({ root: tmp.dir });
        p = await openPage(env.browser, overviewUrl(srv.url, 'linyi'), VIEWPORT);
        const fatal = p.page.locator('[data-testid="fatal-error"]');
        // stop waiting as soon as the page either shows the error or claims to be ready
        await p.page.waitForFunction(() => document.querySelector('[data-testid="fatal-error"]') || document.documentElement.getAttribute('data-ready') === 'true', null, { timeout: READY_TIMEOUT }).catch(() => {});
        await screenshot(p.page, `fatal-db-${name.replace(/\W+/g, '-')}`);
        await fatal.waitFor({ state: 'visible', timeout: 1000 }).catch(async () => {
          assert.fail(`no [data-testid="fatal-error"] within ${READY_TIMEOUT} ms for a ${name} database\n  ${await describePage(p.page)}\n  errors: ${pageProblems(p.page).join(' | ') || 'none'}`);
        });
        const text = normText(await fatal.innerText());
        assert.match(text, /cockpit\.sqlite/, `fatal error does not name cockpit.sqlite: ${text}`);
        assert.notEqual(await p.page.getAttribute('html', 'data-ready'), 'true', 'data-ready=true despite the fatal error');
      } finally {
        await p?.close();
        await srv?.close();
        tmp.remove();
      }
    });
  }
});
