import { describe, expect, it } from 'vitest';
import { FlagError, readFlags } from './flags';
import { LAUNCH_FLAGS, launchFromFlags, launchQuery } from './launch';

const parse = (argv: string[]) => launchFromFlags(readFlags(argv, LAUNCH_FLAGS));
const errorOf = (argv: string[]) => {
  try {
    parse(argv);
  } catch (e) {
    if (e instanceof FlagError) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('launch flags', () => {
  it('parses every flag in both forms', () => {
    expect(parse(['--city', 'linyi', '--page=overview', '--lang', 'en', '--profile', '3840x2160', '--source', 'https://a.cn/x', '--source=http://b.cn:8080/y', '--pages', 'p.json', '--kiosk'])).toEqual({
      city: 'linyi', page: 'overview', lang: 'en', profile: '3840x2160', sources: ['https://a.cn/x', 'http://b.cn:8080/y'], pagesFile: 'p.json', kiosk: true,
    });
  });
  it('defaults', () => {
    expect(parse([])).toEqual({ sources: [], kiosk: false });
  });
  it.each([
    [['--city', 'Lin Yi'], '--city'],
    [['--city'], '--city'],
    [['--city', '--page', 'x'], '--city'],
    [['--page', '1x'], '--page'],
    [['--lang', 'fr'], '--lang'],
    [['--lang=zh'], '--lang'],
    [['--profile', 'a b'], '--profile'],
    [['--profile', 'x'.repeat(41)], '--profile'],
    [['--source', 'not a url'], '--source'],
    [['--source', 'file:///etc/passwd'], '--source'],
    [['--source', 'javascript:alert(1)'], '--source'],
    [['--source', 'https://user:pw@x.cn/'], '--source'],
    [['--pages', ''], '--pages'],
    [['--kiosk=yes'], '--kiosk'],
    [['--colour', 'red'], '--colour'],
    [['linyi'], 'linyi'],
    [['--city', 'a', '--city', 'b'], '--city'],
  ])('%j is rejected naming %s', (argv, flag) => {
    const e = errorOf(argv as string[]);
    expect(e.flag).toBe(flag);
    expect(e.message).toContain(flag);
  });
  it('lists the supported languages in the error', () => {
    expect(errorOf(['--lang', 'fr']).message).toMatch(/zh-CN, en/);
  });
  it('launchQuery mirrors city/page/lang', () => {
    expect(launchQuery({ city: 'linyi', page: 'overview', lang: 'zh-CN' })).toBe('city=linyi&page=overview&lang=zh-CN');
    expect(launchQuery({ lang: 'en' })).toBe('lang=en');
    expect(launchQuery({})).toBe('');
  });
});
