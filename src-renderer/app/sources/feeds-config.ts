/**
 * The data-sources configuration file (Electron `--feeds FILE` or feeds.json in the user-data folder;
 * `npm run serve -- --feeds FILE` in the browser), read through the contract's getFeedsConfig and
 * re-read when it changes (etag), like the page configuration. An invalid file leaves the last valid
 * configuration in force and the header says what is wrong and where (file, JSON path).
 *
 * A source at an origin the page's security policy did not allow when it loaded cannot be fetched
 * until the page reloads (both shells put the file's origins into connect-src as the file changes):
 * when the data worker reports such a block, `reloadForPolicy` reloads once; the last good data comes
 * back from storage.
 */
import type { LaunchOptions, ShellResult } from '../../../src-core/contract';
import { normaliseSourceUrl, parseFeedsConfig, type FeedsConfigFile } from '../../../src-core/feed/config';
import { sourceOrigins } from '../../../src-core/shell/csp';
import type { FeedsSetup } from '../../data/feeds';
import { invokeOr } from '../../shell/bridge';

export const FEEDS_CONFIG_POLL_MS = 3000;
const RELOAD_KEY = 'cockpit:feeds-config-reload';

export class FeedsConfigWatcher {
  private etag: string | null = null;
  private file: { name: string; config: FeedsConfigFile } | null = null;
  private error: string | null = null;
  /** origins the page's security policy allows (fixed when the page loaded) */
  readonly allowedOrigins: string[];

  private constructor(private readonly launch: LaunchOptions, private readonly urlSources: string[]) {
    this.allowedOrigins = [];
  }

  /** Read the file once (at start). */
  /** `first`: the file as the entry script already asked for it (shell/raw.ts), instead of asking again */
  static async start(launch: LaunchOptions, first?: Promise<ShellResult<'getFeedsConfig'>>): Promise<FeedsConfigWatcher> {
    const urlSources = new URLSearchParams(location.search).getAll('source').map((u) => normaliseSourceUrl(u, document.baseURI)).filter((u): u is string => !!u);
    const w = new FeedsConfigWatcher(launch, urlSources);
    await w.read(first);
    w.allowedOrigins.push(...sourceOrigins([...launch.sources, ...(w.file?.config.sources.map((s) => s.url) ?? [])]));
    return w;
  }

  setup(): FeedsSetup {
    return { launchSources: this.launch.sources, urlSources: this.urlSources, file: this.file, fileError: this.error };
  }

  /** Read the file if it changed. Returns true when the setup changed (a new valid config, or a new or cleared problem). */
  async read(answer?: Promise<ShellResult<'getFeedsConfig'>>): Promise<boolean> {
    const f = await (answer ?? invokeOr({ file: null, etag: null, text: null, error: null }, 'getFeedsConfig', this.etag));
    if (!f.file) return false;
    const before = JSON.stringify([this.file, this.error]);
    if (f.error) {
      this.error = `${f.file}: ${f.error}`;
      this.etag = null;
    } else if (f.text !== null) {
      this.etag = f.etag;
      try {
        this.file = { name: f.file, config: parseFeedsConfig(f.text, f.file) };
        this.error = null;
      } catch (e) {
        this.error = (e as Error).message; // the last valid configuration stays in force
      }
    }
    return JSON.stringify([this.file, this.error]) !== before;
  }
}

/**
 * The data worker's fetch of a configured source at `blockedUrl` was refused by the page's security
 * policy: reload once (per origin and session) so the policy the shell now serves, which follows the
 * configuration file, applies. Returns true when reloading.
 */
export function reloadForPolicy(blockedUrl: string): boolean {
  const origin = sourceOrigins([blockedUrl])[0];
  if (!origin) return false;
  try {
    const done = new Set((sessionStorage.getItem(RELOAD_KEY) ?? '').split(' ').filter(Boolean));
    if (done.has(origin)) return false;
    done.add(origin);
    sessionStorage.setItem(RELOAD_KEY, [...done].join(' '));
  } catch {
    return false;
  }
  location.reload();
  return true;
}
