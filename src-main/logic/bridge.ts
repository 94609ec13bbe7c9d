/** The object the preload exposes as window.cockpitShell (kept free of electron for testing). */
import { ipcChannel, isShellMethod, type PreloadBridge } from '../../src-core/contract';

export type IpcInvoke = (channel: string, args: unknown[]) => Promise<unknown>;

export function createBridge(ipcInvoke: IpcInvoke): PreloadBridge {
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
  });
}
