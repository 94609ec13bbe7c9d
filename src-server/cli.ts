/**
 * Browser-shell command line: --port N --host ADDR [--token T | --no-token] plus the launch defaults
 * (--city/--page/--lang/--source/...).
 *
 * Access policy: on loopback (the default) no token is needed. Listening on any other address requires a
 * shared access token (--token or the COCKPIT_TOKEN environment variable), unless --no-token says
 * explicitly that the cockpit may be open to everyone on the network.
 */
import type { LaunchOptions } from '../src-core/contract';
import { TOKEN_ENV, tokenProblem } from './access';
import { FlagError, readFlags } from '../src-core/shell/flags';
import { LAUNCH_FLAGS, launchFromFlags } from '../src-core/shell/launch';
import { jsFlagsFor } from '../src-core/wall/jit';

export const DEFAULT_PORT = 4173;
export const DEFAULT_HOST = '127.0.0.1';

export const SERVER_FLAGS = {
  port: 'string',
  host: 'string',
  token: 'string',
  'no-token': 'boolean',
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
  /** shared access token required on every request; null = none */
  token: string | null;
  root?: string;
  launch: LaunchOptions;
}

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export type ParsedServerArgs = { ok: true; args: ServerArgs } | { ok: false; flag: string; message: string };

export const SERVER_USAGE =
  'Usage: server.mjs [--port N (default 4173, 0 = any free port)] [--host ADDR (default 127.0.0.1)] [--token TOKEN (or COCKPIT_TOKEN; required unless --host is loopback) | --no-token] [--city ID] [--page ID] [--lang zh-CN|en] [--profile WxH] [--kiosk] [--source URL]... [--feeds FILE] [--pages FILE]';

/**
 * What to run on the wall's machine for a kiosk wall in the browser shell: Chromium full screen with the
 * V8 flags the Electron kiosk uses (src-core/wall/jit.ts, "steady": the JS heap stays flat for weeks).
 */
export function wallBrowserCommand(url: string): string {
  return `chromium --kiosk --js-flags="${jsFlagsFor('steady')}" '${url}'`;
}

export function parseServerArgs(
  argv: readonly string[],
  resolvePagesFile: (p: string) => string = (p) => p,
  env: Readonly<Record<string, string | undefined>> = {},
): ParsedServerArgs {
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
    const tokenArg = values.get('token');
    const noToken = values.get('no-token') === true;
    const envToken = env[TOKEN_ENV];
    if (noToken && typeof tokenArg === 'string') throw new FlagError('--no-token', '--no-token and --token exclude each other');
    let token: string | null = null;
    if (typeof tokenArg === 'string') token = tokenArg;
    else if (!noToken && envToken !== undefined && envToken !== '') token = envToken;
    if (token !== null) {
      const problem = tokenProblem(token);
      if (problem) throw new FlagError('--token', `${typeof tokenArg === 'string' ? '--token' : TOKEN_ENV}: ${problem}`);
    }
    if (token === null && !noToken && !isLoopbackHost(host)) {
      throw new FlagError(
        '--host',
        `--host ${host}: listening beyond this machine needs an access token: add --token TOKEN or set ${TOKEN_ENV}=TOKEN (at least 16 characters, e.g. \`openssl rand -hex 16\`), or add --no-token to let anyone on the network in`,
      );
    }
    const rootArg = values.get('root');
    const launch = launchFromFlags(values, resolvePagesFile);
    return { ok: true, args: { port, host, token, ...(typeof rootArg === 'string' && { root: rootArg }), launch } };
  } catch (e) {
    if (e instanceof FlagError) return { ok: false, flag: e.flag, message: e.message };
    throw e;
  }
}
