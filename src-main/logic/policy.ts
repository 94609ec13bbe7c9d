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

/** May `url` be handed to shell.openExternal? Only https, no credentials, default port, host allow-listed. */
export function externalLinkAllowed(url: string, allowList: readonly string[]): boolean {
  const u = parseUrl(url);
  if (!u || u.protocol !== 'https:') return false;
  if (u.username || u.password || u.port) return false;
  const host = u.hostname.toLowerCase();
  if (!host || host.endsWith('.')) return false;
  return allowList.some((p) => hostMatches(host, p));
}

export type WindowOpenDecision = { action: 'deny'; openExternal: string | null };

/** setWindowOpenHandler: never open an Electron window; maybe open a vetted link externally. */
export function windowOpenDecision(url: string, allowList: readonly string[]): WindowOpenDecision {
  return { action: 'deny', openExternal: externalLinkAllowed(url, allowList) ? url : null };
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
