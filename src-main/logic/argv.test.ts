import { describe, expect, it } from 'vitest';
import { entryUrl, parseLaunchArgs, userArgs } from './argv';

describe('userArgs', () => {
  it('drops the executable, and the app path in dev', () => {
    expect(userArgs(['/opt/cockpit/cockpit', '--city', 'linyi'], false)).toEqual(['--city', 'linyi']);
    expect(userArgs(['/x/electron', '.', '--city', 'linyi'], true)).toEqual(['--city', 'linyi']);
  });
});

describe('parseLaunchArgs', () => {
  it('parses all flags and resolves --pages', () => {
    const r = parseLaunchArgs(['--city', 'linyi', '--page', 'economy', '--lang', 'en', '--profile', '3840x2160', '--source', 'https://a.cn/feed', '--source', 'https://b.cn/feed', '--pages', 'my-pages.json', '--kiosk'], (p) => `/home/u/${p}`);
    expect(r).toEqual({
      ok: true,
      launch: { city: 'linyi', page: 'economy', lang: 'en', profile: '3840x2160', sources: ['https://a.cn/feed', 'https://b.cn/feed'], pagesFile: '/home/u/my-pages.json', kiosk: true },
      window: { span: false },
      engine: { jit: 'steady', jsFlags: '--max-opt=1 --always-sparkplug', userJsFlags: false },
    });
  });
  it('parses the wall window flags: --display, --span, --start-at-login', () => {
    expect(parseLaunchArgs(['--display', '2'])).toMatchObject({ ok: true, window: { display: { from: 2, to: 2 }, span: false } });
    expect(parseLaunchArgs(['--display=1-3', '--span', '--start-at-login'])).toMatchObject({ ok: true, window: { display: { from: 1, to: 3 }, span: true, startAtLogin: true } });
    expect(parseLaunchArgs(['--start-at-login=false'])).toMatchObject({ ok: true, window: { startAtLogin: false } });
    expect(parseLaunchArgs(['--display', 'left'])).toMatchObject({ ok: false, flag: '--display', message: expect.stringMatching(/--display: "left" is not a display number/) });
  });
  it('ignores Chromium/Electron switches', () => {
    const r = parseLaunchArgs(['--no-sandbox', '--enable-logging', '--city=linyi', '--remote-debugging-port=9222', '--allow-file-access-from-files']);
    expect(r).toEqual({ ok: true, launch: { city: 'linyi', sources: [], kiosk: false }, window: { span: false }, engine: { jit: 'full', jsFlags: null, userJsFlags: false } });
  });
  it('--jit: steady by default on a kiosk wall, full otherwise; either can be asked for; the user\'s own --js-flags win', () => {
    expect(parseLaunchArgs([])).toMatchObject({ ok: true, engine: { jit: 'full', jsFlags: null } });
    expect(parseLaunchArgs(['--kiosk'])).toMatchObject({ ok: true, engine: { jit: 'steady', jsFlags: '--max-opt=1 --always-sparkplug' } });
    expect(parseLaunchArgs(['--kiosk', '--jit', 'full'])).toMatchObject({ ok: true, engine: { jit: 'full', jsFlags: null } });
    expect(parseLaunchArgs(['--jit=steady'])).toMatchObject({ ok: true, engine: { jit: 'steady', jsFlags: '--max-opt=1 --always-sparkplug' } });
    expect(parseLaunchArgs(['--kiosk', '--js-flags=--max-old-space-size=512'])).toMatchObject({ ok: true, engine: { jit: 'steady', jsFlags: null, userJsFlags: true } });
    expect(parseLaunchArgs(['--jit', 'turbo'])).toMatchObject({ ok: false, flag: '--jit', message: '--jit: "turbo" is not a mode (use one of: steady, full)' });
  });
  it.each([
    [['--lang', 'de'], '--lang', /zh-CN, en/],
    [['--city', 'LINYI'], '--city', /city id/],
    [['--page'], '--page', /needs a value/],
    [['--source', 'ftp://x/y'], '--source', /http/],
    [['--kiosk=1'], '--kiosk', /no value/],
    [['--fullscreen'], '--fullscreen', /unknown flag --fullscreen/],
    [['linyi'], 'linyi', /unexpected argument/],
  ])('%j -> error naming %s', (argv, flag, re) => {
    const r = parseLaunchArgs(argv as string[]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.flag).toBe(flag);
      expect(r.message).toContain(flag);
      expect(r.message).toMatch(re);
    }
  });
});

describe('entryUrl', () => {
  it('mirrors the flags in the URL', () => {
    expect(entryUrl({ city: 'linyi', page: 'overview', lang: 'zh-CN' })).toBe('app://cockpit/index.html?city=linyi&page=overview&lang=zh-CN');
    expect(entryUrl({})).toBe('app://cockpit/index.html');
    expect(entryUrl({ city: 'linyi', profile: '5760x1080' })).toBe('app://cockpit/index.html?city=linyi&profile=5760x1080');
  });
});
