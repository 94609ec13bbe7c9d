import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { feedJsonSchema, validateFeed, jsonPath, resolveFeed, FEED_FORMAT } from './format';
import { backoffDelay, initialStatus } from './poller';
import { freshness, formatFetchTime } from './status';
import { mergeSources, parseFeedsConfig } from './config';
import { excelSerialToIso, importTable, parseDateCell, parseNumberCell } from './tabular';
import { acceptableContentType, sniffFormat } from './fetch';
import { decodeSpreadsheetText, parseFeedJson } from './parse';
import { seriesOf, sourceRank } from '../figures';
import type { Observation } from '../model';

describe('feed format', () => {
  it('docs/feed.schema.json is the JSON Schema generated from the zod schema', () => {
    const committed = JSON.parse(readFileSync(new URL('../../docs/feed.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(feedJsonSchema());
  });

  for (const doc of ['docs/feed.md', 'README.md']) {
    it(`accepts the minimal feed of ${doc} and fills defaults`, () => {
      const md = readFileSync(new URL(`../../${doc}`, import.meta.url), 'utf8');
      const minimal = /<!-- minimal-feed -->\s*```json\n([\s\S]*?)```/.exec(md)?.[1];
      expect(minimal, `${doc} has a minimal feed example`).toBeTruthy();
      const r = validateFeed(JSON.parse(minimal!));
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.feed.observations[0]).toMatchObject({ qualifier: 'exact', asOfBasis: 'feed', countyAdcode: null, flags: [] });
    });
  }

  it('names the JSON path of every problem', () => {
    const r = validateFeed({ format: FEED_FORMAT, version: 1, generatedAt: 'yesterday', source: { name: 'x' }, observations: [{ id: 'a', indicatorId: 'i', cityId: 'c', asOf: '2030-1-1', value: 'x' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const paths = r.issues.map((i) => i.path);
      expect(paths).toContain('$.generatedAt');
      expect(paths).toContain('$.observations[0].asOf');
      expect(paths).toContain('$.observations[0].value');
    }
    expect(jsonPath(['a', 0, 'b c'])).toBe('$.a[0]["b c"]');
  });

  it('rejects a wrong format or a future version', () => {
    expect(validateFeed({ format: 'other', version: 1 }).ok).toBe(false);
    const r = validateFeed({ format: FEED_FORMAT, version: 2, generatedAt: '2030-01-01T00:00:00Z', source: { name: 'x' }, observations: [] });
    expect(r.ok).toBe(false);
  });

  it('resolves city adcodes and checks references against the known catalogue', () => {
    const r = validateFeed({
      format: FEED_FORMAT, version: 1, generatedAt: '2030-01-01T00:00:00Z', source: { name: 'x' },
      observations: [
        { id: 'a', indicatorId: 'k', cityAdcode: '371300', asOf: '2030-01-01', value: 1 },
        { id: 'b', indicatorId: 'nope', cityId: 'linyi', asOf: '2030-01-01', value: 1 },
        { id: 'c', indicatorId: 'k', cityId: 'linyi', countyAdcode: '341802', asOf: '2030-01-01', value: 1 },
      ],
    });
    if (!r.ok) throw new Error('expected valid');
    const out = resolveFeed(r.feed, 'https://x/feed.json', { indicators: new Set(['k']), cities: new Map([['linyi', '371300'], ['xuancheng', '341800']]), counties: new Map([['341802', 'xuancheng']]) });
    expect(out.observations[0]).toMatchObject({ cityId: 'linyi', source: 'https://x/feed.json' });
    expect(out.issues.map((i) => i.path)).toEqual(['$.observations[1].indicatorId', '$.observations[2].countyAdcode']);
  });

  it('classifies bytes: truncated vs malformed JSON, content types, SQLite magic', () => {
    expect(() => parseFeedJson(new TextEncoder().encode('{"format": "city-brain'))).toThrow(/cut short/);
    expect(() => parseFeedJson(new TextEncoder().encode('{"a": nope}'))).toThrow(/not valid JSON/);
    expect(acceptableContentType('application/json; charset=utf-8')).toBe(true);
    expect(acceptableContentType('application/vnd.sqlite3')).toBe(true);
    expect(acceptableContentType('text/html')).toBe(false);
    const sq = new Uint8Array(120);
    sq.set(new TextEncoder().encode('SQLite format 3\0'));
    expect(sniffFormat(sq)).toBe('sqlite');
    expect(sniffFormat(new TextEncoder().encode('{}'))).toBe('json');
  });
});

describe('back-off and freshness', () => {
  it('doubles per failure with jitter, capped', () => {
    expect(backoffDelay(1, 1000, 60000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 60000, () => 1)).toBe(1000);
    expect(backoffDelay(4, 1000, 60000, () => 1)).toBe(8000);
    expect(backoffDelay(30, 1000, 60000, () => 0.5)).toBe(45000);
    for (let f = 1; f < 50; f++) {
      const d = backoffDelay(f, 1000, 60000, Math.random);
      expect(d).toBeGreaterThanOrEqual(Math.min(60000, 1000 * 2 ** (f - 1)) / 2 - 1);
      expect(d).toBeLessThanOrEqual(60000);
    }
  });

  it('says why in words a duty officer understands', () => {
    const now = new Date(2030, 0, 31, 12, 0).getTime();
    const at = new Date(2030, 0, 31, 10, 42).getTime();
    const s = { ...initialStatus('u'), state: 'failing' as const, lastSuccessAt: at, dataFetchedAt: at, error: { code: 'timeout' as const, message: 'no answer', at: now } };
    expect(freshness(s, now, 3_600_000 * 24, 'zh-CN').text).toBe('数据源连接超时，显示的是 10:42 获取的数据');
    expect(freshness(s, now, 3_600_000 * 24, 'en').text).toBe('The data source timed out; showing data fetched at 10:42');
    const old = { ...s, state: 'ok' as const, error: null, generatedAt: new Date(2030, 0, 30, 8, 0).toISOString() };
    expect(freshness(old, now, 3_600_000, 'zh-CN')).toMatchObject({ level: 'stale', reason: 'data-old' });
    expect(freshness({ ...old, generatedAt: null }, now, 3_600_000 * 24, 'zh-CN')).toMatchObject({ level: 'ok', text: '10:42 更新' });
    expect(formatFetchTime(new Date(2030, 0, 30, 9, 5).getTime(), now, 'zh-CN')).toBe('1月30日 09:05');
  });
});

describe('sources configuration and precedence', () => {
  it('parses the config file with paths in errors', () => {
    expect(parseFeedsConfig('{"sources":[{"url":"https://d.example/feed.json"}],"pollSeconds":30}', 'f.json')).toMatchObject({ pollSeconds: 30, maxAgeMinutes: 1440 });
    expect(() => parseFeedsConfig('{"sources":[{"url":"ftp://x"}]}', 'f.json')).toThrow(/f\.json: \$\.sources\[0\]\.url/);
  });

  it('merges flags, URL, file and settings in order, without duplicates', () => {
    const m = mergeSources([
      { from: 'launch', entries: ['https://a.example/f.json'] },
      { from: 'url', entries: ['https://b.example/f.json', 'https://a.example/f.json'] },
      { from: 'settings', entries: [{ url: 'https://c.example/f.json', name: 'C' }, { url: 'javascript:alert(1)' }] },
    ]);
    expect(m.map((s) => [s.from, s.url])).toEqual([['launch', 'https://a.example/f.json'], ['url', 'https://b.example/f.json'], ['settings', 'https://c.example/f.json']]);
  });

  it('imports > sources in order > bundled; overriding is not a conflict', () => {
    const o = (id: string, source: string, value: number): Observation => ({
      id, indicatorId: 'i', cityId: 'c', countyAdcode: null, asOf: '2030-01-01', asOfBasis: 'feed', value, qualifier: 'exact', qualifierZh: '',
      docId: null, quoteZh: '', metricZh: '', flags: [], notes: '', conflictGroup: null, source,
    });
    const order = ['https://a/f.json', 'https://b/f.json'];
    expect(sourceRank('import:x.csv', order)).toBeLessThan(sourceRank('https://a/f.json', order));
    expect(sourceRank('https://b/f.json', order)).toBeLessThan(sourceRank('bundled', order));
    const fig = (obs: Observation[]) => [...seriesOf(obs).values()][0]![0]!;
    expect(fig([o('1', 'bundled', 1), o('2', 'https://b/f.json', 2)]).primary.value).toBe(2);
    expect(fig([o('1', 'bundled', 1), o('2', 'https://b/f.json', 2)]).conflict).toBe(false);
    expect(fig([o('1', 'import:x.csv', 3), o('2', 'https://b/f.json', 2)]).primary.value).toBe(3);
  });
});

describe('spreadsheet cells as Excel leaves them', () => {
  it('numbers stored as text, 万/亿, qualifiers, percent', () => {
    expect(parseNumberCell('1,234,567')).toMatchObject({ value: 1234567 });
    // full-width forms typed with a Chinese input method are the same characters (NFKC), not a guess
    expect(parseNumberCell('１２．５万')).toMatchObject({ value: 125000 });
    expect(parseNumberCell('９８，７６５')).toMatchObject({ value: 98765 });
    expect(parseNumberCell('９３．６％')).toMatchObject({ value: 93.6, percent: true });
    expect(parseNumberCell('１２．５．３')).toBeUndefined();
    expect(parseNumberCell('12.5万')).toMatchObject({ value: 125000 });
    expect(parseNumberCell('17.24亿条')).toMatchObject({ value: 1724000000 });
    expect(parseNumberCell('8.1万余人')).toMatchObject({ value: 81000, qualifier: 'more_than', qualifierZh: '余' });
    expect(parseNumberCell('约1500')).toMatchObject({ value: 1500, qualifier: 'about' });
    expect(parseNumberCell('近800万')).toMatchObject({ value: 8000000, qualifier: 'less_than' });
    expect(parseNumberCell('93.6%')).toMatchObject({ value: 93.6, percent: true });
    expect(parseNumberCell('(1,234)')).toMatchObject({ value: -1234 });
    expect(parseNumberCell('很多')).toBeUndefined();
    expect(parseNumberCell('1.2.3')).toBeUndefined();
  });

  it('dates: serials, separators, Chinese, month ends', () => {
    expect(excelSerialToIso(47149)).toBe('2029-01-31');
    expect(parseDateCell(47149)).toBe('2029-01-31');
    expect(parseDateCell('2030/1/31')).toBe('2030-01-31');
    expect(parseDateCell('2030年1月31日')).toBe('2030-01-31');
    expect(parseDateCell('2030-02')).toBe('2030-02-28');
    expect(parseDateCell('2030年2月底')).toBe('2030-02-28');
    expect(parseDateCell('20300131')).toBe('2030-01-31');
    expect(parseDateCell('2030-02-30')).toBeUndefined();
    expect(parseDateCell('２０３０年１月３１日')).toBe('2030-01-31');
    expect(parseDateCell('２０３０／０１／３１')).toBe('2030-01-31');
  });

  it('decodes UTF-8 with BOM, UTF-16 and GBK', () => {
    expect(decodeSpreadsheetText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])).text).toBe('a');
    expect(decodeSpreadsheetText(new Uint8Array([0xd6, 0xb8, 0xb1, 0xea]))).toEqual({ text: '指标', encoding: 'gb18030' });
    expect(decodeSpreadsheetText(new Uint8Array([0xff, 0xfe, 0x07, 0x63]))).toEqual({ text: '指', encoding: 'utf-16le' });
  });

  it('finds the header under a title row and reports file, row and column', () => {
    const cat = {
      indicators: [{ id: 'data.x', nameZh: '汇聚数据总量', nameEn: 'X', unit: 'count' as const, unitZh: '条', unitEn: 'records' }],
      cities: [{ id: 'linyi', adcode: '371300', nameZh: '临沂市', nameEn: 'Linyi' }],
      counties: [{ adcode: '371302', cityId: 'linyi', nameZh: '兰山区', nameEn: 'Lanshan' }],
    };
    const t = importTable('a.csv', [{ name: 'a.csv', rows: [['汇总表'], [], ['指标', '城市', '日期', '数值'], ['汇聚数据总量', '临沂', '2030-01-31', '1亿'], ['汇聚数据总量', '临沂市', 'x', '1'], [''], ['', '']] }], 'import:a.csv', cat);
    expect(t.rows).toBe(2);
    expect(t.observations).toHaveLength(1);
    expect(t.observations[0]).toMatchObject({ value: 100000000, cityId: 'linyi', asOf: '2030-01-31', source: 'import:a.csv' });
    expect(t.issues).toEqual([expect.objectContaining({ file: 'a.csv', row: 5, column: '日期 (C)' })]);
  });
});
