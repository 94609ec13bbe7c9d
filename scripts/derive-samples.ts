/**
 * One-off generator for data-samples/observations.csv from the verbatim seed copy
 * data-samples/seed/indicators.csv plus the small mapping table below.
 *
 * The committed CSV is the source of truth: this script exists so the mapping is reviewable and
 * reproducible. Run `tsx scripts/derive-samples.ts` (or with `--check` to verify that the committed
 * observations.csv is what the mapping produces, without writing).
 *
 * data-samples/dictionary.csv (the canonical indicator dictionary) is maintained by hand; this script
 * only checks that every mapped indicator id exists in it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIR = path.resolve(here, '../data-samples');

/** seed `doc` → city id (seed `city` column is English) */
const CITY_IDS: Record<string, string> = { Linyi: 'linyi', Xuancheng: 'xuancheng', Jining: 'jining', Weifang: 'weifang' };

/** Per-document suffixes on seed ids that mark a second mention of the same metric. */
const SUFFIXES = /(_20220829|_d003|_d002|_smartcity_section)$/;

/**
 * Canonical (city-independent) ids that differ from "seed id minus city.year. prefix and suffix":
 * indicators unified across cities (summary.md, cross-city benchmark table) and ids that carried a year.
 */
export const RENAME: Record<string, string> = {
  'data.resource_db_records': 'data.aggregated_records', // Weifang 政务数据资源库 total = aggregated records
  'data.platform_departments': 'data.aggregated_departments', // Jining 一体化大数据平台 departments
  'data.aggregated_units': 'data.aggregated_departments', // Xuancheng 36 业务单位
  'data.platform_counties': 'data.aggregated_counties', // Jining 14 县市区 (incl. functional zones)
  'proposals.npc_satisfaction_rate': 'proposals.satisfaction_rate',
  'proposals.proposal_satisfaction_rate': 'proposals.satisfaction_rate',
  'proposals.npc_suggestions_received': 'proposals.npc_suggestions',
  'dc.data_centres_count': 'dc.data_centres', // Jining 21家 vs 22个: conflict
  'dc.data_centres_built': 'dc.data_centres',
  'catalog.catalog_total': 'catalog.catalog_entries', // Xuancheng 2306
  'catalog.catalog_published': 'catalog.catalog_entries', // Weifang 2.5万余
  'projects.smart_city_subsidy_2025': 'projects.smart_city_subsidy',
  'cloud.compute_voucher_subsidy_2025': 'cloud.compute_voucher_subsidy',
};

export function canonicalId(seedId: string): string {
  const c = seedId.replace(/^[a-z]+\.\d{4}\./, '').replace(SUFFIXES, '');
  return RENAME[c] ?? c;
}

/** Observations that contradict each other. Every member gets the 'conflict' flag. */
const CONFLICTS: Record<string, string[]> = {
  'jining-2025-open-records': ['jining.2025.opening.open_records_smartcity_section', 'jining.2025.opening.open_records'],
  'jining-2025-data-centres': ['jining.2025.dc.data_centres_count', 'jining.2025.dc.data_centres_built'],
  'linyi-2022-catalog-listed': ['linyi.2022.catalog.catalog_listed', 'linyi.2022.catalog.catalog_listed_20220829'],
};

/** Extra flags and notes per seed id (the seed notes are kept; these are appended). */
const EXTRA: Record<string, { flags?: string[]; note?: string }> = {
  'xuancheng.2021.govsvc.elicences_issued': { flags: ['garbled'], note: 'flagged garbled: literal value kept, never show as a plain figure' },
  'linyi.2022.opening.open_records': { flags: ['round'], note: 'flagged round: 共计1亿 is stated plainly but is probably approximate' },
  'linyi.2022.catalog.catalog_listed': { note: 'conflict: falls to 7975 at 2022-08-29 (doc 003)' },
  'linyi.2022.catalog.catalog_listed_20220829': {
    flags: ['suspect'],
    note: 'conflict + suspect: a later figure that is lower than 8874 (2022-05-31, doc 000); possibly copied from 发布数据库表7974',
  },
  'jining.2025.dc.data_centres_count': { note: 'conflict group jining-2025-data-centres' },
  'jining.2025.dc.data_centres_built': { note: 'conflict group jining-2025-data-centres' },
  'xuancheng.2021.cloud.city_brain_cloud_cores': {
    note: '约1500核 exceeds the 752 physical CPU cores of the whole government cloud: must be virtual cores (over-commit), or the figures are inconsistent',
  },
  'weifang.2019.data.resource_db_records': { note: 'unified as data.aggregated_records (total aggregated records) for the cross-city benchmark' },
};

/** Observations computed from stated figures (flag 'derived'). */
const DERIVED = [
  {
    id: 'xuancheng.2021.app.wanshitong_registered_users_2020_derived',
    from: 'xuancheng.2021.app.wanshitong_registered_users',
    minus: 'xuancheng.2021.app.wanshitong_new_users_ytd',
    asOf: '2020-12-31',
    metricZh: '皖事通注册用户数(推算,2020年末)',
    notes: 'derived: 150万 cumulative at 2021-07-20 minus 14万 new since 1 Jan 2021 = 136万 at 2020-12-31 (both figures are round, so approximate)',
  },
  {
    id: 'xuancheng.2021.app.wanshitong_visits_total_2020_derived',
    from: 'xuancheng.2021.app.wanshitong_visits_total',
    minus: 'xuancheng.2021.app.wanshitong_visits_ytd',
    asOf: '2020-12-31',
    metricZh: '皖事通服务访问量(累计,推算,2020年末)',
    notes: 'derived: 8711万 cumulative at 2021-07-20 minus 1915万 since 1 Jan 2021 = 6796万 at 2020-12-31',
  },
];

type SeedRow = Record<string, string>;
const HEADER = [
  'id', 'indicator_id', 'city_id', 'county_adcode', 'as_of', 'as_of_basis', 'value', 'qualifier', 'qualifier_zh', 'doc_id',
  'quote_zh', 'metric_zh', 'flags', 'notes', 'conflict_group', 'source',
] as const;
type OutRow = Record<(typeof HEADER)[number], string>;

function qualifierZh(r: SeedRow): string {
  const q = r.quote_zh ?? '';
  const words: Record<string, string[]> = { more_than: ['余', '多', '超过'], about: ['约'], less_than: ['近'] };
  const candidates = words[r.qualifier ?? ''] ?? [];
  for (const w of candidates) if (q.includes(w)) return w;
  // 约 applies to a list in the source (e.g. 约1500核、3600G内存、52T存储): the word is in the notes, not the quote.
  for (const w of candidates) if ((r.notes ?? '').includes(w)) return w;
  return '';
}

export function deriveObservations(seedText: string): OutRow[] {
  const seed = Papa.parse<SeedRow>(seedText, { header: true, skipEmptyLines: true }).data;
  const byId = new Map(seed.map((r) => [r.id!, r]));
  const groupOf = new Map<string, string>();
  for (const [g, ids] of Object.entries(CONFLICTS)) for (const id of ids) {
    if (!byId.has(id)) throw new Error(`conflict group ${g}: unknown seed id ${id}`);
    groupOf.set(id, g);
  }
  const out: OutRow[] = seed.map((r) => {
    const id = r.id!;
    const flags: string[] = [];
    const group = groupOf.get(id) ?? '';
    if (group) flags.push('conflict');
    const extra = EXTRA[id];
    if (extra?.flags) flags.push(...extra.flags);
    // Jining's as-of is its inferred publication date (also for the text_period rows dated to it).
    if (r.as_of_basis === 'published_inferred' || (r.city === 'Jining' && r.as_of === r.published)) flags.push('date_inferred');
    const notes = [r.notes ?? '', extra?.note ?? ''].filter(Boolean).join('; ');
    return {
      id,
      indicator_id: canonicalId(id),
      city_id: CITY_IDS[r.city ?? ''] ?? `?${r.city}`,
      county_adcode: '',
      as_of: r.as_of ?? '',
      as_of_basis: r.as_of_basis ?? '',
      value: r.value ?? '',
      qualifier: r.qualifier ?? '',
      qualifier_zh: qualifierZh(r),
      doc_id: (r.doc ?? '').replace(/\.txt$/, ''),
      quote_zh: r.quote_zh ?? '',
      metric_zh: r.metric_zh ?? '',
      flags: flags.join(','),
      notes,
      conflict_group: group,
      source: 'bundled',
    };
  });
  for (const d of DERIVED) {
    const a = byId.get(d.from);
    const b = byId.get(d.minus);
    if (!a || !b) throw new Error(`derived ${d.id}: unknown seed id`);
    out.push({
      id: d.id,
      indicator_id: canonicalId(d.from),
      city_id: CITY_IDS[a.city ?? '']!,
      county_adcode: '',
      as_of: d.asOf,
      as_of_basis: 'derived',
      value: String(Number(a.value) - Number(b.value)),
      qualifier: 'about',
      qualifier_zh: '',
      doc_id: (a.doc ?? '').replace(/\.txt$/, ''),
      quote_zh: `${a.quote_zh}；${b.quote_zh}`,
      metric_zh: d.metricZh,
      flags: 'derived',
      notes: `${d.notes} (from ${d.from} and ${d.minus})`,
      conflict_group: '',
      source: 'bundled',
    });
  }
  return out;
}

export function toCsv(rows: OutRow[]): string {
  return Papa.unparse({ fields: [...HEADER], data: rows.map((r) => HEADER.map((h) => r[h])) }, { newline: '\n' }) + '\n';
}

function main(): void {
  const rows = deriveObservations(readFileSync(path.join(DIR, 'seed/indicators.csv'), 'utf8'));
  const dict = new Set(Papa.parse<Record<string, string>>(readFileSync(path.join(DIR, 'dictionary.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data.map((r) => r.id));
  const missing = [...new Set(rows.map((r) => r.indicator_id).filter((i) => !dict.has(i)))];
  if (missing.length) throw new Error(`not in dictionary.csv: ${missing.join(', ')}`);
  const unused = [...dict].filter((i) => i && !rows.some((r) => r.indicator_id === i));
  if (unused.length) console.warn(`dictionary entries without observations: ${unused.join(', ')}`);
  const csv = toCsv(rows);
  const file = path.join(DIR, 'observations.csv');
  if (process.argv.includes('--check')) {
    const same = readFileSync(file, 'utf8') === csv;
    console.log(same ? 'observations.csv is up to date' : 'observations.csv differs from the mapping');
    process.exitCode = same ? 0 : 1;
    return;
  }
  writeFileSync(file, csv);
  console.log(`wrote ${rows.length} observations (${dict.size} dictionary indicators) to ${path.relative(process.cwd(), file)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
