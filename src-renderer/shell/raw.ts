/**
 * The shell call itself, before validation: Electron's preload bridge, or POST /api/invoke/<method> to the
 * browser shell. No schemas here (bridge.ts validates every result against the contract), so the entry
 * script can ask its start-up questions at once instead of after the bridge chunk and zod have loaded.
 */
import type { PreloadBridge } from '../../src-core/contract';
import { HTTP_INVOKE_PREFIX } from '../../src-core/shell/invoke-path';

declare global {
  interface Window { cockpitShell?: PreloadBridge }
}

/**
 * The preload's bridge: this window's, or, inside the app's own off-screen export frame (same origin),
 * the parent window's, so an export uses the same shell (page configuration, sources) as the screen.
 */
export function shellBridge(): PreloadBridge | undefined {
  if (window.cockpitShell) return window.cockpitShell;
  try {
    return window.parent !== window ? window.parent.cockpitShell : undefined;
  } catch {
    return undefined; // a foreign parent: no shell
  }
}

export async function rawInvoke(method: string, args: unknown[]): Promise<unknown> {
  const shell = shellBridge();
  if (shell) return shell.invoke(method, args);
  const res = await fetch(new URL(`.${HTTP_INVOKE_PREFIX}${method}`, document.baseURI), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  if (!res.ok) throw new Error(`shell call ${method} failed: HTTP ${res.status}`);
  return res.json();
}

/** The start-up questions, asked by the entry script; bridge.ts's shellStartup validates the answers. */
export interface EarlyShellCalls {
  launch: Promise<unknown>;
  feedsConfig: Promise<unknown>;
}

export function askEarly(): EarlyShellCalls {
  const ask = (method: string, args: unknown[]) => {
    const p = rawInvoke(method, args);
    p.catch(() => undefined); // reported (and replaced by defaults) when validated
    return p;
  };
  return { launch: ask('getLaunchOptions', []), feedsConfig: ask('getFeedsConfig', [null]) };
}
