#!/usr/bin/env node
/**
 * `npm start [-- --city linyi ...]`: build if needed, make sure Electron's binary is there, run the app.
 * If the binary cannot be obtained, print one plain message (no stack trace) and exit 1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const isWin = process.platform === 'win32';

const NO_ELECTRON =
  "Electron's binary could not be obtained. On networks without GitHub access set ELECTRON_MIRROR " +
  '(e.g. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/) and run `node node_modules/electron/install.js`; ' +
  'meanwhile use `npm run serve` for the browser cockpit.';

function fail(message, code = 1) {
  console.error(message);
  process.exit(code);
}

// 1. build when the app or the renderer is missing
const needsBuild = !existsSync(path.join(root, 'out/main/main.cjs')) || !existsSync(path.join(root, 'out/main/preload.cjs')) || !existsSync(path.join(root, 'dist/renderer/index.html'));
if (needsBuild) {
  console.error('cockpit: building (out/main or dist/renderer missing)…');
  const b = spawnSync(isWin ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: isWin });
  if (b.status !== 0) fail('cockpit: `npm run build` failed; see the output above.', b.status ?? 1);
}

// 2. locate the Electron binary without letting electron/index.js print its own download stack trace
const electronDir = path.join(root, 'node_modules', 'electron');
if (!existsSync(path.join(electronDir, 'package.json'))) fail(NO_ELECTRON);

function binaryPresent() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true;
  try {
    const rel = readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
    return rel !== '' && existsSync(path.join(electronDir, 'dist', rel));
  } catch {
    return false;
  }
}

if (!binaryPresent()) {
  // npm 11 does not run electron's install script by itself; run it once here (quietly).
  if (process.stderr.isTTY) console.error('cockpit: fetching the Electron binary (first run)…');
  const inst = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: electronDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 15 * 60_000,
    env: process.env,
  });
  if (inst.status !== 0 || !binaryPresent()) fail(NO_ELECTRON);
}

let electronPath;
try {
  const require = createRequire(import.meta.url);
  // with the binary present this only reads path.txt; silence any download attempt just in case
  const origLog = console.log;
  console.log = () => {};
  try {
    electronPath = require(electronDir);
  } finally {
    console.log = origLog;
  }
} catch {
  fail(NO_ELECTRON);
}
if (typeof electronPath !== 'string' || !existsSync(electronPath)) fail(NO_ELECTRON);

// 3. run it
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electronPath, [root, ...args], { cwd: root, stdio: 'inherit', env, windowsHide: false });
child.on('error', () => fail(NO_ELECTRON));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (!child.killed) child.kill(sig);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
