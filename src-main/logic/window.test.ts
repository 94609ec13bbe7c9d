import { describe, expect, it } from 'vitest';
import { BACKGROUND_COLOR, profileSize, windowOptions } from './window';

describe('windowOptions', () => {
  const o = windowOptions({ preloadPath: '/app/out/main/preload.cjs' });
  it('is locked down', () => {
    expect(o.webPreferences).toMatchObject({
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
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/out/main/preload.cjs',
    });
    // never re-enabled or loosened
    expect(o.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(o.webPreferences).not.toHaveProperty('additionalArguments');
    expect(o.webPreferences).not.toHaveProperty('partition');
  });
  it('stays hidden until ready-to-show, on the dark background', () => {
    expect(o.show).toBe(false);
    expect(o.backgroundColor).toBe(BACKGROUND_COLOR);
    expect(BACKGROUND_COLOR).toBe('#050d1a');
    expect(o.kiosk).toBe(false);
  });
  it('kiosk and wall profiles', () => {
    const k = windowOptions({ preloadPath: 'p', kiosk: true, profile: '5760x1080' });
    expect(k.kiosk).toBe(true);
    expect(k.fullscreen).toBe(true);
    expect([k.width, k.height]).toEqual([5760, 1080]);
    expect(k.webPreferences?.sandbox).toBe(true);
    expect(profileSize('wall-a')).toBeUndefined();
  });
  it('follows the display placement: fullscreen kiosk on one display, a frameless on-top window across several', () => {
    const one = windowOptions({ preloadPath: 'p', kiosk: true, placement: { ok: true, bounds: { x: 1920, y: 0, width: 1920, height: 1080 }, displays: [2], fullscreen: true, frameless: false, notes: [] } });
    expect(one).toMatchObject({ x: 1920, y: 0, width: 1920, height: 1080, kiosk: true, fullscreen: true });
    expect(one.frame).toBeUndefined();
    const span = windowOptions({ preloadPath: 'p', kiosk: true, placement: { ok: true, bounds: { x: 0, y: 0, width: 5760, height: 1080 }, displays: [1, 2, 3], fullscreen: false, frameless: true, notes: [] } });
    expect(span).toMatchObject({ x: 0, y: 0, width: 5760, height: 1080, kiosk: false, frame: false, enableLargerThanScreen: true, alwaysOnTop: true });
    expect(span.fullscreen).toBeUndefined();
    expect(span.webPreferences?.sandbox).toBe(true);
    expect(profileSize('99999x1')).toBeUndefined();
  });
});
