import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import initSqlJs from 'sql.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildSampleDatabase, DEFAULT_DATA_DIR, loadSampleData, type SampleData } from './build-db';

const here = path.dirname(fileURLToPath(import.meta.url));
const SAMPLES = path.resolve(here, '../data-samples');

function seedIds(): string[] {
  const text = readFileSync(path.join(SAMPLES, 'seed/indicators.csv'), 'utf8');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data.map((r) => r.id!);
}

let data: SampleData;
beforeAll(async () => {
  data = await loadSampleData();
});

describe('loadSampleData', () => {
  it('defaults to the repo data-samples folder', () => {
    expect(DEFAULT_DATA_DIR).toBe(SAMPLES);
  });

  it('loads every seed row as an observation (obs id = seed id)', () => {
    const ids = seedIds();
    expect(ids).toHaveLength(212);
    const obs = new Set(data.observations.map((o) => o.id));
    for (const id of ids) expect(obs.has(id), id).toBe(true);
    // everything is bundled, except the generated (simulated) county values
    expect(data.observations.every((o) => o.source === 'bundled' || (o.source === 'simulated' && o.flags.includes('simulated')))).toBe(true);
  });

  it('has 4 cities and 42 counties (12/7/11/12), 广德市 341882 included', () => {
    expect(data.cities.map((c) => c.id).sort()).toEqual(['jining', 'linyi', 'weifang', 'xuancheng']);
    expect(data.counties).toHaveLength(42);
    const per = (id: string) => data.counties.filter((c) => c.cityId === id).length;
    expect([per('linyi'), per('xuancheng'), per('jining'), per('weifang')]).toEqual([12, 7, 11, 12]);
    expect(data.counties.find((c) => c.adcode === '341882')).toMatchObject({ nameZh: '广德市', cityId: 'xuancheng', kind: 'city' });
    for (const c of data.counties) expect(c.adcode.slice(0, 4)).toBe(data.cities.find((x) => x.id === c.cityId)!.adcode.slice(0, 4));
  });

  it('has the five source documents; Jining date inferred, Weifang title descriptive', () => {
    expect(data.documents).toHaveLength(5);
    expect(data.documents.find((d) => d.cityId === 'jining')).toMatchObject({ published: '2025-10-31', publishedInferred: true });
    expect(data.documents.find((d) => d.cityId === 'weifang')).toMatchObject({ titleDescriptive: true });
  });

  it('Linyi aggregated records: one indicator, two observations ordered by as_of', () => {
    const series = data.observations
      .filter((o) => o.indicatorId === 'data.aggregated_records' && o.cityId === 'linyi' && o.countyAdcode === null)
      .sort((a, b) => a.asOf.localeCompare(b.asOf));
    expect(series.map((o) => [o.asOf, o.value])).toEqual([
      ['2022-05-31', 1.653e9],
      ['2022-08-29', 1.724e9],
    ]);
    // the doc published later (000, 2022-11-29) holds the earlier figure
    expect(series.map((o) => o.docId)).toEqual(['000_f67b1e3220853095', '003_b092c9f54babcec8']);
  });

  it('unifies cross-city indicators', () => {
    const cities = (ind: string) => [...new Set(data.observations.filter((o) => o.indicatorId === ind).map((o) => o.cityId))].sort();
    expect(cities('data.aggregated_records')).toEqual(['jining', 'linyi', 'weifang', 'xuancheng']);
    expect(cities('proposals.satisfaction_rate')).toEqual(['jining', 'linyi']);
    expect(cities('data.aggregated_departments')).toEqual(['jining', 'linyi', 'xuancheng']);
    expect(cities('opening.open_records')).toEqual(['jining', 'linyi']);
  });

  it('marks the three conflicts with shared groups, both members flagged', () => {
    const groups = new Map<string, string[]>();
    for (const o of data.observations) if (o.conflictGroup) groups.set(o.conflictGroup, [...(groups.get(o.conflictGroup) ?? []), o.id]);
    const expected = [
      ['jining.2025.opening.open_records', 'jining.2025.opening.open_records_smartcity_section'],
      ['jining.2025.dc.data_centres_built', 'jining.2025.dc.data_centres_count'],
      ['linyi.2022.catalog.catalog_listed', 'linyi.2022.catalog.catalog_listed_20220829'],
    ];
    expect([...groups.values()].map((g) => [...g].sort()).sort()).toEqual(expected.sort());
    const byId = new Map(data.observations.map((o) => [o.id, o]));
    for (const ids of expected) {
      const [a, b] = ids.map((id) => byId.get(id)!);
      expect(a!.flags).toContain('conflict');
      expect(b!.flags).toContain('conflict');
      expect(a!.indicatorId).toBe(b!.indicatorId);
      expect(a!.value).not.toBe(b!.value);
    }
    expect(byId.get('linyi.2022.catalog.catalog_listed_20220829')!.flags).toContain('suspect');
    expect(byId.get('jining.2025.dc.data_centres_count')!.indicatorId).toBe('dc.data_centres');
  });

  it('flags garbled, round and inferred-date figures', () => {
    const byId = new Map(data.observations.map((o) => [o.id, o]));
    const el = byId.get('xuancheng.2021.govsvc.elicences_issued')!;
    expect(el.flags).toContain('garbled');
    expect(el.value).toBe(25714836500);
    expect(byId.get('linyi.2022.opening.open_records')!.flags).toContain('round');
    for (const o of data.observations) if (o.asOfBasis === 'published_inferred') expect(o.flags, o.id).toContain('date_inferred');
    expect(byId.get('xuancheng.2021.cloud.city_brain_cloud_cores')!.notes).toContain('752');
  });

  it('records the source word for qualified figures', () => {
    const byId = new Map(data.observations.map((o) => [o.id, o]));
    expect(byId.get('weifang.2019.sharing.provincial_national_data_calls')).toMatchObject({ qualifier: 'less_than', qualifierZh: '近' });
    expect(byId.get('weifang.2019.data.population_db_records')).toMatchObject({ qualifier: 'more_than', qualifierZh: '超过' });
    expect(byId.get('xuancheng.2021.cloud.city_brain_cloud_cores')).toMatchObject({ qualifier: 'about', qualifierZh: '约' });
    for (const o of data.observations) if (o.qualifier === 'exact') expect(o.qualifierZh, o.id).toBe('');
  });

  it('has the derived 皖事通 figures at 2020-12-31', () => {
    const derived = data.observations.filter((o) => o.flags.includes('derived'));
    expect(derived).toHaveLength(2);
    for (const o of derived) {
      expect(o.id.endsWith('_derived')).toBe(true);
      expect(o.asOfBasis).toBe('derived');
      expect(o.asOf).toBe('2020-12-31');
    }
    const users = derived.find((o) => o.indicatorId === 'app.wanshitong_registered_users')!;
    const visits = derived.find((o) => o.indicatorId === 'app.wanshitong_visits_total')!;
    expect(users.value).toBe(1.36e6);
    expect(visits.value).toBe(6.796e7);
    expect(users.quoteZh).toContain('150万');
    expect(users.quoteZh).toContain('14万');
    expect(visits.quoteZh).toContain('8711万');
    expect(visits.quoteZh).toContain('1915万');
  });

  it('every observation indicator is in the dictionary; canonical ids carry no city or year', () => {
    const dict = new Set(data.indicators.map((d) => d.id));
    for (const o of data.observations) expect(dict.has(o.indicatorId), o.indicatorId).toBe(true);
    for (const d of data.indicators) {
      expect(d.id).not.toMatch(/^(linyi|xuancheng|jining|weifang)\./);
      expect(d.id).not.toMatch(/(19|20)\d\d/);
      expect(d.id).not.toMatch(/(_20220829|_d00\d|_smartcity_section)$/);
    }
    // no dictionary entry without data
    const used = new Set(data.observations.map((o) => o.indicatorId));
    expect(data.indicators.filter((d) => !used.has(d.id))).toEqual([]);
    // party building and training stay off the main pages
    for (const d of data.indicators) if (d.domain === 'party' || d.domain === 'training') expect(d.mainPages, d.id).toBe(false);
  });
});

describe('county observations', () => {
  const county = () => data.observations.filter((o) => o.countyAdcode !== null);
  const facts = () => county().filter((o) => !o.flags.includes('simulated'));

  it('loads the real county facts from county-observations.csv, each with its quote and document', () => {
    const byInd = (id: string) => facts().filter((o) => o.indicatorId === id).map((o) => o.countyAdcode).sort();
    expect(byInd('county.digital_leading_group')).toEqual(['371312', '371321', '371322']); // 河东 沂南 郯城
    expect(byInd('county.bigdata_policy_issued')).toEqual(['371311', '371312', '371328']); // 罗庄 河东 蒙阴
    expect(byInd('county.cross_province_agreement')).toEqual(['341821', '341882']); // 郎溪 广德
    expect(byInd('county.cross_region_pilot')).toEqual(['341821', '341882']);
    for (const o of facts()) {
      expect(o.value, o.id).toBe(1);
      expect(o.source).toBe('bundled');
      expect(o.docId, o.id).toMatch(/^00[13]_/);
      expect(o.quoteZh.length, o.id).toBeGreaterThan(10);
      const name = data.counties.find((c) => c.adcode === o.countyAdcode)!.nameZh.replace(/[区县市]$/, '');
      expect(o.quoteZh, o.id).toContain(name);
      expect(data.documents.find((d) => d.id === o.docId)!.cityId).toBe(o.cityId);
    }
    // counties the texts do not name have no row: never a zero
    expect(county().some((o) => o.value === 0)).toBe(false);
    expect(facts().filter((o) => o.cityId === 'jining' || o.cityId === 'weifang')).toEqual([]);
    for (const id of ['county.digital_leading_group', 'county.bigdata_policy_issued', 'county.cross_province_agreement', 'county.cross_region_pilot']) {
      expect(data.indicators.find((i) => i.id === id), id).toMatchObject({ mainPages: true });
    }
  });

  it('generates deterministic simulated county values: flagged, sourced "simulated", explained, summing to the city figure', async () => {
    const sim = county().filter((o) => o.flags.includes('simulated'));
    expect(sim).toHaveLength(42); // data.aggregated_records × every county of the 4 cities
    for (const o of sim) {
      expect(o.source).toBe('simulated');
      expect(o.docId).toBeNull();
      expect(o.quoteZh).toBe('');
      expect(o.notes).toMatch(/^模拟数据：/);
      expect(o.notes).toContain('mulberry32');
      expect(o.id).toMatch(/^sim\./);
      expect(o.value).toBeGreaterThan(0);
    }
    for (const city of data.cities) {
      const total = data.observations.filter((o) => o.indicatorId === 'data.aggregated_records' && o.cityId === city.id && o.countyAdcode === null).sort((a, b) => a.asOf.localeCompare(b.asOf)).at(-1)!;
      const parts = sim.filter((o) => o.cityId === city.id);
      expect(parts).toHaveLength(data.counties.filter((c) => c.cityId === city.id).length);
      expect(parts.every((o) => o.asOf === total.asOf)).toBe(true);
      const sum = parts.reduce((a, o) => a + o.value!, 0);
      expect(Math.abs(sum - total.value!) / total.value!).toBeLessThan(0.01);
    }
    const again = await loadSampleData();
    expect(again.observations.filter((o) => o.flags.includes('simulated'))).toEqual(sim);
  });

  it('rejects a simulated row or a missing county adcode in county-observations.csv', async () => {
    const dir2 = mkdtempSync(path.join(tmpdir(), 'cockpit-samples-'));
    try {
      cpSync(SAMPLES, dir2, { recursive: true });
      const p = path.join(dir2, 'county-observations.csv');
      const text = readFileSync(p, 'utf8');
      writeFileSync(p, text.replace(',371312,2022-08-29,published,1,exact,,003_b092c9f54babcec8', ',,2022-08-29,published,1,exact,,003_b092c9f54babcec8'));
      await expect(loadSampleData(dir2)).rejects.toThrow(/county-observations\.csv row 2, field county_adcode: a county observation needs a county adcode/);
      writeFileSync(p, text.replace(',371322,2022-08-29,published,1,exact,,003_b092c9f54babcec8', ',371302,2022-08-29,published,1,exact,,003_b092c9f54babcec8').replace(',371321,2022-08-29', ',370811,2022-08-29'));
      await expect(loadSampleData(dir2)).rejects.toThrow(/county-observations\.csv row 4, field county_adcode: county 370811 belongs to jining, not linyi/);
    } finally {
      rmSync(dir2, { recursive: true, force: true });
    }
  });
});

describe('buildSampleDatabase', () => {
  it('is deterministic and holds everything', async () => {
    const a = await buildSampleDatabase();
    const b = await buildSampleDatabase();
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);

    const SQL = await initSqlJs();
    const db = new SQL.Database(a);
    const one = (sql: string) => db.exec(sql)[0]!.values[0]![0];
    expect(one('SELECT count(*) FROM observations')).toBe(data.observations.length);
    expect(one('SELECT count(*) FROM indicators')).toBe(data.indicators.length);
    expect(one('SELECT count(*) FROM counties')).toBe(42);
    expect(one("SELECT value FROM meta WHERE key='dataset'")).toBe('bundled-sample');
    expect(one("SELECT value FROM meta WHERE key='schema_version'")).toBe('1');
    expect(one("SELECT value FROM meta WHERE key='dataset_version'")).toBe(data.datasetVersion);
    expect(String(one("SELECT value FROM meta WHERE key='attribution'"))).toContain('README');
    expect(one("SELECT flags FROM observations WHERE id='linyi.2022.catalog.catalog_listed_20220829'")).toBe('conflict,suspect');
    expect(one("SELECT county_adcode IS NULL FROM observations WHERE id='linyi.2022.data.aggregated_records'")).toBe(1);
    expect(one('SELECT count(*) FROM observations o LEFT JOIN indicators i ON i.id = o.indicator_id WHERE i.id IS NULL')).toBe(0);
    db.close();
  });
});

describe('bad input', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** Copy data-samples to a temp dir and change one cell of a CSV; returns the 1-based row (header = 1). */
  function corrupt(file: string, rowId: string, column: string, value: string): number {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(path.join(tmpdir(), 'cockpit-samples-'));
    cpSync(SAMPLES, dir, { recursive: true });
    const p = path.join(dir, file);
    const parsed = Papa.parse<Record<string, string>>(readFileSync(p, 'utf8'), { header: true, skipEmptyLines: true });
    const key = parsed.meta.fields![0]!;
    const i = parsed.data.findIndex((r) => r[key] === rowId);
    expect(i).toBeGreaterThanOrEqual(0);
    parsed.data[i]![column] = value;
    writeFileSync(p, Papa.unparse({ fields: parsed.meta.fields!, data: parsed.data.map((r) => parsed.meta.fields!.map((f) => r[f])) }, { newline: '\n' }) + '\n');
    return i + 2;
  }

  it('names file, row and field for a bad number', async () => {
    const row = corrupt('observations.csv', 'linyi.2022.data.aggregated_records', 'value', 'abc');
    await expect(loadSampleData(dir)).rejects.toThrow(`observations.csv row ${row}, field value: expected a number, got "abc"`);
  });

  it('names file, row and field for an unknown indicator', async () => {
    const row = corrupt('observations.csv', 'jining.2025.cloud.compute_total_pflops', 'indicator_id', 'cloud.no_such_thing');
    await expect(loadSampleData(dir)).rejects.toThrow(new RegExp(`observations\\.csv row ${row}, field indicator_id: unknown indicator "cloud\\.no_such_thing"`));
  });

  it('names file, row and field for a bad date', async () => {
    const row = corrupt('observations.csv', 'weifang.2019.sharing.exchange_volume', 'as_of', '2019-11');
    await expect(loadSampleData(dir)).rejects.toThrow(new RegExp(`observations\\.csv row ${row}, field as_of: expected a date YYYY-MM-DD, got "2019-11"`));
  });

  it('names file, row and field for a bad enum, doc and county reference', async () => {
    let row = corrupt('dictionary.csv', 'data.aggregated_records', 'unit', 'bananas');
    await expect(loadSampleData(dir)).rejects.toThrow(new RegExp(`dictionary\\.csv row ${row}, field unit: .*"bananas"`));
    row = corrupt('observations.csv', 'xuancheng.2021.data.aggregated_records', 'doc_id', '999_missing');
    await expect(loadSampleData(dir)).rejects.toThrow(`observations.csv row ${row}, field doc_id: unknown document "999_missing"`);
    row = corrupt('observations.csv', 'xuancheng.2021.data.aggregated_records', 'county_adcode', '370811');
    await expect(loadSampleData(dir)).rejects.toThrow(`observations.csv row ${row}, field county_adcode: county 370811 belongs to jining, not xuancheng`);
    row = corrupt('counties.csv', '341882', 'city_id', 'hefei');
    await expect(loadSampleData(dir)).rejects.toThrow(`counties.csv row ${row}, field city_id: unknown city "hefei"`);
  });

  it('rejects a conflict group with a single member', async () => {
    const row = corrupt('observations.csv', 'jining.2025.dc.data_centres_count', 'conflict_group', 'jining-2025-other');
    await expect(loadSampleData(dir)).rejects.toThrow(/observations\.csv row \d+, field conflict_group: conflict group "(jining-2025-other|jining-2025-data-centres)" has only one member/);
    expect(row).toBeGreaterThan(1);
  });

  it('buildSampleDatabase fails the same way', async () => {
    const row = corrupt('observations.csv', 'linyi.2022.data.aggregated_records', 'value', '1.2.3');
    await expect(buildSampleDatabase(dir)).rejects.toThrow(`observations.csv row ${row}, field value: expected a number, got "1.2.3"`);
  });
});
