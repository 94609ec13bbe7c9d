/**
 * Application menu. Every platform gets 数据 Data: Import… (the renderer's import dialog), data
 * sources and refresh now; macOS also the app/edit/window menus (Quit, copy/paste). On Windows/Linux
 * the window hides its menu bar (Alt shows it; none in kiosk mode).
 *
 * Menu items reach the renderer as ShellEvents (src-core/contract.ts) sent only to the cockpit's own
 * window while it shows an app:// page; the preload validates them again before the page sees them.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { SHELL_EVENT_CHANNEL, ShellEvent } from '../../src-core/contract';
import { navigationAllowed } from './policy';

export type SendShellEvent = (ev: ShellEvent) => void;

export function menuTemplate(platform: string, send: SendShellEvent): MenuItemConstructorOptions[] {
  const data: MenuItemConstructorOptions = {
    label: '数据 Data',
    submenu: [
      { label: '导入数据文件… Import…', accelerator: 'CmdOrCtrl+O', click: () => send({ kind: 'open-import' }) },
      { label: '数据源… Data sources…', click: () => send({ kind: 'open-sources' }) },
      { label: '立即刷新 Refresh now', click: () => send({ kind: 'refresh-feeds' }) },
    ],
  };
  if (platform !== 'darwin') return [data];
  return [{ role: 'appMenu' }, { role: 'editMenu' }, data, { role: 'windowMenu' }];
}

/** The window the menu talks to, as much of Electron's BrowserWindow as this needs. */
export interface EventTarget {
  isDestroyed(): boolean;
  webContents: { getURL(): string; send(channel: string, payload: unknown): void };
}

/** A sender for menu events: only to a live cockpit window showing our own app:// document. */
export function shellEventSender(target: () => EventTarget | null): SendShellEvent {
  return (ev) => {
    const win = target();
    if (!win || win.isDestroyed() || !navigationAllowed(win.webContents.getURL())) return;
    win.webContents.send(SHELL_EVENT_CHANNEL, ShellEvent.parse(ev));
  };
}
