import { describe, expect, it } from 'vitest';
import { citiesLabel, exportFileName, FILE_NAME_PATTERN, localDate, safePart, shortCityName } from './naming';

describe('export file names', () => {
  it('say city, page and date', () => {
    expect(exportFileName({ city: '临沂市', title: '总览', date: '2026-11-22', ext: 'png' })).toBe('临沂-总览-2026-11-22.png');
    expect(exportFileName({ city: 'Linyi', title: 'Data resources', date: '2026-11-22', ext: 'pdf' })).toBe('Linyi-Data_resources-2026-11-22.pdf');
    expect(exportFileName({ city: citiesLabel(['临沂市', '济宁市', '宣城市'], 'zh-CN'), title: '四市大数据工作汇报', date: '2026-11-22', ext: 'pdf' })).toBe('三市-四市大数据工作汇报-2026-11-22.pdf');
  });
  it('are safe on every platform', () => {
    const n = exportFileName({ city: 'a/b\\c', title: 'x:y*?"<>|\u0007 z', date: '2026-11-22', ext: 'png' });
    expect(n).toBe('a_b_c-x_y_z-2026-11-22.png');
    expect(n).toMatch(FILE_NAME_PATTERN);
    expect(exportFileName({ city: '', title: '', date: '', ext: 'pdf' })).toBe('cockpit.pdf');
    expect(exportFileName({ city: 'con', title: '', date: '', ext: 'pdf' })).toBe('con_.pdf');
    expect(safePart('x'.repeat(200))).toHaveLength(60);
    expect(exportFileName({ city: '..', title: '../../etc', date: '2026', ext: 'png' })).toBe('etc-2026.png');
  });
  it('shorten city names and label several cities', () => {
    expect(shortCityName('临沂市')).toBe('临沂');
    expect(shortCityName('市')).toBe('市');
    expect(citiesLabel(['临沂市', '临沂市'], 'zh-CN')).toBe('临沂');
    expect(citiesLabel(['临沂市', '济宁市'], 'zh-CN')).toBe('临沂、济宁');
    expect(citiesLabel(['Linyi', 'Jining', 'Weifang', 'Xuancheng'], 'en')).toBe('4 cities');
    expect(citiesLabel(['临沂市', '济宁市', '潍坊市', '宣城市'], 'zh-CN')).toBe('四市');
  });
  it('date is the calendar day in the given time zone', () => {
    const d = new Date('2026-11-21T17:30:00Z');
    expect(localDate(d, 'Asia/Shanghai')).toBe('2026-11-22');
    expect(localDate(d, 'UTC')).toBe('2026-11-21');
  });
});
