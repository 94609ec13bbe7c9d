/**
 * The renderer's view of its shell. In Electron the preload exposes `window.cockpitShell`; in the
 * browser the server answers POST /api/invoke/<method>. Either way results are validated against the
 * contract before use, and a missing shell (static hosting, file preview) degrades to defaults.
 */
import { HTTP_INVOKE_PREFIX, parseResult, ShellEvent, type PreloadBridge, type ShellArgs, type ShellMethod, type ShellResult } from '../../src-core/contract';

declare global {
  interface Window { cockpitShell?: PreloadBridge }
}

/**
 * The preload's bridge: this window's, or, inside the app's own off-screen export frame (same origin),
 * the parent window's, so an export uses the same shell (page configuration, sources) as the screen.
 */
function shellBridge(): PreloadBridge | undefined {
  if (window.cockpitShell) return window.cockpitShell;
  try {
    return window.parent !== window ? window.parent.cockpitShell : undefined;
  } catch {
    return undefined; // a foreign parent: no shell
  }
}

export async function invoke<M extends ShellMethod>(method: M, ...args: ShellArgs<M>): Promise<ShellResult<M>> {
  let raw: unknown;
  const shell = shellBridge();
  if (shell) {
    raw = await shell.invoke(method, args as unknown[]);
  } else {
    const res = await fetch(new URL(`.${HTTP_INVOKE_PREFIX}${method}`, document.baseURI), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    if (!res.ok) throw new Error(`shell call ${method} failed: HTTP ${res.status}`);
    raw = await res.json();
  }
  return parseResult(method, raw);
}

/** Like invoke, but returns `fallback` when no shell answers (e.g. the renderer hosted as plain static files). */
export async function invokeOr<M extends ShellMethod>(fallback: ShellResult<M>, method: M, ...args: ShellArgs<M>): Promise<ShellResult<M>> {
  try {
    return await invoke(method, ...args);
  } catch (e) {
    console.warn(`[shell] ${method} unavailable, using defaults: ${(e as Error).message}`);
    return fallback;
  }
}

/** What the renderer asks its shell once at start-up, requested by the entry script in parallel with the UI code. */
export interface ShellStartup {
  launch: Promise<ShellResult<'getLaunchOptions'>>;
  feedsConfig: Promise<ShellResult<'getFeedsConfig'>>;
}
export const NO_CONFIG_FILE = { file: null, etag: null, text: null, error: null } as const;
export function shellStartup(): ShellStartup {
  return {
    launch: invokeOr({ sources: [], kiosk: false }, 'getLaunchOptions'),
    feedsConfig: invokeOr({ ...NO_CONFIG_FILE }, 'getFeedsConfig', null),
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
