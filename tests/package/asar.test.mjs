// Packaging checks. The Electron binary cannot be downloaded on the build machines here, so
// electron-builder runs for Linux with a placeholder Electron distribution (a stub binary carrying
// Electron's fuse wire) and the test inspects what it produced: app.asar holds what the app needs and
// nothing else, the fuses were flipped, no update feed ships, and the size stays within budget.
// The installer configuration itself (targets, names, icons) is checked from electron-builder.yml.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const yaml = require('js-yaml');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Budget for app.asar (renderer, bundled DB, fonts, map data, main/preload/server bundles). */
const BUDGET_MB = 40;

const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** {target: [arch...]} from a platform's `target` list. */
function targets(platform) {
  const out = {};
  for (const t of config[platform]?.target ?? []) {
    const name = typeof t === 'string' ? t : t.target;
    out[name] = typeof t === 'string' ? ['x64'] : [...(t.arch ?? ['x64'])].sort();
  }
  return out;
}

test('electron-builder.yml: installers for Windows, Linux (x64 + arm64) and macOS, ASCII file names, no update feed', () => {
  assert.equal(config.appId, 'cn.gov.citybrain.cockpit');
  assert.equal(config.productName, '城市大脑驾驶舱');
  assert.equal(pkg.productName, config.productName);
  assert.equal(config.asar, true);
  assert.equal(config.publish, null, 'no publish/auto-update configuration: nothing is fetched at run time');

  assert.deepEqual(targets('win'), { nsis: ['x64'], portable: ['x64'] });
  assert.deepEqual(targets('linux'), { AppImage: ['arm64', 'x64'], deb: ['arm64', 'x64'] });
  assert.deepEqual(targets('mac'), { dmg: ['arm64', 'x64'] });

  // every artifact name carries the version and is ASCII; executables and the deb package are ASCII
  const names = [config.artifactName, config.nsis.artifactName, config.portable.artifactName, config.dmg.artifactName];
  for (const n of names) {
    assert.match(n, /\$\{version\}/, `${n} lacks the version`);
    assert.match(n, /^[\x20-\x7e]+$/, `${n} is not ASCII`);
  }
  assert.notEqual(config.nsis.artifactName, config.portable.artifactName, 'installer and portable exe must not overwrite each other');
  for (const n of [config.win.executableName, config.linux.executableName, config.deb.packageName]) assert.match(n, /^[A-Za-z][A-Za-z0-9-]*$/);
  assert.equal(config.linux.desktop.entry['Name[en]'], 'City Brain Cockpit');
  assert.equal(config.linux.desktop.entry.Name, '城市大脑驾驶舱');

  // icons: one 512×512 PNG in the build resources, used by every platform
  assert.equal(config.directories.buildResources, 'assets');
  for (const p of ['win', 'linux', 'mac']) assert.equal(config[p].icon, 'icon.png', `${p}.icon`);
  const png = readFileSync(path.join(root, 'assets', 'icon.png'));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [512, 512], 'icon.png is 512×512 (electron-builder derives .ico/.icns from it)');

  // the security fuses (see docs/security.md)
  assert.deepEqual(config.electronFuses, {
    runAsNode: false, enableCookieEncryption: true, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true, grantFileProtocolExtraPrivileges: false, resetAdHocDarwinSignature: true,
  });
});

test('package.json: dist scripts per platform, author, packaging tools pinned as devDependencies', () => {
  assert.ok(pkg.author?.name, 'author (electron-builder uses it for the deb maintainer and Windows metadata)');
  assert.match(pkg.scripts.dist, /npm run build && electron-builder$/);
  assert.match(pkg.scripts['dist:win'], /electron-builder --win$/);
  assert.match(pkg.scripts['dist:linux'], /electron-builder --linux$/);
  assert.match(pkg.scripts['dist:linux:arm64'], /electron-builder --linux --arm64$/);
  assert.match(pkg.scripts['dist:mac'], /electron-builder --mac$/);
  for (const d of ['electron', 'electron-builder', '@electron/asar', '@doyensec/electronegativity']) {
    assert.ok(pkg.devDependencies[d], `${d} is a devDependency`);
    assert.equal(pkg.dependencies[d], undefined, `${d} must not be a runtime dependency`);
  }
  assert.match(pkg.devDependencies.electron, /^\d+\.\d+\.\d+$/, 'Electron is pinned to an exact version');
});

// Electron's fuse wire: sentinel, version 1, length, then one byte per fuse ('0' off, '1' on).
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = ['runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot', 'grantFileProtocolExtraPrivileges'];
/** Electron's defaults, as in a freshly downloaded binary. */
const STOCK_WIRE = '10110001';

function readFuses(file) {
  const bin = readFileSync(file);
  const at = bin.indexOf(FUSE_SENTINEL);
  assert.ok(at >= 0, `no fuse wire in ${file}`);
  const len = bin[at + FUSE_SENTINEL.length + 1];
  const wire = bin.subarray(at + FUSE_SENTINEL.length + 2, at + FUSE_SENTINEL.length + 2 + len).toString('latin1');
  return Object.fromEntries(FUSES.map((f, i) => [f, wire[i] === '1']));
}

test('electron-builder packs the app into an asar with everything needed and nothing else', { timeout: 240_000 }, async (t) => {
  assert.ok(existsSync(path.join(root, 'dist/renderer/index.html')) && existsSync(path.join(root, 'out/main/main.cjs')), 'run `npm run build` first');
  const work = mkdtempSync(path.join(tmpdir(), 'cockpit-pack-'));
  try {
    const fakeDist = path.join(work, 'electron-dist');
    mkdirSync(fakeDist);
    writeFileSync(path.join(fakeDist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n# placeholder Electron\n'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, STOCK_WIRE.length]), Buffer.from(STOCK_WIRE), Buffer.from('\n')]));
    chmodSync(path.join(fakeDist, 'electron'), 0o755);
    const out = path.join(work, 'release');
    execFileSync(process.execPath, [require.resolve('electron-builder/cli.js'), '--linux', 'dir', '--x64', `-c.electronDist=${fakeDist}`, `-c.directories.output=${out}`], {
      cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    });
    const unpacked = path.join(out, 'linux-unpacked');
    const file = path.join(unpacked, 'resources', 'app.asar');
    const entries = asar.listPackage(file).map((e) => e.replaceAll('\\', '/'));
    const has = (re) => entries.some((e) => re.test(e));
    const read = (p) => asar.extractFile(file, p.replace(/^\//, '')).toString('utf8');

    // what must ship: the renderer build, the bundled database, fonts, main/preload/server bundles
    for (const [what, re] of [
      ['renderer index.html', /^\/dist\/renderer\/index\.html$/],
      ['renderer JavaScript', /^\/dist\/renderer\/assets\/.+\.js$/],
      ['renderer CSS', /^\/dist\/renderer\/assets\/.+\.css$/],
      ['data worker', /^\/dist\/renderer\/assets\/worker-.+\.js$/],
      ['sql.js wasm', /^\/dist\/renderer\/assets\/sql-wasm.*\.wasm$/],
      ['bundled database', /^\/dist\/renderer\/data\/cockpit\.sqlite$/],
      ['CJK font files (regular)', /^\/dist\/renderer\/assets\/noto-sans-sc-.*-400-normal-.*\.woff2$/],
      ['CJK font files (bold)', /^\/dist\/renderer\/assets\/noto-sans-sc-.*-700-normal-.*\.woff2$/],
      ['Electron main', /^\/out\/main\/main\.cjs$/],
      ['preload', /^\/out\/main\/preload\.cjs$/],
      ['package.json', /^\/package\.json$/],
    ]) assert.ok(has(re), `app.asar lacks ${what}`);
    const db = asar.extractFile(file, 'dist/renderer/data/cockpit.sqlite');
    assert.equal(db.subarray(0, 15).toString('latin1'), 'SQLite format 3', 'the bundled database is a SQLite file');
    assert.ok(db.length > 16 * 1024, `the bundled database is only ${db.length} bytes`);
    // every font the CSS references ships
    for (const css of entries.filter((e) => /^\/dist\/renderer\/assets\/.+\.css$/.test(e))) {
      for (const m of read(css).matchAll(/url\(([^)]+)\)/g)) {
        const ref = m[1].replace(/^['"]|['"]$/g, '');
        assert.doesNotMatch(ref, /^(https?:)?\/\//, `${css} loads ${ref} from the network`);
        if (ref.startsWith('data:')) continue;
        const target = path.posix.join(path.posix.dirname(css), ref.split(/[?#]/)[0]);
        assert.ok(entries.includes(target), `${css} references ${ref}, which is not in app.asar`);
      }
    }

    // map boundaries: every assets/geo/<adcode>.json ships (as a hashed asset) once the map panel is in the build
    await t.test('map boundaries (assets/geo) ship', (st) => {
      const adcodes = readdirSync(path.join(root, 'assets/geo')).filter((f) => /^\d{6}\.json$/.test(f)).map((f) => f.slice(0, 6));
      assert.ok(adcodes.length >= 4, 'assets/geo holds the boundary files');
      if (!/from '\.\/map'/.test(readFileSync(path.join(root, 'src-renderer/panels/registry.ts'), 'utf8'))) {
        st.skip('the map panel is not registered in src-renderer/panels/registry.ts yet, so the build does not reference the boundaries');
        return;
      }
      for (const a of adcodes) assert.ok(has(new RegExp(`^/dist/renderer/assets/${a}-[\\w-]+\\.json$`)), `app.asar lacks the boundary of ${a}`);
    });

    // what must not ship
    for (const [what, re] of [
      ['node_modules (everything is bundled, so no devDependencies either)', /\/node_modules\//],
      ['source maps', /\.map$/],
      ['tests', /\.(test|spec)\.|\/tests?\//],
      ['TypeScript sources', /\.tsx?$/],
      ['project sources', /^\/(src-[a-z]+|scripts|bench|docs|tests|data-samples|assets)\//],
      ['woff fallbacks (woff2 only)', /\.woff$/],
      ['lockfiles and configs', /(package-lock\.json|electron-builder\.yml|tsconfig.*\.json|vite\..*)$/],
    ]) assert.ok(!has(re), `app.asar ships ${what}: ${entries.find((e) => re.test(e))}`);

    const shipped = JSON.parse(read('package.json'));
    assert.equal(shipped.main, 'out/main/main.cjs');
    assert.equal(shipped.devDependencies, undefined, 'devDependencies are stripped from the packaged package.json');
    assert.equal(shipped.scripts, undefined, 'scripts are stripped from the packaged package.json');

    // nothing fetched at run time: no update feed, the page loads only its own files
    assert.ok(!existsSync(path.join(unpacked, 'resources', 'app-update.yml')), 'no auto-update feed ships');
    const html = read('dist/renderer/index.html');
    for (const m of html.matchAll(/\b(?:src|href)="([^"]+)"/g)) assert.doesNotMatch(m[1], /^(https?:)?\/\//, `index.html loads ${m[1]} from the network`);
    const main = read('out/main/main.cjs');
    assert.doesNotMatch(main, /autoUpdater|electron-updater/, 'the main process has no auto-updater');
    assert.doesNotMatch(main, /loadURL\(\s*["'`]https?:/, 'the main process never loads a remote page');

    // the fuses were flipped in the packaged binary
    const fuses = readFuses(path.join(unpacked, config.linux.executableName));
    assert.deepEqual(fuses, {
      runAsNode: false, enableCookieEncryption: true, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true, loadBrowserProcessSpecificV8Snapshot: false, grantFileProtocolExtraPrivileges: false,
    });

    const mb = statSync(file).size / 1024 / 1024;
    console.log(`app.asar: ${mb.toFixed(1)} MB (budget ${BUDGET_MB} MB), ${entries.length} entries`);
    assert.ok(mb <= BUDGET_MB, `app.asar is ${mb.toFixed(1)} MB, over the ${BUDGET_MB} MB budget`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
