/** The object the preload exposes as window.cockpitShell (kept free of electron for testing). */
import { ipcChannel, isShellMethod, SHELL_EVENT_CHANNEL, ShellEvent, type PreloadBridge } from '../../src-core/contract';

export type IpcInvoke = (channel: string, args: unknown[]) => Promise<unknown>;
/** Subscribe to a main → renderer channel with a payload-only listener; returns the unsubscribe function. */
export type IpcOn = (channel: string, listener: (payload: unknown) => void) => () => void;

export function createBridge(ipcInvoke: IpcInvoke, ipcOn?: IpcOn): PreloadBridge {
  return Object.freeze({
    invoke(method: string, args: unknown[]): Promise<unknown> {
      if (typeof method !== 'string' || !isShellMethod(method)) {
        return Promise.reject(new Error(`cockpitShell: unknown method "${String(method)}"`));
      }
      if (!Array.isArray(args)) {
        return Promise.reject(new Error(`cockpitShell: arguments of ${method} must be an array`));
      }
      return ipcInvoke(ipcChannel(method), [...args]);
    },
    onEvent(handler: (ev: ShellEvent) => void): () => void {
      if (typeof handler !== 'function' || !ipcOn) return () => undefined;
      // only well-formed events cross into the page, as plain data (never the IPC event object)
      return ipcOn(SHELL_EVENT_CHANNEL, (payload) => {
        const r = ShellEvent.safeParse(payload);
        if (r.success) handler(r.data);
      });
    },
  });
}
