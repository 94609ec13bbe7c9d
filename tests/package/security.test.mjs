// Static security scan (electronegativity) of the shipped sources, run by `npm test` so CI runs it.
// The scan must report 0 HIGH findings and no unreviewed MEDIUM/LOW ones; a control run on a weakened
// copy of main.ts shows the scan really reads our code and fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stageSources } from '../../scripts/security.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(root, 'scripts/security.mjs');

const runScan = (...args) => spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });

test('electronegativity: 0 high-severity and no unreviewed findings in the shipped sources', () => {
  const r = runScan();
  const summary = r.stdout.split('\n').filter((l) => /^(electronegativity|summary):/.test(l));
  for (const l of summary) console.log(l);
  assert.equal(r.status, 0, `security scan failed:\n${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /electronegativity: \d+ checks .* on (\d+) files, Electron 45\./);
  const files = Number(/on (\d+) files/.exec(r.stdout)[1]);
  assert.ok(files >= 50, `only ${files} files were scanned`);
  assert.match(r.stdout, /summary: HIGH 0, .* unreviewed MEDIUM\/LOW 0; parse errors 0/);
});

test('the scan fails on a weakened main process (control)', () => {
  const stage = stageSources();
  try {
    const main = path.join(stage, 'src-main/main.ts');
    const src = readFileSync(main, 'utf8');
    const weakened = src
      .replace('contextIsolation: true, sandbox: true', 'contextIsolation: false, sandbox: false')
      .replace(/ses\.setPermissionRequestHandler\([^\n]*\n/, '');
    assert.notEqual(weakened, src, 'main.ts no longer has the expected literal webPreferences; update this control');
    writeFileSync(main, weakened);
    const r = runScan('--input', stage, '--json');
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout);
    const ids = report.findings.map((f) => `${f.severity} ${f.id}`);
    assert.ok(ids.includes('HIGH CONTEXT_ISOLATION_JS_CHECK'), ids.join(', '));
    assert.ok(ids.includes('MEDIUM SANDBOX_JS_CHECK'), ids.join(', '));
    assert.ok(ids.includes('MEDIUM PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK'), ids.join(', '));
    assert.ok(report.unreviewed >= 2);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
});
