/** BrowserWindow options for the cockpit, as a pure function. */
import type { BrowserWindowConstructorOptions } from 'electron';

export const BACKGROUND_COLOR = '#050d1a';

export interface WindowConfig {
  preloadPath: string;
  kiosk?: boolean;
  /** wall profile id like "3840x2160"; sets the initial content size when it names one */
  profile?: string;
  title?: string;
}

/** "3840x2160" -> {width, height}; undefined for other profile ids or absurd sizes. */
export function profileSize(profile: string | undefined): { width: number; height: number } | undefined {
  const m = /^(\d{3,5})x(\d{3,5})$/.exec(profile ?? '');
  if (!m) return undefined;
  const width = Number(m[1]);
  const height = Number(m[2]);
  if (width < 320 || height < 240 || width > 16384 || height > 16384) return undefined;
  return { width, height };
}

export function windowOptions(cfg: WindowConfig): BrowserWindowConstructorOptions {
  const size = profileSize(cfg.profile) ?? { width: 1600, height: 900 };
  return {
    ...size,
    minWidth: 960,
    minHeight: 540,
    useContentSize: true,
    show: false,
    backgroundColor: BACKGROUND_COLOR,
    title: cfg.title ?? '城市大脑驾驶舱',
    autoHideMenuBar: true,
    kiosk: cfg.kiosk === true,
    fullscreen: cfg.kiosk === true ? true : undefined,
    webPreferences: {
      preload: cfg.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      backgroundThrottling: false,
      disableBlinkFeatures: 'Auxclick',
    },
  };
}
