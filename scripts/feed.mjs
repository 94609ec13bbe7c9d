#!/usr/bin/env node
/**
 * Reference feed server: `npm run feed -- [--data FILE_OR_DIR] [--port N] [--host ADDR] [--no-gzip]`
 *
 *   (no --data)            the bundled sample (data-samples/)
 *   --data DIR             a folder in the sample's CSV layout (cities.csv, observations.csv …), or a
 *                          folder of .csv / .xlsx / .json files, merged
 *   --data FILE            one .csv, .xlsx or .json file (a feed document, or rows with 指标/城市/日期/数值 … columns)
 *
 * Serves /feed.json and /feed.sqlite with ETag / Last-Modified / 304 and gzip, and reloads when the
 * data files change (a failed reload keeps serving the last good feed). See docs/feed.md.
 * Runs under tsx (it imports the TypeScript sources directly).
 */
import { readdirSync, statSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DATA_DIR, loadSampleData } from './build-db.ts';
import { startFeedServer } from '../src-server/feed-server.ts';
import { importTable } from '../src-core/feed/tabular.ts';
import { validateFeed, resolveFeed, formatIssues } from '../src-core/feed/format.ts';
import { readSpreadsheet } from '../src-renderer/data/import-files.ts';

const EXT = /\.(csv|xlsx|xls|json)$/i;

function dataFiles(p) {
  const st = statSync(p);
  if (st.isFile()) return [p];
  return readdirSync(p).filter((f) => EXT.test(f) && !f.startsWith('.')).sort().map((f) => path.join(p, f));
}

const isSampleDir = (p) => statSync(p).isDirectory() && existsSync(path.join(p, 'observations.csv')) && existsSync(path.join(p, 'cities.csv')) && existsSync(path.join(p, 'dictionary.csv'));

/** The generation time of the data: the newest file's modification time (stable across server restarts). */
function mtimeOf(files) {
  return new Date(Math.max(...files.map((f) => statSync(f).mtimeMs))).toISOString();
}

/** Load the feed's content from a path (or the bundled sample). Throws with file/row/column for bad data. */
export async function loadBundle(dataPath) {
  if (!dataPath || isSampleDir(dataPath)) {
    const dir = dataPath ?? DEFAULT_DATA_DIR;
    const s = await loadSampleData(dir);
    const files = readdirSync(dir).filter((f) => f.endsWith('.csv')).map((f) => path.join(dir, f));
    return {
      name: dataPath ? path.basename(path.resolve(dir)) : '样例数据 sample data', generatedAt: mtimeOf(files),
      indicators: s.indicators, cities: s.cities, counties: s.counties, documents: s.documents, observations: s.observations,
    };
  }
  const sample = await loadSampleData();
  const catalog = { indicators: sample.indicators, cities: sample.cities, counties: sample.counties };
  const known = {
    indicators: new Set(sample.indicators.map((i) => i.id)),
    cities: new Map(sample.cities.map((c) => [c.id, c.adcode])),
    counties: new Map(sample.counties.map((c) => [c.adcode, c.cityId])),
  };
  const files = dataFiles(dataPath);
  if (!files.length) throw new Error(`${dataPath}: no .csv, .xlsx or .json files`);
  const observations = [];
  const extra = { indicators: [], cities: [], counties: [], documents: [] };
  const problems = [];
  for (const file of files) {
    const name = path.basename(file);
    const bytes = new Uint8Array(readFileSync(file));
    if (/\.json$/i.test(file)) {
      let value;
      try {
        value = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
      } catch (e) {
        problems.push(`${name}: not valid JSON (${e.message})`);
        continue;
      }
      const r = validateFeed(value);
      if (!r.ok) {
        problems.push(`${name}: ${formatIssues(r.issues, 20)}`);
        continue;
      }
      const res = resolveFeed(r.feed, 'feed', known);
      if (res.issues.length) problems.push(`${name}: ${formatIssues(res.issues, 20)}`);
      observations.push(...res.observations);
      for (const k of Object.keys(extra)) extra[k].push(...(r.feed[k] ?? []));
    } else {
      const { sheets } = await readSpreadsheet(name, bytes);
      const t = importTable(name, sheets, 'feed', catalog);
      for (const i of t.issues.slice(0, 20)) problems.push(`${i.file} row ${i.row}, column ${i.column}: ${i.message}`);
      observations.push(...t.observations);
    }
  }
  const ids = new Set();
  for (const o of observations) {
    if (ids.has(o.id)) problems.push(`duplicate observation id "${o.id}" across the data files`);
    ids.add(o.id);
  }
  if (problems.length) throw new Error(problems.slice(0, 40).join('\n'));
  const merge = (base, more, key) => [...new Map([...base, ...more].map((x) => [x[key], x])).values()];
  return {
    name: path.basename(path.resolve(dataPath)), generatedAt: mtimeOf(files),
    indicators: merge(sample.indicators, extra.indicators, 'id'), cities: merge(sample.cities, extra.cities, 'id'),
    counties: merge(sample.counties, extra.counties, 'adcode'), documents: merge(sample.documents, extra.documents, 'id'), observations,
  };
}

function args(argv) {
  const out = { port: 8090, host: '127.0.0.1', data: undefined, gzip: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--data') out.data = path.resolve(val());
    else if (a === '--port') out.port = Number(val());
    else if (a === '--host') out.host = val();
    else if (a === '--no-gzip') out.gzip = false;
    else throw new Error(`unknown flag ${a} (flags: --data FILE_OR_DIR, --port N, --host ADDR, --no-gzip)`);
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) throw new Error('--port: not a port number');
  if (out.data && !existsSync(out.data)) throw new Error(`--data: ${out.data} does not exist`);
  return out;
}

async function main() {
  let a;
  try {
    a = args(process.argv.slice(2));
  } catch (e) {
    console.error(`feed server: ${e.message}`);
    process.exit(2);
  }
  const watched = a.data ?? DEFAULT_DATA_DIR;
  const srv = await startFeedServer({ port: a.port, host: a.host, gzip: a.gzip, load: () => loadBundle(a.data), log: (l) => console.log(l) }).catch((e) => {
    console.error(`feed server: ${e.message}`);
    process.exit(1);
  });
  console.log(`Feed at ${srv.url}feed.json and ${srv.url}feed.sqlite (data: ${watched})`);
  let stamp = '';
  const check = () => {
    try {
      const s = dataFiles(watched).map((f) => `${f}:${statSync(f).mtimeMs}`).join('|');
      if (stamp && s !== stamp) srv.reload().catch((e) => console.error(`feed server: reload failed, still serving the last good feed:\n${e.message}`));
      stamp = s;
    } catch { /* the folder may be mid-update */ }
  };
  check();
  const timer = setInterval(check, 2000);
  const stop = () => {
    clearInterval(timer);
    srv.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
