/**
 * feeds: (a) parse + validate + apply of a 100,000-observation JSON feed and a 1,000,000-observation
 * SQLite snapshot in the cockpit (Chromium, data worker; a snapshot is opened, checked in SQL and
 * swapped in, not copied), with the longest main-thread task during a re-apply (PerformanceObserver
 * 'longtask'), and, in Node, what a snapshot without the schema's read indexes adds (the worker builds them); (b) main-thread cost of an unchanged (304) poll, against
 * an idle page without sources; (c) a dashboard aggregate query on the 1,000,000 observations in
 * sql.js (the engine the worker uses, here in Node) vs native SQLite (Debian `sqlite3` CLI) on the same file.
 *
 * The data is generated into a temp dir. Env: BENCH_FEED_JSON_N (100000), BENCH_FEED_SQLITE_N (1000000),
 * BENCH_POLL_WINDOW_S (12), BENCH_FEEDS_SKIP_BROWSER=1 (only the aggregate comparison).
 * Native SQLite needs the `sqlite3` command (Debian package sqlite3); without it that column is skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser, SERVER_MODULE } from '../../tests/e2e/harness.mjs';
import { ms, printTable, stats } from '../lib.mjs';

export const description = 'feed apply (100k JSON, 1M SQLite), 304 poll cost, sql.js vs native aggregate';

const require = createRequire(import.meta.url);
const AGG = "SELECT city_id, indicator_id, max(as_of) AS latest, count(*) AS n, sum(value) AS total FROM observations WHERE county_adcode IS NULL GROUP BY city_id, indicator_id";

async function sqlJs() {
  const initSqlJs = require('sql.js');
  return initSqlJs({ wasmBinary: readFileSync(require.resolve('sql.js/dist/sql-wasm.wasm')) });
}

function catalogOf(SQL, sampleBytes) {
  const db = new SQL.Database(sampleBytes);
  const col = (sql) => db.exec(sql)[0].values.map((r) => r[0]);
  const out = { indicators: col('SELECT id FROM indicators ORDER BY id'), cities: col('SELECT id FROM cities ORDER BY id') };
  db.close();
  return out;
}

const day = (k) => new Date(Date.UTC(2000, 0, 1) + k * 86_400_000).toISOString().slice(0, 10);

function* synthetic(n, cat) {
  const per = cat.indicators.length * cat.cities.length;
  for (let i = 0; i < n; i++) {
    yield {
      id: `b${i}`, indicatorId: cat.indicators[i % cat.indicators.length], cityId: cat.cities[Math.floor(i / cat.indicators.length) % cat.cities.length],
      asOf: day(Math.floor(i / per)), value: (i * 7919) % 1_000_003,
    };
  }
}

function jsonFeed(n, cat) {
  const obs = [...synthetic(n, cat)];
  return Buffer.from(JSON.stringify({ format: 'city-brain-cockpit-feed', version: 1, generatedAt: '2030-01-01T00:00:00Z', source: { name: 'bench' }, observations: obs }));
}

function sqliteSnapshot(SQL, sampleBytes, n, cat) {
  const db = new SQL.Database(sampleBytes);
  db.run('DELETE FROM observations');
  db.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('generated_at', '2030-01-01T00:00:00Z')");
  db.run('BEGIN');
  const st = db.prepare('INSERT INTO observations (id, indicator_id, city_id, county_adcode, as_of, as_of_basis, value, qualifier, qualifier_zh, doc_id, quote_zh, metric_zh, flags, notes, conflict_group, source) VALUES (?, ?, ?, NULL, ?, \'feed\', ?, \'exact\', \'\', NULL, \'\', \'\', \'\', \'\', NULL, \'feed\')');
  for (const o of synthetic(n, cat)) st.run([o.id, o.indicatorId, o.cityId, o.asOf, o.value]);
  st.free();
  db.run('COMMIT');
  const bytes = db.export();
  db.close();
  return Buffer.from(bytes);
}

/** Static feed files with ETag / 304 / CORS; `bump(name)` changes a file's ETag (a new version). */
function fileServer(files) {
  const state = { versions: Object.fromEntries(Object.keys(files).map((k) => [k, 1])), hits: { 200: 0, 304: 0 } };
  const etags = {};
  for (const [k, b] of Object.entries(files)) etags[k] = createHash('sha1').update(b).digest('hex').slice(0, 16);
  const server = http.createServer((req, res) => {
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since', 'Access-Control-Expose-Headers': 'ETag' };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      return res.end();
    }
    const name = req.url.slice(1).split('?')[0];
    const body = files[name];
    if (!body) {
      res.writeHead(404, cors);
      return res.end();
    }
    const etag = `"${etags[name]}-${state.versions[name]}"`;
    if (req.headers['if-none-match'] === etag) {
      state.hits[304]++;
      res.writeHead(304, { ...cors, ETag: etag });
      return res.end();
    }
    state.hits[200]++;
    res.writeHead(200, { ...cors, ETag: etag, 'Content-Type': name.endsWith('.json') ? 'application/json' : 'application/vnd.sqlite3', 'Content-Length': body.length });
    res.end(body);
  });
  return {
    state,
    bump: (name) => state.versions[name]++,
    listen: () => new Promise((r) => server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${server.address().port}/`))),
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

function longTaskScript() {
  window.__lt = [];
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__lt.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no longtask timing */
  }
}

async function taskMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

async function pill(page) {
  return page.evaluate(() => {
    const el = document.querySelector('[data-source]');
    return el && { observations: Number(el.getAttribute('data-observations')), fetchMs: Number(el.getAttribute('data-fetch-ms')), applyMs: Number(el.getAttribute('data-apply-ms')), last: Number(el.getAttribute('data-last-success')), level: el.getAttribute('data-level') };
  });
}

/** One source in a fresh context: first apply, then a re-apply of a new version measured for long tasks. */
async function applyRun(browser, startServer, root, files, srvUrl, name, n, log) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-feeds-cfg-'));
  const feedsFile = join(dir, 'feeds.json');
  writeFileSync(feedsFile, JSON.stringify({ sources: [{ url: `${srvUrl}${name}` }], pollSeconds: 3600, timeoutSeconds: 300, maxMegabytes: 1024 }));
  const cockpit = await startServer({ port: 0, host: '127.0.0.1', root, launch: { feedsFile } });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    await page.addInitScript(longTaskScript);
    const t0 = Date.now();
    await page.goto(`${cockpit.url}?city=linyi&page=overview`);
    await page.waitForFunction((k) => Number(document.querySelector('[data-source]')?.getAttribute('data-observations')) === k, n, { timeout: 600_000, polling: 100 });
    const first = await pill(page);
    const firstWall = Date.now() - t0;
    // re-apply a new version while the page is idle, and watch the main thread
    await page.waitForTimeout(1000);
    files.bump(name);
    const mark = await page.evaluate(() => performance.now());
    const lastBefore = first.last;
    await page.locator('[data-testid="refresh-now"]').click();
    await page.waitForFunction((l) => Number(document.querySelector('[data-source]')?.getAttribute('data-last-success')) > l, lastBefore, { timeout: 600_000, polling: 100 });
    await page.waitForTimeout(1500); // let the panels re-query and re-render
    const second = await pill(page);
    const lt = await page.evaluate((m) => window.__lt.filter((e) => e.start >= m), mark);
    const longest = lt.reduce((a, e) => Math.max(a, e.duration), 0);
    log(`  ${name}: ${n} observations — first load ${firstWall} ms wall (fetch ${first.fetchMs} ms, validate+apply ${first.applyMs} ms); re-apply fetch ${second.fetchMs} ms, validate+apply ${second.applyMs} ms; longest main-thread task during re-apply ${Math.round(longest)} ms (${lt.length} long tasks)`);
    return { observations: n, bytes: files.size(name), firstLoadWallMs: firstWall, first: { fetchMs: first.fetchMs, applyMs: first.applyMs }, reapply: { fetchMs: second.fetchMs, applyMs: second.applyMs }, longestMainThreadTaskMs: Math.round(longest), longTasks: lt.length };
  } finally {
    await context.close();
    await cockpit.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pollRun(browser, startServer, root, srvUrl, files, windowS, withSource) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-feeds-cfg-'));
  const feedsFile = join(dir, 'feeds.json');
  writeFileSync(feedsFile, JSON.stringify({ sources: withSource ? [{ url: `${srvUrl}small.json` }] : [], pollSeconds: 2 }));
  const cockpit = await startServer({ port: 0, host: '127.0.0.1', root, launch: { feedsFile } });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    await page.addInitScript(longTaskScript);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${cockpit.url}?city=linyi&page=overview`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60_000 });
    if (withSource) await page.waitForFunction(() => Number(document.querySelector('[data-source]')?.getAttribute('data-observations')) > 0, null, { timeout: 60_000 });
    await page.waitForTimeout(2500);
    const h0 = files.state.hits[304];
    const a = await taskMs(cdp);
    const mark = await page.evaluate(() => performance.now());
    await page.waitForTimeout(windowS * 1000);
    const b = await taskMs(cdp);
    const lt = await page.evaluate((m) => window.__lt.filter((e) => e.start >= m), mark);
    return { taskMs: b - a, polls304: files.state.hits[304] - h0, longest: lt.reduce((x, e) => Math.max(x, e.duration), 0) };
  } finally {
    await context.close();
    await cockpit.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function nativeAggregate(file, runs) {
  const which = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' });
  if (which.status !== 0) return null;
  const times = [];
  for (let i = 0; i < runs; i++) {
    // same conditions as sql.js (whole database in memory, warm): a large page cache, one warm-up run, then the timed run
    const out = execFileSync('sqlite3', [file], { input: `PRAGMA cache_size=-1000000;\n${AGG};\n.timer on\n${AGG};\n`, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const m = /Run Time: real ([\d.]+)/.exec(out);
    if (m) times.push(Number(m[1]) * 1000);
  }
  return { version: which.stdout.trim().split(' ')[0], ...stats(times) };
}

export async function run({ root, log }) {
  const nJson = Number(process.env.BENCH_FEED_JSON_N ?? 100_000);
  const nSqlite = Number(process.env.BENCH_FEED_SQLITE_N ?? 1_000_000);
  const windowS = Number(process.env.BENCH_POLL_WINDOW_S ?? 12);
  const SQL = await sqlJs();
  const sample = readFileSync(join(root, 'data', 'cockpit.sqlite'));
  const cat = catalogOf(SQL, sample);
  const tmp = mkdtempSync(join(tmpdir(), 'bench-feeds-'));
  try {
    let t = performance.now();
    const json = jsonFeed(nJson, cat);
    const small = jsonFeed(50, cat);
    const snap = sqliteSnapshot(SQL, sample, nSqlite, cat);
    const snapFile = join(tmp, 'feed.sqlite');
    writeFileSync(snapFile, snap);
    log(`  generated ${nJson} obs JSON (${(json.length / 1048576).toFixed(1)} MiB) and ${nSqlite} obs SQLite (${(snap.length / 1048576).toFixed(1)} MiB) in ${Math.round(performance.now() - t)} ms`);

    // (c) aggregate query: sql.js vs native on the same file
    const db = new SQL.Database(snap);
    db.exec(AGG); // warm
    const sqljsTimes = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      db.exec(AGG);
      sqljsTimes.push(performance.now() - t);
    }
    const rows = db.exec(AGG)[0].values.length;
    db.close();
    const sqljs = stats(sqljsTimes);
    // a snapshot shipped without the schema's read indexes: the worker builds them before swapping it in
    const bare = new SQL.Database(snap);
    for (const [name] of bare.exec("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'observations' AND sql IS NOT NULL")[0]?.values ?? []) bare.run(`DROP INDEX ${name}`);
    t = performance.now();
    bare.run('CREATE INDEX obs_series ON observations (indicator_id, city_id, county_adcode, as_of)');
    bare.run('CREATE INDEX obs_by_city ON observations (city_id, as_of)');
    bare.run('CREATE INDEX obs_by_group ON observations (conflict_group) WHERE conflict_group IS NOT NULL');
    const indexMs = Math.round(performance.now() - t);
    bare.close();
    log(`  a 1M snapshot without the read indexes: building them takes ${indexMs} ms (sql.js, Node) before it can be swapped in`);
    const native = nativeAggregate(snapFile, 5);
    const ratio = native?.median ? Math.round((sqljs.median / native.median) * 10) / 10 : null;
    printTable(['aggregate on 1M observations', 'median', 'range'], [
      ['sql.js 1.16 (wasm, Node)', ms(sqljs.median), `${ms(sqljs.min)}–${ms(sqljs.max)}`],
      [native ? `native sqlite3 ${native.version}` : 'native sqlite3 (not installed)', native ? ms(native.median) : '—', native ? `${ms(native.min)}–${ms(native.max)}` : '—'],
    ]);
    log(`  ${rows} result rows; sql.js / native = ${ratio ?? 'n/a'}×`);

    if (process.env.BENCH_FEEDS_SKIP_BROWSER === '1') return { aggregate1M: { query: AGG, rows, sqljs, native, ratio }, bareSnapshotIndexMs: indexMs };
    // (a) + (b) in the browser
    const files = fileServer({ 'feed.json': json, 'feed.sqlite': snap, 'small.json': small });
    files.size = (n) => ({ 'feed.json': json, 'feed.sqlite': snap, 'small.json': small })[n].length;
    const srvUrl = await files.listen();
    const { startServer } = await import(pathToFileURL(SERVER_MODULE).href);
    const browser = await launchBrowser();
    try {
      const jsonRun = await applyRun(browser, startServer, root, files, srvUrl, 'feed.json', nJson, log);
      const sqliteRun = await applyRun(browser, startServer, root, files, srvUrl, 'feed.sqlite', nSqlite, log);
      const base = await pollRun(browser, startServer, root, srvUrl, files, windowS, false);
      const polled = await pollRun(browser, startServer, root, srvUrl, files, windowS, true);
      const perPoll = polled.polls304 ? (polled.taskMs - base.taskMs) / polled.polls304 : null;
      log(`  304 polls: ${polled.polls304} in ${windowS} s; main-thread task time ${Math.round(polled.taskMs)} ms vs ${Math.round(base.taskMs)} ms idle without sources → ≈${perPoll === null ? '—' : perPoll.toFixed(1)} ms per unchanged poll; longest task ${Math.round(polled.longest)} ms`);
      return {
        jsonFeed: jsonRun,
        sqliteSnapshot: sqliteRun,
        poll304: { windowS, polls: polled.polls304, mainThreadTaskMs: Math.round(polled.taskMs), idleBaselineTaskMs: Math.round(base.taskMs), perPollMs: perPoll === null ? null : Math.round(perPoll * 10) / 10, longestTaskMs: Math.round(polled.longest) },
        aggregate1M: { query: AGG, rows, sqljs, native, ratio },
        bareSnapshotIndexMs: indexMs,
      };
    } finally {
      await browser.close();
      await files.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
