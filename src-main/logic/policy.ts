/**
 * Security policy of the Electron shell as pure functions: what counts as our own origin, where a
 * window may navigate, which links may open in the system browser, whose IPC calls are trusted,
 * and which permissions are granted (none).
 */
import { parseUrl } from '../../src-core/shell/url';
import { sourceOrigins } from '../../src-core/shell/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'cockpit';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True only for app://cockpit/... (no credentials, no port, exact host). */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  const u = parseUrl(url);
  if (!u) return false;
  return u.protocol === `${APP_SCHEME}:` && u.hostname === APP_HOST && u.host === APP_HOST && !u.username && !u.password;
}

/** will-navigate / will-redirect / will-frame-navigate: stay inside app://cockpit. */
export function navigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/** Hosts (exact, or `*.suffix`) whose https links may be opened in the system browser. */
export const DEFAULT_EXTERNAL_HOSTS: readonly string[] = ['*.gov.cn'];

/** Allow-list for external links: the defaults plus the hosts of the configured https data sources. */
export function externalAllowList(sources: readonly string[], defaults: readonly string[] = DEFAULT_EXTERNAL_HOSTS): string[] {
  const hosts = sourceOrigins(sources)
    .filter((o) => o.startsWith('https://'))
    .map((o) => parseUrl(o)?.host ?? '')
    .filter(Boolean);
  return [...new Set([...defaults, ...hosts])];
}

function hostMatches(host: string, pattern: string): boolean {
  const p = pattern.toLowerCase();
  if (p.startsWith('*.')) {
    const suffix = p.slice(1); // ".gov.cn"
    return host.endsWith(suffix) && host.length > suffix.length;
  }
  return host === p;
}

/** Longest link handed to the operating system (browsers and ShellExecute choke on longer ones). */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * The vetted form of `url` for shell.openExternal, or null: https only, an allow-listed host, no
 * credentials, default port, no whitespace or control characters, at most 2048 characters. The
 * result is the parser's normalised href (percent-encoded), never the raw string.
 */
export function vettedExternalUrl(url: string, allowList: readonly string[]): string | null {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  if (/[\u0000-\u0020\u007f-\u009f\u2028\u2029]/.test(url)) return null;
  const u = parseUrl(url);
  if (!u || u.protocol !== 'https:') return null;
  if (u.username || u.password || u.port) return null;
  const host = u.hostname.toLowerCase();
  if (!host || host.endsWith('.')) return null;
  if (!allowList.some((p) => hostMatches(host, p))) return null;
  return u.href.length <= MAX_EXTERNAL_URL_LENGTH ? u.href : null;
}

/** May `url` be handed to shell.openExternal? (see vettedExternalUrl) */
export function externalLinkAllowed(url: string, allowList: readonly string[]): boolean {
  return vettedExternalUrl(url, allowList) !== null;
}

export type WindowOpenDecision = { action: 'deny'; openExternal: string | null };

/** setWindowOpenHandler: never open an Electron window; maybe open a vetted link (normalised) externally. */
export function windowOpenDecision(url: string, allowList: readonly string[]): WindowOpenDecision {
  return { action: 'deny', openExternal: vettedExternalUrl(url, allowList) };
}

export interface SenderInfo {
  /** URL of the frame that sent the IPC message (event.senderFrame.url); null when the frame is gone */
  frameUrl: string | null | undefined;
  /** whether that frame is the top-level frame of its window */
  isMainFrame: boolean;
}

/** Only our own top-level document may call the shell. */
export function isTrustedSender(sender: SenderInfo): boolean {
  return sender.isMainFrame && isAppUrl(sender.frameUrl);
}

/**
 * Permission requests and checks (camera, geolocation, notifications, ...): all denied, except full
 * screen for the cockpit's own pages (story mode presents full screen).
 */
export function permissionAllowed(permission: string, requestingUrl?: string): boolean {
  return permission === 'fullscreen' && isAppUrl(requestingUrl);
}
