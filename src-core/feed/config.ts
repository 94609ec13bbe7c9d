/**
 * Which sources the cockpit reads and how: the sources config file (`--feeds FILE`, JSON), merged with
 * `--source URL` flags, the `?source=` URL parameter and sources added in the settings UI.
 *
 * Precedence when several sources report the same figure: imported files first, then sources in the
 * listed order (flags, URL parameter, config file, settings), then the bundled sample (../figures.ts).
 */
import '../zod-csp';
import { z } from 'zod';
import { parseUrl } from '../shell/url';

const httpUrl = z.string().refine((u) => {
  const p = parseUrl(u);
  return !!p && (p.protocol === 'http:' || p.protocol === 'https:') && !p.username && !p.password;
}, 'expected an http:// or https:// URL without credentials');

export const FeedSourceEntry = z.object({ url: httpUrl, name: z.string().max(100).optional() }).strict();
export type FeedSourceEntry = z.infer<typeof FeedSourceEntry>;

export const FeedOptions = z.object({
  /** polling interval while a source works */
  pollSeconds: z.number().min(2).max(86_400).default(60),
  /** data older than this (by generation time or last successful fetch) gets the stale badge */
  maxAgeMinutes: z.number().min(1).max(525_600).default(24 * 60),
  timeoutSeconds: z.number().min(1).max(600).default(15),
  maxMegabytes: z.number().min(0.01).max(1024).default(32),
  /** first retry after a failure (doubles per failure, with jitter) and the longest retry delay */
  retrySeconds: z.number().min(0.1).max(3600).default(5),
  maxRetrySeconds: z.number().min(1).max(86_400).default(300),
});
export type FeedOptions = z.infer<typeof FeedOptions>;

export const FeedsConfigFile = FeedOptions.extend({ sources: z.array(FeedSourceEntry).max(50).default([]) }).strict();
export type FeedsConfigFile = z.infer<typeof FeedsConfigFile>;

export type SourceOrigin = 'launch' | 'url' | 'file' | 'settings';
export interface ConfiguredSource { url: string; name?: string; from: SourceOrigin }

/** Parse the config file text. Throws an Error naming the file and the JSON path of each problem. */
export function parseFeedsConfig(text: string, file: string): FeedsConfigFile {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const r = FeedsConfigFile.safeParse(value);
  if (!r.success) throw new Error(`${file}: ${r.error.issues.map((i) => `$${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** Normalise a URL (parse + href); undefined when unusable. */
export function normaliseSourceUrl(u: string, base?: string): string | undefined {
  const p = parseUrl(u, base);
  if (!p || (p.protocol !== 'http:' && p.protocol !== 'https:') || p.username || p.password) return undefined;
  return p.href;
}

/** All configured sources, de-duplicated, in precedence order. */
export function mergeSources(lists: { from: SourceOrigin; entries: readonly (string | FeedSourceEntry)[] }[]): ConfiguredSource[] {
  const out: ConfiguredSource[] = [];
  const seen = new Set<string>();
  for (const { from, entries } of lists) {
    for (const e of entries) {
      const url = normaliseSourceUrl(typeof e === 'string' ? e : e.url);
      if (!url || seen.has(url)) continue;
      seen.add(url);
      out.push({ url, from, ...(typeof e !== 'string' && e.name ? { name: e.name } : {}) });
    }
  }
  return out;
}
