/**
 * Browser-side persistence survives a crash: the renderer keeps its settings and the last good copy of
 * every data source in IndexedDB (src-renderer/data/idb.ts, the same in Electron and the browser).
 * This test runs that very Store class (transpiled from source) in Chromium with a persistent profile,
 * rewrites large records in a loop, SIGKILLs the browser at varying moments, and after each restart
 * checks that every record is whole (old or new, never torn) and that the database still opens.
 * Linux only (finds the browser's process id in /proc).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, REPO_DIR, startCockpit } from './harness.mjs';

const require = createRequire(import.meta.url);
const ROUNDS = 4;
const SIZE = 256 * 1024;

/** src-renderer/data/idb.ts as a script that defines globalThis.__idb = { Store, STORE_DOCS, STORE_SETTINGS }. */
function storeScript() {
  const ts = require('typescript');
  const src = readFileSync(join(REPO_DIR, 'src-renderer/data/idb.ts'), 'utf8');
  const { outputText } = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  return `(() => { const exports = {}; const module = { exports }; ${outputText}\n; globalThis.__idb = exports; return Object.keys(exports); })()`;
}

/** The browser (main) process started with this profile folder. */
function browserPid(profile) {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let cmd;
    try {
      cmd = readFileSync(`/proc/${d}/cmdline`, 'latin1').split('\0');
    } catch {
      continue;
    }
    if (cmd.includes(`--user-data-dir=${profile}`) && !cmd.some((a) => a.startsWith('--type='))) return Number(d);
  }
  return null;
}

describe('IndexedDB persistence across browser crashes', { skip: process.platform !== 'linux' && 'needs /proc' }, () => {
  let cockpit;
  let profile;
  let script;
  before(async () => {
    cockpit = await startCockpit(); // one origin (same port) for every restart
    profile = mkdtempSync(join(tmpdir(), 'cockpit-idb-crash-'));
    script = storeScript();
  });
  after(async () => {
    await cockpit?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function launch() {
    const { chromium } = await import('playwright-core');
    assert.ok(existsSync(CHROMIUM_PATH), `Chromium not found at ${CHROMIUM_PATH}`);
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
    const page = context.pages()[0] ?? (await context.newPage());
    // a document of the cockpit's origin that does not start the app (the test owns the store)
    await page.goto(new URL('favicon.svg', cockpit.url).href);
    assert.deepEqual((await page.evaluate(script)).sort(), ['STORE_DOCS', 'STORE_SETTINGS', 'Store']);
    return { context, page };
  }

  /** Reads every record through Store and checks each one is whole; returns the record versions. */
  async function readBack(page) {
    return page.evaluate(async () => {
      const { Store, STORE_DOCS, STORE_SETTINGS } = globalThis.__idb;
      const s = await Store.open();
      if (!s.available) return { error: 'store unavailable after restart' };
      const docs = await s.all(STORE_DOCS);
      const settings = await s.get(STORE_SETTINGS, 'settings');
      const bad = [];
      for (const r of [...docs, ...(settings ? [settings] : [])]) {
        if (typeof r?.n !== 'number' || typeof r.body !== 'string' || r.body.length !== r.len || r.body !== String(r.n % 10).repeat(r.len)) bad.push(JSON.stringify(r).slice(0, 80));
      }
      return { docs: docs.map((d) => d.n), settings: settings?.n ?? null, bad };
    });
  }

  it(`records stay whole through ${ROUNDS} SIGKILLs of the browser mid-write`, { timeout: 180_000 }, async () => {
    let last = null;
    const versions = new Set();
    for (let round = 0; round <= ROUNDS; round++) {
      const { context, page } = await launch();
      const back = await readBack(page);
      assert.equal(back.error, undefined, back.error);
      assert.deepEqual(back.bad, [], `round ${round}: torn records after the crash`);
      if (round > 0) {
        assert.equal(back.docs.length, 3, `round ${round}: a record disappeared`);
        assert.notEqual(back.settings, null, `round ${round}: the settings record disappeared`);
        for (const n of [...back.docs, back.settings]) versions.add(n);
        // what survived was written after the previous restart (the writes reached the disk)
        assert.ok(Math.max(...back.docs, back.settings) >= round * 1_000_000, `round ${round}: nothing written in the last session survived`);
      }
      if (round === ROUNDS) {
        await context.close();
        last = back;
        break;
      }
      // rewrite three source copies and the settings record, 256 KiB each, as fast as possible
      await page.evaluate(([base, size]) => {
        const { Store, STORE_DOCS, STORE_SETTINGS } = globalThis.__idb;
        globalThis.__written = 0;
        void (async () => {
          const s = await Store.open();
          for (let i = base; ; i++) {
            const rec = { n: i, len: size, body: String(i % 10).repeat(size) };
            await s.put(STORE_DOCS, `https://feed${i % 3}.example.cn/data.json`, rec);
            await s.put(STORE_SETTINGS, 'settings', rec);
            globalThis.__written++;
          }
        })();
      }, [(round + 1) * 1_000_000, SIZE]);
      await page.waitForFunction(() => globalThis.__written >= 6, null, { timeout: 30_000 });
      await page.waitForTimeout(50 + ((round * 97) % 400));
      const pid = browserPid(profile);
      assert.ok(pid, 'browser process not found');
      const closed = new Promise((r) => context.once('close', r));
      process.kill(pid, 'SIGKILL');
      await closed;
    }
    console.log(`IndexedDB crash test: ${ROUNDS} kills, versions seen after restarts: ${versions.size}, final docs ${last.docs.join(',')} settings ${last.settings}`);
  });
});
