/** Electron launch flags: which part of process.argv is ours, and what it means. */
import type { LaunchOptions } from '../../src-core/contract';
import { FlagError, readFlags } from '../../src-core/shell/flags';
import { LAUNCH_FLAGS, launchFromFlags, launchQuery } from '../../src-core/shell/launch';
import { APP_ORIGIN } from './policy';

/**
 * Switches Chromium/Electron/Node understand that may appear in our argv (debugging, GPU, Wayland,
 * and what Chromium appends when relaying a second instance's command line). Skipped, not errors.
 */
export const FOREIGN_SWITCHES: ReadonlySet<string> = new Set([
  'no-sandbox', 'disable-gpu', 'disable-gpu-sandbox', 'disable-software-rasterizer', 'in-process-gpu',
  'use-gl', 'use-angle', 'enable-features', 'disable-features', 'ozone-platform', 'ozone-platform-hint',
  'enable-wayland-ime', 'force-device-scale-factor', 'high-dpi-support', 'enable-logging', 'v', 'vmodule',
  'log-file', 'remote-debugging-port', 'inspect', 'inspect-brk', 'inspect-port', 'trace-warnings',
  'allow-file-access-from-files', 'original-process-start-time', 'user-data-dir', 'disable-dev-shm-usage',
  'js-flags', 'lang-override',
]);

/** The user's arguments: argv minus the executable (and the app path when run as `electron <app>`). */
export function userArgs(argv: readonly string[], defaultApp: boolean): string[] {
  return argv.slice(defaultApp ? 2 : 1);
}

export type ParsedArgs = { ok: true; launch: LaunchOptions } | { ok: false; flag: string; message: string };

/** Parse the cockpit's flags. Never throws; an error names the flag. */
export function parseLaunchArgs(args: readonly string[], resolvePagesFile: (p: string) => string = (p) => p): ParsedArgs {
  try {
    const values = readFlags(args, LAUNCH_FLAGS, { ignore: (n) => FOREIGN_SWITCHES.has(n) });
    return { ok: true, launch: launchFromFlags(values, resolvePagesFile) };
  } catch (e) {
    if (e instanceof FlagError) return { ok: false, flag: e.flag, message: e.message };
    throw e;
  }
}

export const USAGE = `Usage: cockpit [--city ID] [--page ID] [--lang zh-CN|en] [--profile WxH] [--source URL]... [--feeds FILE] [--pages FILE] [--kiosk]`;

/** The URL the window loads: app://cockpit/index.html?city=..&page=..&lang=.. */
export function entryUrl(launch: Pick<LaunchOptions, 'city' | 'page' | 'lang'>): string {
  const q = launchQuery(launch);
  return `${APP_ORIGIN}/index.html${q ? `?${q}` : ''}`;
}
