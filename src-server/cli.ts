/** Browser-shell command line: --port N --host ADDR plus the launch defaults (--city/--page/--lang/--source/...). */
import type { LaunchOptions } from '../src-core/contract';
import { FlagError, readFlags } from '../src-core/shell/flags';
import { LAUNCH_FLAGS, launchFromFlags } from '../src-core/shell/launch';

export const DEFAULT_PORT = 4173;
export const DEFAULT_HOST = '127.0.0.1';

export const SERVER_FLAGS = {
  port: 'string',
  host: 'string',
  root: 'string',
  city: LAUNCH_FLAGS.city,
  page: LAUNCH_FLAGS.page,
  lang: LAUNCH_FLAGS.lang,
  profile: LAUNCH_FLAGS.profile,
  source: LAUNCH_FLAGS.source,
  pages: LAUNCH_FLAGS.pages,
  feeds: LAUNCH_FLAGS.feeds,
  /** wall mode for the browsers that open this server (playlist on, idle cursor hidden); pair with Chromium's own --kiosk */
  kiosk: LAUNCH_FLAGS.kiosk,
} as const;

export interface ServerArgs {
  port: number;
  host: string;
  root?: string;
  launch: LaunchOptions;
}

export type ParsedServerArgs = { ok: true; args: ServerArgs } | { ok: false; flag: string; message: string };

export const SERVER_USAGE =
  'Usage: server.mjs [--port N (default 4173, 0 = any free port)] [--host ADDR (default 127.0.0.1)] [--city ID] [--page ID] [--lang zh-CN|en] [--profile WxH] [--kiosk] [--source URL]... [--feeds FILE] [--pages FILE]';

export function parseServerArgs(argv: readonly string[], resolvePagesFile: (p: string) => string = (p) => p): ParsedServerArgs {
  try {
    const values = readFlags(argv, SERVER_FLAGS);
    const portArg = values.get('port');
    let port = DEFAULT_PORT;
    if (typeof portArg === 'string') {
      if (!/^\d{1,5}$/.test(portArg) || Number(portArg) > 65535) throw new FlagError('--port', `--port: "${portArg}" is not a port number (0-65535; 0 picks a free port)`);
      port = Number(portArg);
    }
    const hostArg = values.get('host');
    let host = DEFAULT_HOST;
    if (typeof hostArg === 'string') {
      if (!/^[A-Za-z0-9.:\-[\]%]+$/.test(hostArg)) throw new FlagError('--host', `--host: "${hostArg}" is not a host name or address`);
      host = hostArg.replace(/^\[(.*)\]$/, '$1');
    }
    const rootArg = values.get('root');
    const launch = launchFromFlags(values, resolvePagesFile);
    return { ok: true, args: { port, host, ...(typeof rootArg === 'string' && { root: rootArg }), launch } };
  } catch (e) {
    if (e instanceof FlagError) return { ok: false, flag: e.flag, message: e.message };
    throw e;
  }
}
