import { describe, expect, it } from 'vitest';
import { argsWithoutLoginFlag, desktopExecQuote, loginPlan } from './login';

describe('start at login', () => {
  const args = ['--kiosk', '--profile', '5760x1080', '--span', '--start-at-login', '--pages', '/srv/wall pages/pages.json'];
  it('does nothing without the flag', () => {
    expect(loginPlan({ platform: 'win32', enable: undefined, exePath: 'C:\\cockpit.exe', args })).toEqual({ kind: 'none' });
  });
  it('drops only its own flag from the remembered arguments', () => {
    expect(argsWithoutLoginFlag(['--kiosk', '--start-at-login=true', '--start-at-login', '--span'])).toEqual(['--kiosk', '--span']);
  });
  it('Windows: an Electron login item with the same flags', () => {
    expect(loginPlan({ platform: 'win32', enable: true, exePath: 'C:\\cockpit.exe', args })).toMatchObject({
      kind: 'electron',
      settings: { openAtLogin: true, path: 'C:\\cockpit.exe', args: ['--kiosk', '--profile', '5760x1080', '--span', '--pages', '/srv/wall pages/pages.json'] },
    });
    expect(loginPlan({ platform: 'win32', enable: false, exePath: 'C:\\cockpit.exe', args })).toMatchObject({ kind: 'electron', settings: { openAtLogin: false } });
  });
  it('macOS: a login item, with a note that flags cannot be carried', () => {
    const p = loginPlan({ platform: 'darwin', enable: true, exePath: '/Applications/x.app', args });
    expect(p).toMatchObject({ kind: 'electron', settings: { openAtLogin: true } });
    expect(p.kind === 'electron' && p.notes[0]).toMatch(/without flags/);
  });
  it('Linux: an XDG autostart entry with a correctly quoted Exec line, removed by =false', () => {
    const p = loginPlan({ platform: 'linux', enable: true, exePath: '/opt/城市大脑驾驶舱/cockpit', args, configHome: '/home/wall/.config/' });
    expect(p.kind).toBe('xdg');
    if (p.kind !== 'xdg') return;
    expect(p.file).toBe('/home/wall/.config/autostart/city-brain-cockpit.desktop');
    expect(p.content).toContain('[Desktop Entry]\nType=Application\n');
    expect(p.content).toContain('Exec=/opt/城市大脑驾驶舱/cockpit --kiosk --profile 5760x1080 --span --pages "/srv/wall pages/pages.json"\n');
    expect(loginPlan({ platform: 'linux', enable: false, exePath: 'x', args, configHome: '/h/.config' })).toMatchObject({ kind: 'xdg', content: null });
  });
  it('quotes Exec arguments per the desktop entry spec', () => {
    expect(desktopExecQuote('plain')).toBe('plain');
    expect(desktopExecQuote('a b')).toBe('"a b"');
    expect(desktopExecQuote('50%')).toBe('50%%');
    expect(desktopExecQuote('say "$HOME"\\')).toBe('"say \\"\\$HOME\\"\\\\"');
  });
});
