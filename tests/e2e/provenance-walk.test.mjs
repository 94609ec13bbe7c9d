/**
 * "Walk every number": on every page × city (zh-CN, 1920×1080) click every visible figure ([data-obs]),
 * check that its provenance dialog names the source document (《title》, or the bundled sample library
 * when the observation has no document), the as-of date and every observation id of the figure, and that
 * Escape closes it. Then check that no other visible text on the page carries a digit, except the
 * non-figure UI listed in ALLOWED (header, dates, computed shares marked 推算, configured targets …):
 * a digit anywhere else is a number shown without provenance.
 *
 * Dictionary: the figures of its first DICT_ROWS rows (all four city columns) are clicked on each city's
 * view; its digit check covers every row. One server, one browser, one reused page; views by URL.
 * Run: `npm run build && node --test --test-concurrency=1 tests/e2e/provenance-walk.test.mjs`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it as itBase } from 'node:test';
import Papa from 'papaparse';
import { REPO_DIR, launchBrowser, logMark, openPage, problemsSince, screenshot, startCockpit, viewUrl, waitReady } from './harness.mjs';

// ------------------------------------------------------------------------------------------------
const PAGES = JSON.parse(readFileSync(join(REPO_DIR, 'src-renderer/pages/pages.json'), 'utf8')).pages.map((p) => p.id);
const CITIES = ['linyi', 'xuancheng', 'jining', 'weifang'];
const VIEWPORT = { width: 1920, height: 1080 };
const READY_TIMEOUT = 20000;
const DICT_ROWS = Number(process.env.WALK_DICT_ROWS ?? 40);

/**
 * Non-figure UI that may show digits. Everything else with a digit must be inside a [data-obs] figure.
 * Besides these, indicator names from the dictionary (e.g. “7×24小时‘随时办’事项数”, “5G基站…”) and
 * plain dates / year labels are not numbers (see residue()).
 */
const ALLOWED = [
  ['[data-testid="header"]', 'header: city buttons, clock, data as-of date'],
  ['.page-switch', 'page tabs'],
  ['.kpi-meta', 'KPI as-of date and change vs an earlier date'],
  ['.derived-num', 'shares computed from stated figures, marked 推算'],
  ['.trust-summary', 'counts of figures by trust mark'],
  ['.doc-title', 'source document titles (e.g. 第43号提案, 2022年度)'],
  ['.doc-meta', 'source document publisher, date, figure count'],
  ['.compare-note', 'note under comparisons'],
  ['.not-reported', 'list of indicators not reported'],
  ['[class^="prov-"], [class*=" prov-"]', 'provenance dialog / hover card'],
  ['.badge', 'trust badges'],
  ['.flow-target', 'configured targets (labelled 配置目标)'],
  ['.dict-count, .dict-dom-n, .dict-id, .dict-def, .dict-asof', 'dictionary meta: counts, ids, definitions, as-of'],
  ['.bt-note, .bt-asof, .bt-legend, .bt-ind-unit', 'benchmark meta: note, as-of, legend, unit'],
  ['.map-legend .lg-row, .map-attribution', 'map legend class bounds (ranges, not figures) and the boundary data version'],
];
const ALLOWED_SELECTOR = ALLOWED.map(([s]) => s).join(', ');
// ------------------------------------------------------------------------------------------------

const csv = (file) => Papa.parse(readFileSync(join(REPO_DIR, 'data-samples', file), 'utf8'), { header: true, skipEmptyLines: true }).data;
const OBS = new Map(csv('observations.csv').map((o) => [o.id, o]));
const DOCS = new Map(csv('documents.csv').map((d) => [d.id, d]));
const INDICATOR_NAMES = csv('dictionary.csv').flatMap((i) => [i.name_zh, i.name_en]).filter((n) => n && /\d/.test(n)).sort((a, b) => b.length - a.length);
const BUNDLED_ZH = '内置样例库（离线）';
const zhDate = (iso) => { const [y, m, d] = iso.split('-').map(Number); return `${y}年${m}月${d}日`; };

/** what is left of a text once indicator names and dates are taken out: a digit left there is a number */
function residue(text) {
  let s = text;
  for (const n of INDICATOR_NAMES) s = s.split(n).join(' ');
  return s
    .replace(/\d{4}年(\d{1,2}月(\d{1,2}日)?)?/g, ' ')
    .replace(/\d{4}[-/]\d{1,2}([-/]\d{1,2})?/g, ' ')
    .replace(/(?<![\d.,])(19|20)\d{2}(?=$|[\s)）,，、;；:：·–—-])/g, ' '); // a bare year label, not "2000余个"
}

let cockpit;
let browser;
let view;
const started = Date.now();
let clicked = 0;

before(async () => {
  cockpit = await startCockpit();
  browser = await launchBrowser({ headless: true });
  view = await openPage(browser, cockpit.url, { ...VIEWPORT, goto: false });
});

after(async () => {
  await view?.close();
  await browser?.close();
  await cockpit?.close();
  console.log(`# provenance walk: ${clicked} figures clicked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

/** indices (in document order of [data-obs]) of the figures to click on this view */
async function targets(page, pg) {
  return page.evaluate(({ pg, dictRows }) => {
    const all = [...document.querySelectorAll('[data-obs]')];
    const out = [];
    all.forEach((el, i) => {
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return;
      if (pg === 'dictionary') {
        const tr = el.closest('.dict-body > [role="row"]');
        if (!tr || [...tr.parentElement.children].indexOf(tr) >= dictRows) return;
      }
      out.push({ i, obs: el.getAttribute('data-obs'), text: el.innerText.replace(/\s+/g, ' ').trim(), num: el.querySelector('.fig-num')?.textContent.trim() ?? null, panel: el.closest('[data-panel]')?.getAttribute('data-panel') ?? '?' });
    });
    return out;
  }, { pg, dictRows: DICT_ROWS });
}

/** The open dialog, read once: title, text, and per card its source, as-of and observation id rows. */
async function readDialog(page) {
  return page.evaluate(() => {
    const dlg = document.querySelector('[data-testid="provenance"]');
    if (!dlg) return null;
    const cards = [...dlg.querySelectorAll('.prov-card')].map((card) => {
      const rows = {};
      for (const row of card.querySelectorAll('.prov-row')) rows[row.querySelector('dt')?.textContent.trim() ?? ''] = row.querySelector('dd')?.innerText.replace(/\s+/g, ' ').trim() ?? '';
      return { value: card.querySelector('.prov-value')?.innerText.replace(/\s+/g, ' ').trim() ?? '', rows };
    });
    return { role: dlg.getAttribute('role'), text: dlg.innerText.replace(/\s+/g, ' ').trim(), cards };
  });
}

/** Problems with one figure's dialog (empty when it is right). */
function dialogProblems(t, dlg) {
  const out = [];
  if (dlg.role !== 'dialog') out.push(`role=${dlg.role}, not dialog`);
  const ids = t.obs.split(/\s+/).filter(Boolean);
  if (!ids.length) out.push('empty data-obs');
  if (!dlg.text.includes('记录编号')) out.push('no 记录编号 row');
  for (const id of ids) {
    const card = dlg.cards.find((c) => c.rows['记录编号'] === id);
    if (!card) { out.push(`observation ${id} not listed (记录编号 rows: ${dlg.cards.map((c) => c.rows['记录编号']).join(', ') || 'none'})`); continue; }
    const src = card.rows['来源文件'] ?? '';
    const asOf = card.rows['数据时点'] ?? '';
    const o = OBS.get(id);
    if (o) {
      const doc = o.doc_id ? DOCS.get(o.doc_id) : null;
      if (doc && !src.includes(`《${doc.title_zh}》`)) out.push(`${id}: source shows "${src}", expected 《${doc.title_zh}》`);
      if (!o.doc_id && !src.includes(BUNDLED_ZH)) out.push(`${id}: no document, source shows "${src}", expected ${BUNDLED_ZH}`);
      if (!asOf.includes(zhDate(o.as_of))) out.push(`${id}: as-of shows "${asOf}", expected ${zhDate(o.as_of)}`);
    } else {
      // not a bundled sample observation: still needs a source and a date
      if (!/《[^》]+》/.test(src) && !src.includes(BUNDLED_ZH)) out.push(`${id}: source shows "${src}" (neither 《title》 nor ${BUNDLED_ZH})`);
      if (!/\d{4}年\d{1,2}月/.test(asOf)) out.push(`${id}: as-of shows "${asOf}" (no date)`);
    }
  }
  if (t.num && !dlg.cards.some((c) => c.value.includes(t.num))) out.push(`the figure's number ${t.num} is not in the dialog (values: ${dlg.cards.map((c) => c.value).join(' | ')})`);
  return out;
}

async function walkFigures(page, pg) {
  const list = await targets(page, pg);
  const problems = [];
  const figs = page.locator('[data-obs]');
  const dialog = page.locator('[data-testid="provenance"]');
  for (const t of list) {
    const what = `[${t.panel}] "${t.text}" (${t.obs})`;
    try {
      await figs.nth(t.i).click({ timeout: 5000 });
    } catch (e) {
      problems.push(`${what}: could not be clicked: ${e.message.split('\n')[0]}`);
      continue;
    }
    clicked++;
    try {
      await dialog.waitFor({ state: 'visible', timeout: 3000 });
    } catch {
      problems.push(`${what}: click did not open the provenance dialog`);
      continue;
    }
    const dlg = await readDialog(page);
    for (const p of dlg ? dialogProblems(t, dlg) : ['dialog vanished']) problems.push(`${what}: ${p}`);
    await page.keyboard.press('Escape');
    try {
      await dialog.waitFor({ state: 'detached', timeout: 3000 });
    } catch {
      problems.push(`${what}: Escape did not close the dialog`);
      await page.locator('[data-testid="provenance"] header button').click({ timeout: 1000 }).catch(() => {});
    }
  }
  return { count: list.length, problems };
}

/** Visible text nodes with a digit outside figures and outside the allow-list, after names and dates are removed. */
async function strayDigits(page) {
  const nodes = await page.evaluate((allowed) => {
    const out = [];
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      if (!/\d/.test(n.data)) continue;
      const el = n.parentElement;
      if (!el || el.closest('[data-obs]') || el.closest(allowed) || el.closest('script,style,noscript,title')) continue;
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const chain = [];
      for (let e = el; e && e !== document.body && chain.length < 4; e = e.parentElement) chain.push(e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className.trim() ? `.${e.className.trim().split(/\s+/).join('.')}` : ''));
      out.push({ text: n.data.replace(/\s+/g, ' ').trim(), where: chain.join(' < '), panel: el.closest('[data-panel]')?.getAttribute('data-panel') ?? null });
    }
    return out;
  }, ALLOWED_SELECTOR);
  return nodes.filter((n) => /\d/.test(residue(n.text)));
}

for (const pg of PAGES) {
  for (const city of CITIES) {
    describe(`${pg}×${city}`, () => {
      let readyError = null;
      let mark;
      before(async () => {
        await view.page.goto('about:blank'); // the previous view's in-flight polls are aborted by us, not failed
        mark = logMark(view.page);
        await view.page.goto(viewUrl(cockpit.url, { city, page: pg }), { waitUntil: 'domcontentloaded' });
        await waitReady(view.page, { timeout: READY_TIMEOUT }).catch((e) => (readyError = e));
        await view.page.mouse.move(VIEWPORT.width - 3, VIEWPORT.height - 3);
      });
      const it = (name, fn) => itBase(name, async (t) => {
        if (readyError) throw readyError;
        return fn(t);
      });

      it('no visible digit outside a figure or the non-figure UI allow-list', async () => {
        const stray = await strayDigits(view.page);
        if (stray.length) {
          await screenshot(view.page, `walk-${pg}-${city}-stray-digits`);
          assert.fail(`${stray.length} text(s) with digits shown without provenance on ${pg}×${city}:\n${stray.map((s) => `    panel ${s.panel ?? '(none)'}: "${s.text}"  at ${s.where}`).join('\n')}`);
        }
      });

      it(`every visible figure opens its provenance (source, as-of, 记录编号); Escape closes it${pg === 'dictionary' ? ` (first ${DICT_ROWS} rows)` : ''}`, async () => {
        const { count, problems } = await walkFigures(view.page, pg);
        if (problems.length) assert.fail(`${problems.length} problem(s) among ${count} figures on ${pg}×${city}:\n${problems.map((p) => `    ${p}`).join('\n')}`);
        if (count === 0) {
          const own = await view.page.evaluate((c) => [...document.querySelectorAll('[data-obs]')].filter((e) => e.getAttribute('data-obs').startsWith(`${c}.`)).length, city);
          assert.equal(own, 0, 'no visible figure was found although the page has figures of this city');
        }
      });

      it('no console or page errors', () => {
        assert.deepEqual(problemsSince(view.page, mark), []);
      });
    });
  }
}
