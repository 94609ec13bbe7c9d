/**
 * Launch options shared by both shells: reading --city/--page/--lang/--profile/--source/--pages/--kiosk
 * into the contract's LaunchOptions with messages that name the flag, and mirroring them into the
 * renderer's URL (?city=&page=&lang=).
 */
import { LaunchOptions, LANGS } from '../contract';
import { FlagError, type FlagValues } from './flags';
import { parseUrl } from './url';

export const LAUNCH_FLAGS = {
  city: 'string',
  page: 'string',
  lang: 'string',
  profile: 'string',
  source: 'repeat',
  pages: 'string',
  feeds: 'string',
  kiosk: 'boolean',
} as const;

const ID = /^[a-z][a-z0-9_-]*$/;

function str(values: FlagValues, name: string): string | undefined {
  const v = values.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Validate a --source value: an absolute http(s) URL without credentials. Returns the normalised URL. */
export function checkSourceUrl(value: string, flag = '--source'): string {
  const u = parseUrl(value);
  if (!u) throw new FlagError(flag, `${flag}: "${value}" is not a valid URL`);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new FlagError(flag, `${flag}: "${value}" must be an http:// or https:// URL`);
  if (u.username || u.password) throw new FlagError(flag, `${flag}: "${value}" must not contain credentials`);
  return u.href;
}

/**
 * Build LaunchOptions from flag values (only the launch flags present in `values` are read).
 * `resolvePagesFile` turns a --pages argument into an absolute path (shell-specific).
 */
export function launchFromFlags(values: FlagValues, resolvePagesFile: (p: string) => string = (p) => p): LaunchOptions {
  const city = str(values, 'city');
  if (city !== undefined && !ID.test(city)) throw new FlagError('--city', `--city: "${city}" is not a city id (lower-case letters, digits, "-" or "_", starting with a letter, e.g. linyi)`);
  const page = str(values, 'page');
  if (page !== undefined && !ID.test(page)) throw new FlagError('--page', `--page: "${page}" is not a page id (lower-case letters, digits, "-" or "_", starting with a letter, e.g. overview)`);
  const lang = str(values, 'lang');
  if (lang !== undefined && !(LANGS as readonly string[]).includes(lang)) throw new FlagError('--lang', `--lang: "${lang}" is not supported (use one of: ${LANGS.join(', ')})`);
  const profile = str(values, 'profile');
  if (profile !== undefined && (profile.length === 0 || profile.length > 40 || !/^[A-Za-z0-9][A-Za-z0-9._x-]*$/.test(profile))) {
    throw new FlagError('--profile', `--profile: "${profile}" is not a wall profile id (e.g. 1920x1080, 3840x2160, 5760x1080)`);
  }
  const rawSources = values.get('source');
  const sources = (Array.isArray(rawSources) ? rawSources : []).map((s) => checkSourceUrl(s));
  const pagesArg = str(values, 'pages');
  if (pagesArg !== undefined && pagesArg.trim() === '') throw new FlagError('--pages', '--pages: needs a file path');
  const feedsArg = str(values, 'feeds');
  if (feedsArg !== undefined && feedsArg.trim() === '') throw new FlagError('--feeds', '--feeds: needs a file path');
  const kiosk = values.get('kiosk') === true;

  const candidate = {
    ...(city !== undefined && { city }),
    ...(page !== undefined && { page }),
    ...(lang !== undefined && { lang }),
    ...(profile !== undefined && { profile }),
    sources,
    ...(pagesArg !== undefined && { pagesFile: resolvePagesFile(pagesArg) }),
    ...(feedsArg !== undefined && { feedsFile: resolvePagesFile(feedsArg) }),
    kiosk,
  };
  const r = LaunchOptions.safeParse(candidate);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    const flag = field === 'sources' ? '--source' : field === 'pagesFile' ? '--pages' : field === 'feedsFile' ? '--feeds' : `--${field}`;
    throw new FlagError(flag, `${flag}: ${issue?.message ?? 'invalid value'}`);
  }
  return r.data;
}

/** The renderer's query string for the given launch state (only the keys that are set), e.g. "city=linyi&lang=en". */
export function launchQuery(launch: Pick<LaunchOptions, 'city' | 'page' | 'lang'>): string {
  const parts: string[] = [];
  for (const key of ['city', 'page', 'lang'] as const) {
    const v = launch[key];
    if (v) parts.push(`${key}=${encodeURIComponent(v)}`);
  }
  return parts.join('&');
}
