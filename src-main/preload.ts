/**
 * Sandboxed preload: exposes window.cockpitShell = { invoke(method, args) } and nothing else.
 * A sandboxed preload may only require('electron'); everything else is bundled in by Vite.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './logic/bridge';

contextBridge.exposeInMainWorld('cockpitShell', createBridge(
  (channel, args) => ipcRenderer.invoke(channel, args),
  (channel, listener) => {
    const fn = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, fn);
    return () => ipcRenderer.removeListener(channel, fn);
  },
));
