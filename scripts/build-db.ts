/**
 * Builds the bundled sample SQLite database from the reviewable CSVs in data-samples/.
 *
 *   tsx scripts/build-db.ts [--out FILE] [--dir DATA_DIR]     (default .cache/cockpit.sqlite)
 *
 * Also imported by vite.config.ts (buildSampleDatabase) and by tests (loadSampleData).
 * Every CSV row is validated with the zod schemas in src-core/model.ts; errors name the file, the row
 * (1-based, header = row 1), the field and the problem. Output bytes are deterministic.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import initSqlJs from 'sql.js';
import type { z } from 'zod';
import { City, County, Indicator, Observation, SCHEMA_VERSION, SourceDoc } from '../src-core/model';
import { DDL } from '../src-core/db/schema';
import { SIMULATION_VERSION, simulateCountyValues } from '../src-core/geo/simulate';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repo's data-samples folder, resolved relative to this script. */
export const DEFAULT_DATA_DIR = path.resolve(here, '../data-samples');
export const DATASET = 'bundled-sample';
export const ATTRIBUTION =
  '样例数据摘自临沂市大数据局(2份)、宣城市数据资源局、济宁市大数据局、潍坊市大数据局公开发布的5份工作文件,数值均附原文引语;' +
  '详见 data-samples/README.md。 Sample figures are quoted from five public documents of the Linyi, Xuancheng, Jining and ' +
  'Weifang municipal big-data bureaus (2019–2025), each with its verbatim source quote; see data-samples/README.md.';

export const FILES = {
  cities: 'cities.csv',
  counties: 'counties.csv',
  documents: 'documents.csv',
  indicators: 'dictionary.csv',
  observations: 'observations.csv',
  /** county-level facts (one row per county fact, same columns as observations.csv) */
  countyObservations: 'county-observations.csv',
} as const;

export interface SampleData {
  cities: City[];
  counties: County[];
  documents: SourceDoc[];
  indicators: Indicator[];
  /** CSV observations (city-wide and county facts) followed by the generated simulated county values */
  observations: Observation[];
  /** content hash of the CSVs (first 12 hex digits of sha256), stored as meta.dataset_version */
  datasetVersion: string;
}

export class SampleDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SampleDataError';
  }
}

// ---------------------------------------------------------------------------------------------
// CSV → typed rows

type Raw = Record<string, string>;
type Kind = 'string' | 'nullable' | 'number' | 'bool' | 'flags';
/** column name (snake_case, as in the DB) → [model field, how to read the cell] */
type Columns = Record<string, readonly [string, Kind]>;

const COLUMNS = {
  cities: {
    id: ['id', 'string'], adcode: ['adcode', 'string'], name_zh: ['nameZh', 'string'], name_en: ['nameEn', 'string'],
    province_zh: ['provinceZh', 'string'], province_en: ['provinceEn', 'string'],
  },
  counties: {
    adcode: ['adcode', 'string'], city_id: ['cityId', 'string'], name_zh: ['nameZh', 'string'], name_en: ['nameEn', 'string'],
    kind: ['kind', 'string'],
  },
  documents: {
    id: ['id', 'string'], title_zh: ['titleZh', 'string'], title_descriptive: ['titleDescriptive', 'bool'],
    publisher_zh: ['publisherZh', 'string'], published: ['published', 'string'], published_inferred: ['publishedInferred', 'bool'],
    city_id: ['cityId', 'string'], notes: ['notes', 'string'],
  },
  indicators: {
    id: ['id', 'string'], name_zh: ['nameZh', 'string'], name_en: ['nameEn', 'string'], unit: ['unit', 'string'],
    unit_zh: ['unitZh', 'string'], unit_en: ['unitEn', 'string'], domain: ['domain', 'string'],
    definition_zh: ['definitionZh', 'string'], definition_en: ['definitionEn', 'string'], main_pages: ['mainPages', 'bool'],
  },
  observations: {
    id: ['id', 'string'], indicator_id: ['indicatorId', 'string'], city_id: ['cityId', 'string'],
    county_adcode: ['countyAdcode', 'nullable'], as_of: ['asOf', 'string'], as_of_basis: ['asOfBasis', 'string'],
    value: ['value', 'number'], qualifier: ['qualifier', 'string'], qualifier_zh: ['qualifierZh', 'string'],
    doc_id: ['docId', 'nullable'], quote_zh: ['quoteZh', 'string'], metric_zh: ['metricZh', 'string'], flags: ['flags', 'flags'],
    notes: ['notes', 'string'], conflict_group: ['conflictGroup', 'nullable'], source: ['source', 'string'],
  },
} as const satisfies Record<Exclude<keyof typeof FILES, 'countyObservations'>, Columns>;

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

const quote = (s: string) => JSON.stringify(s);

function parseTable<T>(file: string, text: string, columns: Columns, schema: z.ZodType<T>): T[] {
  const where = displayPath(file);
  const res = Papa.parse<Raw>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  const fatal = res.errors[0];
  if (fatal) throw new SampleDataError(`${where} row ${(fatal.row ?? 0) + 2}: CSV ${fatal.code}: ${fatal.message}`);
  const header = res.meta.fields ?? [];
  for (const col of Object.keys(columns)) {
    if (!header.includes(col)) throw new SampleDataError(`${where} row 1, field ${col}: column is missing (header: ${header.join(',')})`);
  }
  const extra = header.filter((h) => !(h in columns));
  if (extra.length) throw new SampleDataError(`${where} row 1, field ${extra[0]}: unknown column`);
  const fieldToColumn = new Map(Object.entries(columns).map(([col, [field]]) => [field, col]));
  return res.data.map((raw, i) => {
    const row = i + 2;
    const fail = (col: string, problem: string): never => {
      throw new SampleDataError(`${where} row ${row}, field ${col}: ${problem}`);
    };
    const obj: Record<string, unknown> = {};
    for (const [col, [field, kind]] of Object.entries(columns)) {
      const cell = raw[col] ?? '';
      switch (kind) {
        case 'string':
          obj[field] = cell;
          break;
        case 'nullable':
          obj[field] = cell.trim() === '' ? null : cell;
          break;
        case 'number': {
          const t = cell.trim();
          if (t === '') obj[field] = null;
          else {
            const n = Number(t);
            if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) || !Number.isFinite(n)) fail(col, `expected a number, got ${quote(cell)}`);
            obj[field] = n;
          }
          break;
        }
        case 'bool':
          if (cell === '1' || cell === 'true') obj[field] = true;
          else if (cell === '0' || cell === 'false') obj[field] = false;
          else fail(col, `expected 0 or 1, got ${quote(cell)}`);
          break;
        case 'flags':
          obj[field] = cell.trim() === '' ? [] : cell.split(',').map((f) => f.trim());
          break;
      }
    }
    const parsed = schema.safeParse(obj);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0] ?? '');
      const col = fieldToColumn.get(field) ?? field;
      fail(col, `${issue.message}, got ${quote(raw[col] ?? '')}`);
    }
    return (parsed as { data: T }).data;
  });
}

function checkUnique<T>(file: string, rows: T[], key: (r: T) => string, col: string): void {
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const k = key(r);
    const first = seen.get(k);
    if (first !== undefined) throw new SampleDataError(`${file} row ${i + 2}, field ${col}: duplicate ${quote(k)} (first at row ${first})`);
    seen.set(k, i + 2);
  });
}

/** Read, parse and validate all sample CSVs in `dir` (default: the repo's data-samples folder). */
export async function loadSampleData(dir: string = DEFAULT_DATA_DIR): Promise<SampleData> {
  const file = (k: keyof typeof FILES) => path.join(dir, FILES[k]);
  const texts = {} as Record<keyof typeof FILES, string>;
  for (const k of Object.keys(FILES) as (keyof typeof FILES)[]) {
    try {
      texts[k] = await readFile(file(k), 'utf8');
    } catch (e) {
      throw new SampleDataError(`${displayPath(file(k))}: cannot read (${(e as Error).message})`);
    }
  }
  const cities = parseTable(file('cities'), texts.cities, COLUMNS.cities, City);
  const counties = parseTable(file('counties'), texts.counties, COLUMNS.counties, County);
  const documents = parseTable(file('documents'), texts.documents, COLUMNS.documents, SourceDoc);
  const indicators = parseTable(file('indicators'), texts.indicators, COLUMNS.indicators, Indicator);
  const cityObservations = parseTable(file('observations'), texts.observations, COLUMNS.observations, Observation);
  const countyObservations = parseTable(file('countyObservations'), texts.countyObservations, COLUMNS.observations, Observation);
  countyObservations.forEach((o, i) => {
    if (o.countyAdcode === null) throw new SampleDataError(`${displayPath(file('countyObservations'))} row ${i + 2}, field county_adcode: a county observation needs a county adcode`);
    if (o.flags.includes('simulated')) throw new SampleDataError(`${displayPath(file('countyObservations'))} row ${i + 2}, field flags: simulated values are generated by build-db, not stored in CSV`);
  });
  const observations = [...cityObservations, ...countyObservations];

  const at = (k: keyof typeof FILES) => displayPath(file(k));
  checkUnique(at('cities'), cities, (c) => c.id, 'id');
  checkUnique(at('cities'), cities, (c) => c.adcode, 'adcode');
  checkUnique(at('counties'), counties, (c) => c.adcode, 'adcode');
  checkUnique(at('documents'), documents, (d) => d.id, 'id');
  checkUnique(at('indicators'), indicators, (d) => d.id, 'id');
  checkUnique(at('observations'), cityObservations, (o) => o.id, 'id');
  checkUnique(at('countyObservations'), countyObservations, (o) => o.id, 'id');

  // Referential integrity.
  const cityIds = new Set(cities.map((c) => c.id));
  const countyCity = new Map(counties.map((c) => [c.adcode, c.cityId]));
  const docIds = new Set(documents.map((d) => d.id));
  const indicatorIds = new Set(indicators.map((d) => d.id));
  const ref = (k: keyof typeof FILES, i: number, col: string, problem: string): never => {
    throw new SampleDataError(`${at(k)} row ${i + 2}, field ${col}: ${problem}`);
  };
  counties.forEach((c, i) => {
    if (!cityIds.has(c.cityId)) ref('counties', i, 'city_id', `unknown city ${quote(c.cityId)}`);
  });
  documents.forEach((d, i) => {
    if (!cityIds.has(d.cityId)) ref('documents', i, 'city_id', `unknown city ${quote(d.cityId)}`);
  });
  const groups = new Map<string, number[]>();
  const nCity = cityObservations.length;
  observations.forEach((o, j) => {
    const inCounty = j >= nCity;
    const i = inCounty ? j - nCity : j;
    const ref = (_k: 'observations', _i: number, col: string, problem: string): never => {
      throw new SampleDataError(`${at(inCounty ? 'countyObservations' : 'observations')} row ${i + 2}, field ${col}: ${problem}`);
    };
    if (!indicatorIds.has(o.indicatorId)) ref('observations', i, 'indicator_id', `unknown indicator ${quote(o.indicatorId)} (not in ${FILES.indicators})`);
    if (!cityIds.has(o.cityId)) ref('observations', i, 'city_id', `unknown city ${quote(o.cityId)}`);
    if (o.docId !== null && !docIds.has(o.docId)) ref('observations', i, 'doc_id', `unknown document ${quote(o.docId)}`);
    if (o.countyAdcode !== null) {
      const city = countyCity.get(o.countyAdcode);
      if (city === undefined) ref('observations', i, 'county_adcode', `unknown county ${quote(o.countyAdcode)}`);
      if (city !== o.cityId) ref('observations', i, 'county_adcode', `county ${o.countyAdcode} belongs to ${city}, not ${o.cityId}`);
    }
    if (new Set(o.flags).size !== o.flags.length) ref('observations', i, 'flags', `duplicate flag in ${quote(o.flags.join(','))}`);
    const hasFlag = o.flags.includes('conflict');
    if (o.conflictGroup !== null) {
      if (!hasFlag) ref('observations', i, 'flags', `conflict_group ${quote(o.conflictGroup)} is set but the 'conflict' flag is missing`);
      groups.set(o.conflictGroup, [...(groups.get(o.conflictGroup) ?? []), j]);
    } else if (hasFlag) ref('observations', i, 'conflict_group', `'conflict' flag without a conflict group`);
    if (o.flags.includes('derived') !== (o.asOfBasis === 'derived')) {
      ref('observations', i, 'flags', `the 'derived' flag and as_of_basis 'derived' must go together`);
    }
  });
  for (const [g, members] of groups) {
    const j = members[0]!;
    if (members.length < 2) ref(j >= nCity ? 'countyObservations' : 'observations', j >= nCity ? j - nCity : j, 'conflict_group', `conflict group ${quote(g)} has only one member (needs at least 2)`);
  }
  checkUnique(`${at('observations')} + ${at('countyObservations')}`, observations, (o) => o.id, 'id');

  // Simulated county values for the demo choropleth: generated, deterministic, flagged (see src-core/geo/simulate.ts).
  observations.push(...simulateCountyValues(observations, counties));

  const hash = createHash('sha256');
  for (const k of Object.keys(FILES) as (keyof typeof FILES)[]) hash.update(FILES[k]).update('\0').update(texts[k]).update('\0');
  hash.update(`simulation v${SIMULATION_VERSION}`);
  return { cities, counties, documents, indicators, observations, datasetVersion: hash.digest('hex').slice(0, 12) };
}

// ---------------------------------------------------------------------------------------------
// SQLite

let sqlPromise: ReturnType<typeof initSqlJs> | undefined;
function sqlJs(): ReturnType<typeof initSqlJs> {
  if (!sqlPromise) {
    const wasm = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
    const bytes = readFileSync(wasm);
    sqlPromise = initSqlJs({ wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
  }
  return sqlPromise;
}

type Cell = string | number | null;
const b = (v: boolean) => (v ? 1 : 0);

/** Build the sample database from `dir` (default: the repo's data-samples folder). Deterministic bytes. */
export async function buildSampleDatabase(dir: string = DEFAULT_DATA_DIR): Promise<Uint8Array> {
  const data = await loadSampleData(dir);
  const SQL = await sqlJs();
  const db = new SQL.Database();
  try {
    db.run(DDL);
    db.run('BEGIN');
    const insert = (table: string, cols: string[], rows: Cell[][]) => {
      const stmt = db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      try {
        for (const r of rows) stmt.run(r);
      } finally {
        stmt.free();
      }
    };
    insert('meta', ['key', 'value'], [
      ['schema_version', String(SCHEMA_VERSION)],
      ['dataset', DATASET],
      ['dataset_version', data.datasetVersion],
      ['attribution', ATTRIBUTION],
    ]);
    insert('cities', ['id', 'adcode', 'name_zh', 'name_en', 'province_zh', 'province_en'],
      data.cities.map((c) => [c.id, c.adcode, c.nameZh, c.nameEn, c.provinceZh, c.provinceEn]));
    insert('counties', ['adcode', 'city_id', 'name_zh', 'name_en', 'kind'],
      data.counties.map((c) => [c.adcode, c.cityId, c.nameZh, c.nameEn, c.kind]));
    insert('documents', ['id', 'title_zh', 'title_descriptive', 'publisher_zh', 'published', 'published_inferred', 'city_id', 'notes'],
      data.documents.map((d) => [d.id, d.titleZh, b(d.titleDescriptive), d.publisherZh, d.published, b(d.publishedInferred), d.cityId, d.notes]));
    insert('indicators', ['id', 'name_zh', 'name_en', 'unit', 'unit_zh', 'unit_en', 'domain', 'definition_zh', 'definition_en', 'main_pages'],
      data.indicators.map((d) => [d.id, d.nameZh, d.nameEn, d.unit, d.unitZh, d.unitEn, d.domain, d.definitionZh, d.definitionEn, b(d.mainPages)]));
    insert('observations', ['id', 'indicator_id', 'city_id', 'county_adcode', 'as_of', 'as_of_basis', 'value', 'qualifier', 'qualifier_zh',
      'doc_id', 'quote_zh', 'metric_zh', 'flags', 'notes', 'conflict_group', 'source'],
      data.observations.map((o) => [o.id, o.indicatorId, o.cityId, o.countyAdcode, o.asOf, o.asOfBasis, o.value, o.qualifier, o.qualifierZh,
        o.docId, o.quoteZh, o.metricZh, o.flags.join(','), o.notes, o.conflictGroup, o.source]));
    db.run('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// CLI

async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (!v || v.startsWith('--')) throw new Error(`${name} needs a value`);
    return v;
  };
  const out = path.resolve(arg('--out') ?? '.cache/cockpit.sqlite');
  const dir = path.resolve(arg('--dir') ?? DEFAULT_DATA_DIR);
  const data = await loadSampleData(dir);
  const bytes = await buildSampleDatabase(dir);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  const flagged = (f: string) => data.observations.filter((o) => o.flags.includes(f as never)).length;
  console.log(`wrote ${displayPath(out)} (${bytes.byteLength} bytes, dataset_version ${data.datasetVersion})`);
  console.log(`  cities        ${data.cities.length}`);
  console.log(`  counties      ${data.counties.length}`);
  console.log(`  documents     ${data.documents.length}`);
  console.log(`  indicators    ${data.indicators.length} (${data.indicators.filter((d) => d.mainPages).length} on main pages)`);
  console.log(`  observations  ${data.observations.length} (conflict ${flagged('conflict')}, garbled ${flagged('garbled')}, derived ${flagged('derived')}, date_inferred ${flagged('date_inferred')}, simulated ${flagged('simulated')})`);
  console.log(`    county-level ${data.observations.filter((o) => o.countyAdcode !== null).length} (${data.observations.filter((o) => o.countyAdcode !== null && !o.flags.includes('simulated')).length} from ${FILES.countyObservations}, ${flagged('simulated')} simulated)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e: Error) => {
    console.error(e instanceof SampleDataError ? e.message : (e.stack ?? e.message));
    process.exitCode = 1;
  });
}
