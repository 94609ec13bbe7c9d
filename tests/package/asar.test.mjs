// Packaging check: runs electron-builder for Linux with a placeholder Electron distribution (the real
// binary cannot be downloaded on build machines here) and inspects the produced app.asar: what the app
// needs ships, what it must not ship does not, and the size stays within budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, chmodSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Budget for app.asar (renderer, bundled DB, fonts, map data, main/preload/server bundles). */
const BUDGET_MB = 40;

test('electron-builder packs the app into an asar with everything needed and nothing else', { timeout: 180_000 }, () => {
  const work = mkdtempSync(path.join(tmpdir(), 'cockpit-pack-'));
  try {
    const fakeDist = path.join(work, 'electron-dist');
    mkdirSync(fakeDist);
    writeFileSync(path.join(fakeDist, 'electron'), '#!/bin/sh\n');
    chmodSync(path.join(fakeDist, 'electron'), 0o755);
    const out = path.join(work, 'release');
    execFileSync(process.execPath, [require.resolve('electron-builder/cli.js'), '--linux', 'dir', `-c.electronDist=${fakeDist}`, `-c.directories.output=${out}`], {
      cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    });
    const file = path.join(out, 'linux-unpacked', 'resources', 'app.asar');
    const entries = asar.listPackage(file).map((e) => e.replaceAll('\\', '/'));
    const has = (re) => entries.some((e) => re.test(e));

    // what must ship
    for (const [what, re] of [
      ['renderer index.html', /^\/dist\/renderer\/index\.html$/],
      ['renderer JavaScript', /^\/dist\/renderer\/assets\/.+\.js$/],
      ['sql.js wasm', /^\/dist\/renderer\/assets\/sql-wasm.*\.wasm$/],
      ['bundled database', /^\/dist\/renderer\/data\/cockpit\.sqlite$/],
      ['CJK font files', /^\/dist\/renderer\/assets\/noto-sans-sc-.*\.woff2$/],
      ['Electron main', /^\/out\/main\/main\.cjs$/],
      ['preload', /^\/out\/main\/preload\.cjs$/],
      ['package.json', /^\/package\.json$/],
    ]) assert.ok(has(re), `app.asar lacks ${what}`);

    // what must not ship
    for (const [what, re] of [
      ['node_modules (everything is bundled)', /\/node_modules\//],
      ['source maps', /\.map$/],
      ['tests', /\.test\.|\/tests\//],
      ['TypeScript sources', /\.tsx?$/],
      ['sample CSVs / seeds', /^\/data-samples\//],
      ['woff fallbacks (woff2 only)', /\.woff$/],
    ]) assert.ok(!has(re), `app.asar ships ${what}: ${entries.find((e) => re.test(e))}`);

    const pkg = JSON.parse(asar.extractFile(file, 'package.json').toString());
    assert.equal(pkg.main, 'out/main/main.cjs');
    assert.equal(pkg.devDependencies, undefined, 'devDependencies are stripped from the packaged package.json');

    const mb = statSync(file).size / 1024 / 1024;
    console.log(`app.asar: ${mb.toFixed(1)} MB (budget ${BUDGET_MB} MB), ${entries.length} entries`);
    assert.ok(mb <= BUDGET_MB, `app.asar is ${mb.toFixed(1)} MB, over the ${BUDGET_MB} MB budget`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
