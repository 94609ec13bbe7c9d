/** The Data menu (Import…, sources, refresh) and the path of its events into the page. */
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { SHELL_EVENT_CHANNEL } from '../../src-core/contract';
import { createBridge } from './bridge';
import { menuTemplate, shellEventSender } from './menu';

const items = (t: MenuItemConstructorOptions[]) => t.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));

describe('application menu', () => {
  it('has Import… on every platform; macOS keeps the app, edit and window menus', () => {
    for (const platform of ['win32', 'linux', 'darwin']) {
      const send = vi.fn();
      const t = menuTemplate(platform, send);
      const imp = items(t).find((i) => /Import/.test(String(i.label)))!;
      expect(imp.accelerator).toBe('CmdOrCtrl+O');
      (imp.click as () => void)();
      expect(send).toHaveBeenCalledWith({ kind: 'open-import' });
      expect(t.some((m) => m.role === 'appMenu')).toBe(platform === 'darwin');
    }
    const send = vi.fn();
    for (const i of items(menuTemplate('linux', send))) (i.click as () => void)();
    expect(send.mock.calls.map((c) => c[0].kind)).toEqual(['open-import', 'open-sources', 'refresh-feeds']);
  });

  it('sends menu events only to a live window showing the cockpit', () => {
    const send = vi.fn();
    let url = 'app://cockpit/index.html?city=linyi';
    let destroyed = false;
    const win = { isDestroyed: () => destroyed, webContents: { getURL: () => url, send } };
    const sender = shellEventSender(() => win);
    sender({ kind: 'open-import' });
    expect(send).toHaveBeenCalledWith(SHELL_EVENT_CHANNEL, { kind: 'open-import' });
    send.mockClear();
    url = 'https://evil.example/';
    sender({ kind: 'open-import' });
    url = 'app://cockpit/index.html';
    destroyed = true;
    sender({ kind: 'open-import' });
    shellEventSender(() => null)({ kind: 'open-import' });
    expect(send).not.toHaveBeenCalled();
    // @ts-expect-error not a shell event
    expect(() => shellEventSender(() => ({ ...win, isDestroyed: () => false }))({ kind: 'format-disk' })).toThrow();
  });

  it('the preload passes only well-formed events to the page, never the IPC event', () => {
    let listener: ((payload: unknown) => void) | undefined;
    const off = vi.fn();
    const bridge = createBridge(async () => undefined, (channel, l) => {
      expect(channel).toBe(SHELL_EVENT_CHANNEL);
      listener = l;
      return off;
    });
    const seen: unknown[] = [];
    const unsubscribe = bridge.onEvent!((ev) => seen.push(ev));
    listener!({ kind: 'open-import' });
    listener!({ kind: 'open-import', extra: 1 });
    listener!({ kind: 'rm -rf' });
    listener!('open-import');
    expect(seen).toEqual([{ kind: 'open-import' }]);
    unsubscribe();
    expect(off).toHaveBeenCalled();
    expect(Object.isFrozen(bridge)).toBe(true);
  });
});
