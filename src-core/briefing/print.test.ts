import { describe, expect, it } from 'vitest';
import { parsePngQuery, parsePrintQuery, pngQuery, printQuery, sheetPx, type PrintRequest } from './print';

describe('print and export requests', () => {
  it('round-trip through the URL query', () => {
    const reqs: PrintRequest[] = [
      { target: { kind: 'page', page: 'overview', city: 'linyi' }, size: 'a4', lang: 'zh-CN' },
      { target: { kind: 'story', story: 'four-cities' }, size: '16x9', lang: 'en' },
      { target: { kind: 'story', story: 'u-1a2b' }, size: 'a4', lang: 'zh-CN' },
    ];
    for (const r of reqs) expect(parsePrintQuery(printQuery(r))).toEqual(r);
    const png = { page: 'overview', city: 'linyi', lang: 'zh-CN' as const, width: 3840, height: 2160 };
    expect(parsePngQuery(pngQuery(png))).toEqual(png);
  });
  it('refuse what is not a valid request', () => {
    expect(parsePrintQuery('city=linyi')).toBeNull();
    expect(parsePrintQuery('print=page&page=overview')).toBeNull();
    expect(parsePrintQuery('print=story&story=../x')).toBeNull();
    expect(parsePrintQuery('print=page&page=overview&city=linyi&size=a3')).toBeNull();
    expect(parsePngQuery('export=png&page=overview&city=linyi&w=99999&h=2160')).toBeNull();
  });
  it('knows the sheet sizes in CSS pixels', () => {
    expect(sheetPx('a4')).toEqual({ width: 1123, height: 794 });
    expect(sheetPx('16x9')).toEqual({ width: 1280, height: 720 });
  });
});
