import { describe, expect, it } from 'vitest';
import { displayValue, formatClock, formatCount, formatDate, formatValue, warmFormats } from './format';
import type { Indicator } from './model';

const ind = (unit: Indicator['unit'], unitZh = '', unitEn = ''): Indicator => ({
  id: 'x.y', nameZh: '测试', nameEn: 'Test', unit, unitZh, unitEn, domain: 'resources',
  definitionZh: '', definitionEn: '', mainPages: true,
});
const records = ind('count', '条', 'records');
const persons = ind('count', '人', 'persons');

describe('formatValue zh-CN', () => {
  const z = (i: Indicator, value: number, qualifier: 'exact' | 'more_than' | 'about' | 'less_than' = 'exact', qualifierZh = '') =>
    formatValue(i, { value, qualifier, qualifierZh }, 'zh-CN').text;
  it('uses 万/亿 with the unit noun', () => {
    expect(z(records, 1724000000)).toBe('17.24亿条');
    expect(z(records, 15800000000)).toBe('158亿条');
    expect(z(records, 1395000000)).toBe('13.95亿条');
    expect(z(records, 87110000)).toBe('8711万条');
    expect(z(persons, 1500000)).toBe('150万人');
    expect(z(ind('count', '个'), 2977000)).toBe('297.7万个');
  });
  it('prints small counts in full without grouping', () => {
    expect(z(ind('count', '个'), 8874)).toBe('8874个');
    expect(z(ind('count', '件'), 8)).toBe('8件');
  });
  it('keeps the qualifier visible where Chinese puts it', () => {
    expect(z(persons, 81000, 'more_than', '余')).toBe('8.1万余人');
    expect(z(ind('count', '个'), 140, 'more_than', '多')).toBe('140多个');
    expect(z(ind('count', '核'), 1500, 'about', '约')).toBe('约1500核');
    expect(z(ind('count', '次'), 8000000, 'less_than', '近')).toBe('近800万次');
    expect(z(records, 100000000, 'more_than', '超过')).toBe('超过1亿条');
    expect(z(persons, 56000, 'more_than')).toBe('5.6万余人');
  });
  it('formats rates, compute, money and ranks', () => {
    expect(z(ind('percent'), 93.6)).toBe('93.6%');
    expect(z(ind('percent'), 100)).toBe('100%');
    expect(z(ind('percent'), 71)).toBe('71%');
    expect(z(ind('PFLOPS'), 1260)).toBe('1260 PFLOPS');
    expect(z(ind('yuan'), 3450000)).toBe('345万元');
    expect(z(ind('yuan'), 26000000, 'more_than', '余')).toBe('2600万余元');
    expect(z(ind('rank', '名'), 3)).toBe('第3名');
    expect(z(ind('TB'), 276)).toBe('276 TB');
    expect(z(ind('years'), 4)).toBe('4年');
  });
});

describe('formatValue en', () => {
  const e = (i: Indicator, value: number, qualifier: 'exact' | 'more_than' | 'about' | 'less_than' = 'exact') =>
    formatValue(i, { value, qualifier }, 'en').text;
  it('uses thousand / million / billion', () => {
    expect(e(records, 1724000000)).toBe('1.724 billion records');
    expect(e(records, 1395000000)).toBe('1.395 billion records');
    expect(e(ind('count', '次', 'visits'), 87110000)).toBe('87.11 million visits');
    expect(e(persons, 81000, 'more_than')).toBe('over 81 thousand persons');
    expect(e(ind('count', '个', 'catalogues'), 8874)).toBe('8,874 catalogues');
    expect(e(ind('percent'), 93.6)).toBe('93.6%');
    expect(e(ind('yuan'), 3450000)).toBe('3.45 million yuan');
    expect(e(ind('rank', '名'), 3)).toBe('No. 3');
  });
  it('compact counts keep the stated precision', () => {
    expect(formatCount(5917000000, 'en')).toBe('5.917 billion');
    expect(formatCount(15800000000, 'en')).toBe('15.8 billion');
    expect(formatCount(5917000000, 'zh-CN')).toBe('59.17亿');
  });
});

describe('displayValue', () => {
  it('never formats a garbled figure', () => {
    const d = displayValue(ind('count', '个'), { value: 25714836500, qualifier: 'exact', qualifierZh: '', flags: ['garbled'] }, 'zh-CN');
    expect(d.kind).toBe('withheld');
  });
  it('formats dates', () => {
    expect(formatDate('2022-08-29', 'zh-CN')).toBe('2022年8月29日');
    expect(formatDate('2022-08-29', 'en')).toBe('Aug 29, 2022');
    expect(formatDate('2022-08-29', 'en', 'short')).toBe('2022-08');
  });
});

describe('formatClock / warmFormats', () => {
  it('formats the header clock as 24-hour time and a dated weekday, in both languages', () => {
    const now = new Date(2026, 11, 4, 9, 5, 7);
    const zh = formatClock(now, 'zh-CN');
    expect(zh.time).toBe('09:05:07');
    expect(zh.date).toMatch(/2026\/12\/04.*周五/);
    expect(formatClock(now, 'en').time).toBe('09:05:07');
    expect(formatClock(now, 'en').date).toMatch(/Fri/);
  });
  it('warming the formatters changes nothing they return', () => {
    const before = formatDate('2022-08-29', 'zh-CN');
    warmFormats('zh-CN');
    warmFormats('en');
    expect(formatDate('2022-08-29', 'zh-CN')).toBe(before);
    expect(before).toBe('2022年8月29日');
  });
});
