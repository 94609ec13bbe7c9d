/** Electron launch flags: which part of process.argv is ours, and what it means. */
import type { LaunchOptions } from '../../src-core/contract';
import { FlagError, readFlags } from '../../src-core/shell/flags';
import { LAUNCH_FLAGS, launchFromFlags, launchQuery } from '../../src-core/shell/launch';
import { APP_ORIGIN } from './policy';
import { parseDisplayArg, type DisplayRange } from './displays';
import { isJitMode, JIT_MODES, jitModeFor, jsFlagsFor, type JitMode } from '../../src-core/wall/jit';

/** Flags only the Electron shell has: where the window goes and whether it starts at login. */
export const ELECTRON_FLAGS = { ...LAUNCH_FLAGS, display: 'string', span: 'boolean', 'start-at-login': 'boolean', jit: 'string' } as const;

export interface WindowArgs {
  /** --display N or A-B (1-based, left to right) */
  display?: DisplayRange;
  /** --span: one window across the displays */
  span: boolean;
  /** --start-at-login (true) / --start-at-login=false; undefined when not given */
  startAtLogin?: boolean;
}

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

/** How V8 compiles the renderer's JavaScript (src-core/wall/jit.ts). */
export interface EngineArgs {
  jit: JitMode;
  /** the --js-flags value to append before 'ready', or null: V8's defaults, or the user gave --js-flags (theirs win) */
  jsFlags: string | null;
  /** the user passed their own --js-flags */
  userJsFlags: boolean;
}

export type ParsedArgs = { ok: true; launch: LaunchOptions; window: WindowArgs; engine: EngineArgs } | { ok: false; flag: string; message: string };

/** Parse the cockpit's flags. Never throws; an error names the flag. */
export function parseLaunchArgs(args: readonly string[], resolvePagesFile: (p: string) => string = (p) => p): ParsedArgs {
  try {
    const values = readFlags(args, ELECTRON_FLAGS, { ignore: (n) => FOREIGN_SWITCHES.has(n) });
    const launch = launchFromFlags(values, resolvePagesFile);
    const window: WindowArgs = { span: values.get('span') === true };
    const display = values.get('display');
    if (typeof display === 'string') {
      const range = parseDisplayArg(display);
      if (!range) throw new FlagError('--display', `--display: "${display}" is not a display number (1, 2, … from the left) or range (e.g. 1-3)`);
      window.display = range;
    }
    const login = values.get('start-at-login');
    if (typeof login === 'boolean') window.startAtLogin = login;
    const jitArg = values.get('jit');
    if (typeof jitArg === 'string' && !isJitMode(jitArg)) throw new FlagError('--jit', `--jit: "${jitArg}" is not a mode (use one of: ${JIT_MODES.join(', ')})`);
    const jit = jitModeFor({ kiosk: launch.kiosk, ...(typeof jitArg === 'string' && { jit: jitArg as JitMode }) });
    const userJsFlags = args.some((a) => a === '--js-flags' || a.startsWith('--js-flags='));
    return { ok: true, launch, window, engine: { jit, jsFlags: userJsFlags ? null : jsFlagsFor(jit), userJsFlags } };
  } catch (e) {
    if (e instanceof FlagError) return { ok: false, flag: e.flag, message: e.message };
    throw e;
  }
}

export const USAGE = `Usage: cockpit [--city ID] [--page ID] [--lang zh-CN|en] [--profile WxH] [--source URL]... [--feeds FILE] [--pages FILE] [--kiosk] [--display N|A-B] [--span] [--start-at-login[=false]] [--jit steady|full]`;

/** The URL the window loads: app://cockpit/index.html?city=..&page=..&lang=.. (and &profile= when set) */
export function entryUrl(launch: Pick<LaunchOptions, 'city' | 'page' | 'lang' | 'profile'>): string {
  const q = [launchQuery(launch), launch.profile ? `profile=${encodeURIComponent(launch.profile)}` : ''].filter(Boolean).join('&');
  return `${APP_ORIGIN}/index.html${q ? `?${q}` : ''}`;
}
