/**
 * Remote feeds and imports end to end, in Debian Chromium: the cockpit (real browser shell) reads a
 * feed from a REAL local HTTP server on 127.0.0.1 that the test makes misbehave. The stale badge says
 * why, the last good figures stay on screen, and the cockpit recovers by itself when the feed is fixed;
 * a restart with the feed down shows the persisted data with its age; files import with a preview.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { assertBuilt, DIST_DIR, SERVER_MODULE, launchBrowser, openPage, waitReady, scrollGeometry, normText, describePage } from './harness.mjs';
import { badCsv, bureauXlsx, mergedXlsx } from './feeds-fixtures.mjs';

const FEED_GOOD = (value, generatedAt) => JSON.stringify({
  format: 'city-brain-cockpit-feed', version: 1, generatedAt, source: { name: '临沂数据中台' },
  observations: [
    { id: 'ly-agg-2030-01', indicatorId: 'data.aggregated_records', cityId: 'linyi', asOf: '2030-01-31', value, qualifier: 'exact' },
  ],
});

/**
 * A feed server that misbehaves on demand (mode), with the CORS headers a cross-origin cockpit needs.
 * `stop()` closes the port (connection refused) and `listen(port)` opens it again.
 */
function faultServer() {
  const state = { mode: 'good', value: 2_000_000_000, gen: '2030-02-01T08:00:00+08:00', requests: 0 };
  const sockets = new Set();
  const timers = new Set();
  const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since', 'Access-Control-Expose-Headers': 'ETag' };
  const json = { ...cors, 'Content-Type': 'application/json' };
  const server = http.createServer((req, res) => {
    res.on('error', () => {});
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      return res.end();
    }
    state.requests++;
    const body = FEED_GOOD(state.value, state.gen);
    const etag = `"${state.value}-${state.gen}"`;
    switch (state.mode) {
      case 'good':
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, { ...cors, ETag: etag });
          return res.end();
        }
        res.writeHead(200, { ...json, ETag: etag });
        return res.end(body);
      case '500':
        res.writeHead(500, cors);
        return res.end('boom');
      case 'hang':
        return undefined;
      case 'html':
        res.writeHead(200, { ...cors, 'Content-Type': 'text/html' });
        return res.end('<html>login</html>');
      case 'invalid':
        res.writeHead(200, json);
        return res.end(body.replace(`"value":${state.value}`, '"value":"lots"'));
      case 'truncated':
        res.writeHead(200, json);
        return res.end(body.slice(0, Math.floor(body.length / 2)));
      case 'huge': {
        // 50 MB of a JSON-looking body, streamed without a Content-Length (the cap must stop the read)
        res.writeHead(200, json);
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < 50 && !res.destroyed) {
            sent++;
            if (!res.write(chunk)) return res.once('drain', pump);
          }
          if (!res.destroyed) res.end();
        };
        return pump();
      }
      case 'drip': {
        res.writeHead(200, json);
        let i = 0;
        const t = setInterval(() => {
          if (res.destroyed || i >= body.length) {
            clearInterval(t);
            timers.delete(t);
            if (!res.destroyed) res.end();
            return;
          }
          res.write(body[i++]);
        }, 150);
        timers.add(t);
        return undefined;
      }
      case 'older':
        res.writeHead(200, { ...json, ETag: '"older"' });
        return res.end(FEED_GOOD(999_000_000, '2020-01-01T08:00:00+08:00'));
      case 'dup': {
        const doc = JSON.parse(body);
        doc.observations.push({ ...doc.observations[0], cityId: 'jining' });
        res.writeHead(200, json);
        return res.end(JSON.stringify(doc));
      }
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  let port = 0;
  const stop = () => new Promise((r) => {
    for (const t of timers) clearInterval(t);
    timers.clear();
    for (const s of sockets) s.destroy();
    if (!server.listening) return r();
    server.close(() => r());
  });
  return {
    state,
    listen: (p = 0) => new Promise((r) => server.listen(p, '127.0.0.1', () => r(port = server.address().port))),
    get port() {
      return port;
    },
    stop,
    close: stop,
  };
}

const VIEW = { width: 1920, height: 1080 };

describe('remote feed: stale badge, last good data, recovery, restart, import', () => {
  let browser;
  let cockpit;
  let feed;
  let feedUrl;
  let dir;
  let feedsFile;
  let ctx;
  const CONFIG = (extra = {}) => ({ sources: [{ url: feedUrl, name: '临沂数据中台' }], pollSeconds: 2, retrySeconds: 0.5, maxRetrySeconds: 1, timeoutSeconds: 2, ...extra });
  let page;

  before(async () => {
    assertBuilt();
    feed = faultServer();
    const port = await feed.listen();
    feedUrl = `http://127.0.0.1:${port}/feed.json`;
    dir = mkdtempSync(join(tmpdir(), 'cockpit-feeds-'));
    feedsFile = join(dir, 'feeds.json');
    writeFileSync(feedsFile, JSON.stringify(CONFIG()));
    const { startServer } = await import(pathToFileURL(SERVER_MODULE).href);
    cockpit = await startServer({ port: 0, host: '127.0.0.1', root: DIST_DIR, launch: { feedsFile } });
    browser = await launchBrowser();
    const opened = await openPage(browser, `${cockpit.url}?city=linyi&page=overview&lang=zh-CN`, VIEW);
    ctx = opened.context;
    page = opened.page;
  });

  after(async () => {
    await ctx?.close().catch(() => {});
    await browser?.close();
    await cockpit?.close();
    await feed?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const badge = () => page.locator('[data-testid="stale-badge"]');
  const visibleText = async () => normText(await page.locator('body').innerText());

  it('shows the feed\'s figure, with the source in its provenance and its last fetch in the header', async () => {
    await waitReady(page);
    await page.waitForFunction(() => document.body.innerText.includes('20亿条'), null, { timeout: 15000 }).catch(async () => assert.fail(`feed figure 20亿条 not shown\n${await describePage(page)}`));
    const pill = page.locator('[data-testid="source-pill"]');
    await pill.first().waitFor({ timeout: 5000 });
    assert.equal(await pill.first().getAttribute('data-level'), 'ok');
    assert.match(normText(await pill.first().innerText()), /临沂数据中台 · \d\d:\d\d 更新/);
    await page.locator('.fig', { hasText: '20亿条' }).first().click();
    const prov = page.locator('[data-testid="provenance"]');
    await prov.waitFor({ timeout: 5000 });
    assert.ok((await prov.innerText()).includes(feedUrl), 'provenance names the feed URL');
    await page.keyboard.press('Escape');
  });

  const FAULTS = [
    ['500', /数据源服务出错（HTTP 500），显示的是 \d\d:\d\d 获取的数据/],
    ['hang', /数据源连接超时，显示的是 \d\d:\d\d 获取的数据/],
    ['refused', /无法连接数据源，显示的是 \d\d:\d\d 获取的数据/],
    ['truncated', /数据源的数据没有传输完整，显示的是 \d\d:\d\d 获取的数据/],
    ['invalid', /未通过校验（\$\.observations\[0\]\.value），显示的是/],
    ['huge', /数据源发来的文件过大，已拒收，显示的是/],
    ['html', /数据源返回的不是数据（可能是网页或登录页）/],
    ['drip', /数据源连接超时，显示的是/],
    ['dup', /数据源的数据含重复记录编号，显示的是/],
  ];
  for (const [mode, words] of FAULTS) {
    it(`feed fault "${mode}": badge says why, the figure stays, recovery without restart`, async () => {
      const before = feed.state.value;
      const shown = before === 2_000_000_000 ? '20亿条' : `${before / 1e8}亿条`;
      if (mode === 'refused') await feed.stop();
      else feed.state.mode = mode;
      await page.locator('[data-testid="refresh-now"]').click();
      await badge().first().waitFor({ timeout: 10000 });
      const text = normText(await badge().first().innerText());
      assert.match(text, words);
      assert.ok((await visibleText()).includes(shown), `last good figure ${shown} stays on screen`);
      // header still intact and no scrollbars with the badge showing
      const g = await scrollGeometry(page);
      assert.equal(g.docClientWidth, g.innerWidth, 'no vertical scrollbar');
      assert.equal(g.docClientHeight, g.innerHeight, 'no horizontal scrollbar');
      // fix the feed with a new value: the cockpit picks it up on its own
      feed.state.value = before + 100_000_000;
      feed.state.gen = new Date(Date.parse(feed.state.gen) + 3_600_000).toISOString();
      feed.state.mode = 'good';
      if (mode === 'refused') await feed.listen(feed.port);
      const next = `${feed.state.value / 1e8}亿条`;
      await page.waitForFunction((t) => document.body.innerText.includes(t) && !document.querySelector('[data-testid="stale-badge"]'), next, { timeout: 15000 })
        .catch(async () => assert.fail(`no recovery to ${next} after ${mode}\n${await describePage(page)}`));
    });
  }

  it('an older document is ignored with a notice; the held figure stays', async () => {
    const shown = `${feed.state.value / 1e8}亿条`;
    feed.state.mode = 'older';
    await page.locator('[data-testid="refresh-now"]').click();
    const pill = page.locator('[data-testid="source-pill"][data-reason="older"]');
    await pill.waitFor({ timeout: 10000 }).catch(async () => assert.fail(`no notice for an older document\n${await describePage(page)}`));
    assert.match(normText(await pill.innerText()), /数据源发来的数据比现有数据旧，已忽略，继续显示现有数据/);
    assert.ok((await visibleText()).includes(shown), `held figure ${shown} stays`);
    assert.ok(!(await visibleText()).includes('9.99亿'), 'the older value is not shown');
    feed.state.mode = 'good';
    feed.state.gen = new Date(Date.parse(feed.state.gen) + 3_600_000).toISOString();
    await page.waitForFunction(() => document.querySelector('[data-testid="source-pill"]')?.getAttribute('data-level') === 'ok', null, { timeout: 10000 });
  });

  it('the sources configuration file is re-read: an invalid file is named with its JSON path and the last valid one stays; a fixed file applies', async () => {
    const shown = `${feed.state.value / 1e8}亿条`;
    writeFileSync(feedsFile, JSON.stringify({ ...CONFIG(), sources: [{ url: 'ftp://files.city.cn/feed.json' }] }));
    const err = page.locator('[data-testid="config-error"]');
    await err.waitFor({ timeout: 10000 }).catch(async () => assert.fail(`invalid config file not reported\n${await describePage(page)}`));
    const text = normText(await err.innerText());
    assert.ok(text.includes(feedsFile), `names the file: ${text}`);
    assert.match(text, /\$\.sources\[0\]\.url/);
    assert.ok((await visibleText()).includes(shown), 'the figure stays');
    assert.equal(await page.locator(`[data-source="${feedUrl}"]`).count(), 1, 'the last valid configuration stays in force');
    // fixed, with a new display name: applied without a restart
    writeFileSync(feedsFile, JSON.stringify({ ...CONFIG(), sources: [{ url: feedUrl, name: '市数据中台' }] }));
    await page.waitForFunction(() => !document.querySelector('[data-testid="config-error"]') && document.querySelector('[data-testid="source-pill"]')?.textContent.includes('市数据中台 ·'), null, { timeout: 10000 })
      .catch(async () => assert.fail(`fixed config not applied\n${await describePage(page)}`));
    assert.ok((await visibleText()).includes(shown));
  });

  it('a source added to the configuration file at a new origin is fetched (one reload lets the new security policy in)', async () => {
    const other = faultServer();
    other.state.value = 1_230_000_000;
    const port = await other.listen();
    const otherUrl = `http://127.0.0.1:${port}/weifang.json`;
    await page.evaluate(() => (window.__beforeReload = true));
    try {
      // a second feed: its figure for Linyi at the same date; the first feed keeps precedence (listed first)
      writeFileSync(feedsFile, JSON.stringify({ ...CONFIG(), sources: [{ url: feedUrl, name: '市数据中台' }, { url: otherUrl, name: '备用数据源' }] }));
      await page.waitForFunction((u) => document.querySelector(`[data-source="${u}"]`)?.getAttribute('data-level') === 'ok', otherUrl, { timeout: 20000 })
        .catch(async () => assert.fail(`new source not fetched\n${await describePage(page)}`));
      assert.ok(other.state.requests > 0, 'the new source was requested');
      assert.equal(await page.evaluate(() => window.__beforeReload ?? false), false, 'the page reloaded to take the new policy');
      // the reloaded page draws its panels after the sources report in: wait for it, then read the figure
      await waitReady(page, { timeout: 30000 });
      const want = `${feed.state.value / 1e8}亿条`;
      await page.waitForFunction((t) => document.body.innerText.includes(t), want, { timeout: 10000 })
        .catch(async () => assert.fail(`the first source keeps precedence: ${want} not shown\n${await describePage(page)}`));
      assert.match(normText(await page.locator(`[data-source="${otherUrl}"]`).innerText()), /备用数据源 · \d\d:\d\d 更新/);
    } finally {
      writeFileSync(feedsFile, JSON.stringify(CONFIG()));
      await page.waitForFunction((u) => !document.querySelector(`[data-source="${u}"]`), otherUrl, { timeout: 10000 }).catch(() => {});
      await other.close();
    }
  });

  it('a restart with the feed down shows the persisted data and its age', async () => {
    const value = feed.state.value;
    await feed.close();
    await page.close();
    page = await ctx.newPage();
    await page.setViewportSize(VIEW);
    await page.goto(`${cockpit.url}?city=linyi&page=overview&lang=zh-CN`);
    await waitReady(page);
    await page.waitForFunction((t) => document.body.innerText.includes(t), `${value / 1e8}亿条`, { timeout: 10000 })
      .catch(async () => assert.fail(`persisted figure not shown after restart\n${await describePage(page)}`));
    await badge().first().waitFor({ timeout: 10000 });
    assert.match(normText(await badge().first().innerText()), /无法连接数据源，显示的是 \d\d:\d\d 获取的数据/);
  });

  it('imports an XLSX through the file input with a preview, then removes it', async () => {
    await page.locator('[data-testid="import-open"]').click();
    const dlg = page.locator('[data-testid="import-dialog"]');
    await dlg.waitFor();
    await page.locator('[data-testid="import-file"]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(badCsv()) });
    const errors = page.locator('[data-testid="import-errors"] tbody tr');
    await errors.first().waitFor({ timeout: 10000 });
    assert.equal(await errors.count(), 6);
    assert.match(normText(await errors.first().innerText()), /bad\.csv 3 指标 \(A\) 未知指标/);
    assert.ok(await page.locator('[data-testid="import-apply"]').isDisabled(), 'a file with errors cannot be applied');
    await page.locator('[data-testid="import-file"]').setInputFiles({ name: '汇聚情况.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(bureauXlsx()) });
    await page.waitForFunction(() => document.querySelector('[data-testid="import-preview"]')?.getAttribute('data-token'), null, { timeout: 10000 });
    const counts = normText(await page.locator('.feed-counts').innerText());
    // 4 rows: Linyi's city figure replaces the feed's figure at the same date (updated), the rest are new
    assert.match(counts, /4\s*数据行 3\s*新增 1\s*更新 0\s*不变/);
    await page.locator('[data-testid="import-apply"]').click();
    await dlg.waitFor({ state: 'detached' });
    // the import outranks the feed: 17.5亿余条 for Linyi
    await page.waitForFunction(() => document.body.innerText.includes('17.5亿'), null, { timeout: 10000 })
      .catch(async () => assert.fail(`imported figure not shown\n${await describePage(page)}`));
    await page.locator('[data-testid="import-pill"]').waitFor();
    await page.locator('[data-testid="sources-open"]').click();
    await page.locator('[data-testid="import-remove"]').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="import-pill"]'), null, { timeout: 10000 });
    await page.keyboard.press('Escape');
  });

  it('a spreadsheet dropped on the window previews, applies, survives a restart, and is removed on request', async () => {
    // drop a file the way the OS does: a DataTransfer with Files on the window
    await page.evaluate((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], '合并单元格.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, [...mergedXlsx()]);
    const dlg = page.locator('[data-testid="import-dialog"]');
    await dlg.waitFor({ timeout: 10000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="import-preview"]')?.getAttribute('data-token'), null, { timeout: 10000 })
      .catch(async () => assert.fail(`no preview for the dropped file\n${await describePage(page)}`));
    assert.match(normText(await page.locator('.feed-counts').innerText()), /^4\s*数据行/);
    await page.locator('[data-testid="import-apply"]').click();
    await dlg.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.body.innerText.includes('12.5亿条'), null, { timeout: 10000 })
      .catch(async () => assert.fail(`imported figure not shown\n${await describePage(page)}`));
    // a failed import afterwards loses nothing
    await page.locator('[data-testid="import-open"]').click();
    await page.locator('[data-testid="import-file"]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(badCsv()) });
    await page.locator('[data-testid="import-errors"] tbody tr').first().waitFor({ timeout: 10000 });
    assert.ok(await page.locator('[data-testid="import-apply"]').isDisabled());
    await page.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
    assert.ok((await visibleText()).includes('12.5亿条'), 'the imported figure stays after a failed import');
    // imported data persists until removed
    await page.reload();
    await waitReady(page);
    await page.waitForFunction(() => document.body.innerText.includes('12.5亿条') && document.querySelector('[data-testid="import-pill"]'), null, { timeout: 10000 })
      .catch(async () => assert.fail(`import not restored after a restart\n${await describePage(page)}`));
    await page.locator('[data-testid="sources-open"]').click();
    await page.locator('[data-testid="import-remove"]').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="import-pill"]') && !document.body.innerText.includes('12.5亿条'), null, { timeout: 10000 });
    await page.keyboard.press('Escape');
  });
});
