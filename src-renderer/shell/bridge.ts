/**
 * The renderer's view of its shell. In Electron the preload exposes `window.cockpitShell`; in the
 * browser the server answers POST /api/invoke/<method>. Either way results are validated against the
 * contract before use, and a missing shell (static hosting, file preview) degrades to defaults.
 */
import { parseResult, ShellEvent, type ShellArgs, type ShellMethod, type ShellResult } from '../../src-core/contract';
import { rawInvoke, shellBridge, type EarlyShellCalls } from './raw';

export async function invoke<M extends ShellMethod>(method: M, ...args: ShellArgs<M>): Promise<ShellResult<M>> {
  return parseResult(method, await rawInvoke(method, args as unknown[]));
}

/** `fallback` when no shell answers (e.g. the renderer hosted as plain static files). */
async function orFallback<M extends ShellMethod>(fallback: ShellResult<M>, method: M, raw: Promise<unknown>): Promise<ShellResult<M>> {
  try {
    return parseResult(method, await raw);
  } catch (e) {
    console.warn(`[shell] ${method} unavailable, using defaults: ${(e as Error).message}`);
    return fallback;
  }
}

/** Like invoke, but returns `fallback` when no shell answers. */
export function invokeOr<M extends ShellMethod>(fallback: ShellResult<M>, method: M, ...args: ShellArgs<M>): Promise<ShellResult<M>> {
  return orFallback(fallback, method, rawInvoke(method, args as unknown[]));
}

/** What the renderer asks its shell once at start-up, requested by the entry script in parallel with the UI code. */
export interface ShellStartup {
  launch: Promise<ShellResult<'getLaunchOptions'>>;
  feedsConfig: Promise<ShellResult<'getFeedsConfig'>>;
}
export const NO_CONFIG_FILE = { file: null, etag: null, text: null, error: null } as const;
export function shellStartup(early?: EarlyShellCalls): ShellStartup {
  return {
    launch: early ? orFallback({ sources: [], kiosk: false }, 'getLaunchOptions', early.launch) : invokeOr({ sources: [], kiosk: false }, 'getLaunchOptions'),
    feedsConfig: early ? orFallback({ ...NO_CONFIG_FILE }, 'getFeedsConfig', early.feedsConfig) : invokeOr({ ...NO_CONFIG_FILE }, 'getFeedsConfig', null),
  };
}

/** Events from the shell (Electron's menu); none in the browser. Returns the unsubscribe function. */
export function onShellEvent(handler: (ev: ShellEvent) => void): () => void {
  const on = window.cockpitShell?.onEvent;
  if (typeof on !== 'function') return () => undefined;
  return on((ev) => {
    const r = ShellEvent.safeParse(ev);
    if (r.success) handler(r.data);
  });
}
