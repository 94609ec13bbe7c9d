/** BrowserWindow options for the cockpit, as a pure function. */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { Placement } from './displays';

export const BACKGROUND_COLOR = '#050d1a';

export interface WindowConfig {
  preloadPath: string;
  kiosk?: boolean;
  /** wall profile id like "3840x2160"; sets the initial content size when it names one */
  profile?: string;
  title?: string;
  /** where the window goes (logic/displays placeWindow); without it, a profile-sized window on the primary display */
  placement?: Extract<Placement, { ok: true }>;
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
  const p = cfg.placement;
  const size = p ? { ...p.bounds } : profileSize(cfg.profile) ?? { width: 1600, height: 900 };
  const kiosk = cfg.kiosk === true && (!p || p.fullscreen);
  return {
    ...size,
    minWidth: Math.min(960, size.width),
    minHeight: Math.min(540, size.height),
    useContentSize: true,
    show: false,
    backgroundColor: BACKGROUND_COLOR,
    title: cfg.title ?? '城市大脑驾驶舱',
    autoHideMenuBar: true,
    kiosk,
    fullscreen: kiosk ? true : undefined,
    // a window across several displays: frameless, allowed larger than one screen, and on top when it is the wall
    ...(p?.frameless && { frame: false, enableLargerThanScreen: true, resizable: false, movable: false, alwaysOnTop: cfg.kiosk === true, skipTaskbar: cfg.kiosk === true }),
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
