#!/usr/bin/env node
/**
 * Benchmarks of the built cockpit (it builds nothing: run `npm run build` first).
 *
 *   npm run bench                 # default suite: startup
 *   npm run bench -- startup      # one or more suites by name (space or comma separated), or "all"
 *   npm run bench -- --list
 *
 * A suite is a file bench/suites/<name>.mjs exporting `run(ctx)` (returns a JSON-able result) and
 * optionally `description`. ctx = { root, repo, log }. Results of the run go to bench/results/latest.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DIST_DIR, REPO_DIR, SERVER_MODULE } from '../tests/e2e/harness.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const SUITES_DIR = join(BENCH_DIR, 'suites');
const RESULTS_DIR = join(BENCH_DIR, 'results');
const DEFAULT_SUITES = ['startup'];

const available = () => readdirSync(SUITES_DIR).filter((f) => f.endsWith('.mjs')).map((f) => basename(f, '.mjs')).sort();

function die(msg, code = 2) {
  console.error(`bench: ${msg}`);
  process.exit(code);
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`usage: npm run bench [-- <suite>[,<suite>…] | all | --list]\nsuites: ${available().join(', ')} (default: ${DEFAULT_SUITES.join(', ')})`);
    return;
  }
  if (args.includes('--list')) {
    for (const name of available()) {
      const mod = await import(pathToFileURL(join(SUITES_DIR, `${name}.mjs`)).href);
      console.log(`${name.padEnd(12)} ${mod.description ?? ''}`);
    }
    return;
  }
  let names = args.flatMap((a) => a.split(',')).map((s) => s.trim()).filter(Boolean);
  if (!names.length) names = DEFAULT_SUITES;
  if (names.includes('all')) names = available();
  const unknown = names.filter((n) => !available().includes(n));
  if (unknown.length) die(`unknown suite(s): ${unknown.join(', ')}; available: ${available().join(', ')}`);

  if (!existsSync(join(DIST_DIR, 'index.html'))) die(`${DIST_DIR}/index.html is missing — the renderer is not built. Run \`npm run build\` first (bench builds nothing).`);
  if (!existsSync(SERVER_MODULE)) die(`${SERVER_MODULE} is missing — the browser shell is not built. Run \`npm run build\` first (bench builds nothing).`);

  let commit = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: REPO_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (dirty) commit += '+dirty';
  } catch {
    /* not a git checkout */
  }
  const out = {
    date: new Date().toISOString(),
    commit,
    env: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memGiB: Math.round(totalmem() / 2 ** 30) },
    root: DIST_DIR,
    suites: {},
  };
  console.log(`bench: ${names.join(', ')} — ${DIST_DIR} (commit ${commit ?? '?'}, node ${process.version}, ${out.env.cpus} CPUs)`);
  let failed = false;
  for (const name of names) {
    const suite = await import(pathToFileURL(join(SUITES_DIR, `${name}.mjs`)).href);
    if (typeof suite.run !== 'function') die(`bench/suites/${name}.mjs does not export run(ctx)`);
    console.log(`\n== ${name}${suite.description ? ` — ${suite.description}` : ''}`);
    const t0 = performance.now();
    try {
      out.suites[name] = { ok: true, ...(await suite.run({ root: DIST_DIR, repo: REPO_DIR, log: (...a) => console.log(...a) })), seconds: Math.round((performance.now() - t0) / 100) / 10 };
    } catch (e) {
      failed = true;
      out.suites[name] = { ok: false, error: e.stack ?? String(e) };
      console.error(`\nbench: suite ${name} failed: ${e.stack ?? e}`);
    }
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, 'latest.json');
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nresults: ${file}`);
  if (failed) process.exit(1);
}

main().catch((e) => die(e.stack ?? String(e), 1));
