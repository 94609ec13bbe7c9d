import { describe, expect, it } from 'vitest';
import { footerText } from './footer';

const base = {
  city: '临沂市', page: '总览', asOf: '2022-08-29', exportedAt: new Date(2026, 10, 22, 10, 5), appTitle: '城市大脑领导驾驶舱',
  sources: [
    { title: '临沂市大数据局2022年工作总结', publisher: '临沂市大数据局', published: '2022-12-30' },
    { title: 'https://data.example.gov.cn/feed.json', feed: true },
  ],
};

describe('export footer', () => {
  it('names city, page, as-of, sources and export time (zh-CN)', () => {
    const f = footerText({ ...base, lang: 'zh-CN' });
    expect(f.where).toBe('临沂市 · 总览 · 数据截至 2022年8月29日');
    expect(f.sources).toBe('来源：《临沂市大数据局2022年工作总结》（临沂市大数据局，2022年12月30日）；https://data.example.gov.cn/feed.json');
    expect(f.meta).toBe('城市大脑领导驾驶舱 · 导出于 2026-11-22 10:05');
  });
  it('says so in English, with the story step and simulated values', () => {
    const f = footerText({ ...base, lang: 'en', city: 'Linyi', page: 'Overview', simulated: true, story: { title: 'Q4', step: 2, total: 6 } });
    expect(f.where).toBe('Linyi · Overview · Data as of Aug 29, 2022 · includes simulated values (marked)');
    expect(f.sources).toMatch(/^Sources: “临沂市大数据局2022年工作总结” \(临沂市大数据局, Dec 30, 2022\); https:/);
    expect(f.meta).toMatch(/Briefing: Q4 \(2\/6\)$/);
  });
  it('lists at most maxSources, once each, and says how many in all', () => {
    const sources = Array.from({ length: 9 }, (_, i) => ({ title: `文件${i % 8}` }));
    const f = footerText({ ...base, lang: 'zh-CN', sources, maxSources: 3 });
    expect(f.sources).toBe('来源：《文件0》；《文件1》；《文件2》；等共8份');
    expect(footerText({ ...base, lang: 'en', sources, maxSources: 3 }).sources).toMatch(/and 5 more$/);
  });
  it('says when a page has no figures or no sources', () => {
    const f = footerText({ ...base, lang: 'zh-CN', asOf: null, sources: [] });
    expect(f.where).toBe('临沂市 · 总览 · 本页无数据');
    expect(f.sources).toBe('来源：无');
  });
});
