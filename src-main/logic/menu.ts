/** Application menu: none on Windows/Linux; on macOS the minimal app + edit menus (for Quit and copy/paste shortcuts). */
import type { MenuItemConstructorOptions } from 'electron';

export function menuTemplate(platform: string): MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null;
  return [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }];
}
