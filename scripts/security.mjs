#!/usr/bin/env node
/**
 * `npm run security [-- --input DIR] [--json]`: static security scan of the Electron app with
 * @doyensec/electronegativity (Electron's security checklist as code).
 *
 * What is scanned: the code that ships — src-main, src-core, src-node, src-server, src-renderer and the
 * renderer's index.html — copied into a staging folder with package.json (for the Electron version).
 * Tests (*.test.*, which use a fake electron) and build output (minified bundles) are left out.
 *
 * Offline: electronegativity would fetch translations from S3 and Electron's release list from GitHub.
 * Both requests are replaced by an immediate failure, and the release-list check
 * (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, which needs that list) is skipped; "use a current Electron"
 * is covered by the pinned version in package.json (see docs/security.md).
 *
 * Prints every finding and a summary by severity. Exits 1 on any HIGH finding, and on any MEDIUM or LOW
 * finding that is not in REVIEWED below (each reviewed finding is explained in docs/security.md);
 * exits 2 when a file cannot be parsed or the scan fails.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Source folders that make up the shipped app. */
export const SCANNED_DIRS = ['src-main', 'src-core', 'src-node', 'src-server', 'src-renderer'];
/** Checks that need the network; skipped so the scan is deterministic and offline. */
export const OFFLINE_EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/**
 * Findings a person has reviewed and accepted (check id + file); the reasons are in docs/security.md.
 * Anything else of MEDIUM or LOW severity fails the scan, so a new finding needs a fix or a review.
 */
export const REVIEWED = [
  { id: 'OPEN_EXTERNAL_JS_CHECK', file: 'src-main/main.ts', why: 'only URLs vetted by externalLinkAllowed (https, allow-listed host, no credentials or port) reach shell.openExternal' },
  { id: 'CUSTOM_ARGUMENTS_JS_CHECK', file: 'src-main/main.ts', why: 'the one switch appended is js-flags with V8 compile-tier flags from a constant (src-core/wall/jit.ts, --jit steady); nothing that weakens the sandbox, web security or site isolation' },
  { id: 'CSP_GLOBAL_CHECK', file: 'src-renderer/index.html', why: 'the meta CSP is a fallback; both shells send the strict header CSP (connect-src limited to configured sources), and both policies apply' },
];

const isTestFile = (name) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(name) || name === '__tests__';

/** Copies the shipped sources (no tests) and package.json into a fresh staging folder. */
export function stageSources() {
  const stage = mkdtempSync(path.join(tmpdir(), 'cockpit-security-'));
  for (const dir of SCANNED_DIRS) {
    cpSync(path.join(root, dir), path.join(stage, dir), {
      recursive: true,
      filter: (src) => !isTestFile(path.basename(src)),
    });
  }
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  writeFileSync(path.join(stage, 'package.json'), JSON.stringify(pkg, null, 2));
  return stage;
}

function countFiles(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    n += e.isDirectory() ? countFiles(path.join(dir, e.name)) : /\.(jsx?|tsx?|html?)$/.test(e.name) ? 1 : 0;
  }
  return n;
}

/** Makes electronegativity's HTTP client fail at once: no network access during the scan. */
function blockNetwork() {
  const pkgDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const gotPath = createRequire(path.join(pkgDir, 'dist', 'index.js')).resolve('got');
  const offline = () => Promise.reject(new Error('offline scan: no network requests'));
  for (const m of ['get', 'head', 'post', 'stream', 'extend']) offline[m] = offline;
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline, children: [], paths: [] };
}

/**
 * Runs the scan on `input` (a folder, default: the staged project sources) and returns the findings.
 * `electronVersion` defaults to the project's pinned electron devDependency.
 */
export async function scan({ input, electronVersion } = {}) {
  blockNetwork();
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const version = electronVersion ?? String(pkg.devDependencies?.electron ?? '').replace(/^[^\d]*/, '');
  const run = require('@doyensec/electronegativity');
  // the runner resolves i18n itself; silence its console chatter about translations
  const log = console.log;
  console.log = (...a) => {
    if (!/translations/i.test(String(a[0]))) log(...a);
  };
  try {
    const result = await run({
      input,
      electronVersionOverride: version,
      excludeFromScan: OFFLINE_EXCLUDED_CHECKS,
      customScan: [],
      parserPlugins: [],
      isRelative: false,
      isVerbose: false,
    }, false);
    return { ...result, electronVersion: version };
  } finally {
    console.log = log;
  }
}

function summarize(issues) {
  const bySeverity = { HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 };
  for (const i of issues) bySeverity[i.severity.name] = (bySeverity[i.severity.name] ?? 0) + 1;
  return bySeverity;
}

async function main(argv) {
  const inputFlag = argv.indexOf('--input');
  const asJson = argv.includes('--json');
  const given = inputFlag >= 0 ? path.resolve(argv[inputFlag + 1] ?? '') : null;
  if (given !== null && !statSync(given, { throwIfNoEntry: false })) {
    console.error(`security: --input ${given} does not exist`);
    process.exit(2);
  }
  const input = given ?? stageSources();
  try {
    const files = countFiles(input);
    const { issues, errors, globalChecks, atomicChecks, electronVersion } = await scan({ input });
    const counts = summarize(issues);
    const order = { HIGH: 0, MEDIUM: 1, LOW: 2, INFORMATIONAL: 3 };
    const rows = issues
      .map((i) => {
        const file = path.isAbsolute(i.file) ? path.relative(input, i.file).replaceAll(path.sep, '/') : i.file;
        const reviewed = REVIEWED.find((r) => r.id === i.id && r.file === file);
        return { severity: i.severity.name, confidence: i.confidence.name, id: i.id, where: `${file}:${i.location.line}:${i.location.column}`, review: i.manualReview === true, reviewed: reviewed ? reviewed.why : null };
      })
      .sort((a, b) => order[a.severity] - order[b.severity] || a.id.localeCompare(b.id) || a.where.localeCompare(b.where));
    const fatal = errors.filter((e) => !e.tolerable);
    const unreviewed = rows.filter((r) => (r.severity === 'MEDIUM' || r.severity === 'LOW') && !r.reviewed);
    if (asJson) {
      console.log(JSON.stringify({ electronVersion, files, checks: globalChecks + atomicChecks, counts, findings: rows, unreviewed: unreviewed.length, parseErrors: fatal.map((e) => ({ file: path.relative(input, e.file), message: e.message })) }, null, 2));
    } else {
      console.log(`electronegativity: ${globalChecks + atomicChecks} checks (${atomicChecks} atomic, ${globalChecks} global) on ${files} files, Electron ${electronVersion}`);
      console.log(`  skipped (need network): ${OFFLINE_EXCLUDED_CHECKS.join(', ')}`);
      for (const r of rows) {
        const note = r.reviewed ? `  reviewed: ${r.reviewed}` : r.severity === 'INFORMATIONAL' ? '' : r.severity === 'HIGH' ? '' : '  NOT REVIEWED';
        console.log(`  ${r.severity.padEnd(13)} ${r.confidence.padEnd(9)} ${r.id.padEnd(40)} ${r.where}${note}`);
      }
      for (const e of fatal) console.log(`  PARSE ERROR ${path.relative(input, e.file)}: ${e.message}`);
      console.log(`summary: HIGH ${counts.HIGH}, MEDIUM ${counts.MEDIUM}, LOW ${counts.LOW}, INFORMATIONAL ${counts.INFORMATIONAL}; unreviewed MEDIUM/LOW ${unreviewed.length}; parse errors ${fatal.length}`);
    }
    if (fatal.length > 0) {
      console.error(`security: ${fatal.length} file(s) could not be parsed, so they were not checked`);
      process.exitCode = 2;
    } else if (counts.HIGH > 0 || unreviewed.length > 0) {
      console.error(`security: ${counts.HIGH} high-severity finding(s), ${unreviewed.length} unreviewed medium/low finding(s)`);
      process.exitCode = 1;
    }
  } finally {
    if (given === null) rmSync(input, { recursive: true, force: true });
  }
}

const entry = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (entry === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(`security: scan failed: ${e?.stack ?? e}`);
    process.exit(2);
  });
}
