/**
 * Wall profiles: the physical screen a cockpit is laid out for. Pages are designed on a 16:9 tile;
 * a wider wall gets more tiles side by side (more columns), never stretched panels, and every size
 * is derived from the wall's own pixels so text and charts are drawn natively, not scaled as a bitmap.
 */
export interface WallProfile {
  id: string;
  /** physical pixels of the whole wall (CSS px at device pixel ratio 1) */
  width: number;
  height: number;
  /** 16:9 tiles side by side */
  tiles: number;
  /** smallest text allowed, in px, for reading at a distance */
  minFontPx: number;
  labelZh: string;
  labelEn: string;
}

const BASE_RATIO = 16 / 9;

function make(width: number, height: number, labelZh: string, labelEn: string, id = `${width}x${height}`): WallProfile {
  const tiles = Math.max(1, Math.round(width / height / BASE_RATIO));
  // ¾ of the root font: 12 px at 1080 lines (root 16 px), 24 px at 2160 lines (root 32 px); never below 12 px
  const minFontPx = Math.max(12, Math.round(0.75 * rootFontPx({ width, height, tiles })));
  return { id, width, height, tiles, minFontPx, labelZh, labelEn };
}

export const BUILTIN_PROFILES: readonly WallProfile[] = [
  make(1920, 1080, '1080P 单屏', '1080p single screen'),
  make(3840, 2160, '4K 单屏', '4K single screen'),
  make(3840, 1080, '双屏拼接 (2×1)', 'Dual 1080p (2×1)'),
  make(5760, 1080, '三屏拼接 (3×1)', 'Triple 1080p splice (3×1)'),
  make(7680, 2160, '双 4K 拼接 (2×1)', 'Dual 4K (2×1)'),
];

export class ProfileError extends Error {}

/** A built-in id, or a custom `WxH` (e.g. 6656x1792). */
export function resolveProfile(id: string | undefined | null): WallProfile | null {
  if (!id) return null;
  const builtin = BUILTIN_PROFILES.find((p) => p.id === id);
  if (builtin) return builtin;
  const m = /^(\d{3,5})x(\d{3,5})$/.exec(id.trim());
  if (!m) throw new ProfileError(`profile "${id}": expected one of ${BUILTIN_PROFILES.map((p) => p.id).join(', ')} or WIDTHxHEIGHT`);
  const w = Number(m[1]);
  const h = Number(m[2]);
  if (w < 640 || h < 360 || w > 30720 || h > 17280) throw new ProfileError(`profile "${id}": size out of range (640×360 to 30720×17280)`);
  return make(w, h, `自定义 ${w}×${h}`, `Custom ${w}×${h}`);
}

/** The root font size (px) for laying out one 16:9 tile of a profile (16 px at 1920×1080). */
export function rootFontPx(p: Pick<WallProfile, 'width' | 'height' | 'tiles'>): number {
  const tileW = p.width / p.tiles;
  return Math.min(tileW / 120, p.height / 67.5);
}

/**
 * Where a profile's pixels go in a window with `dpr` device pixels per CSS pixel: the stage (the whole
 * wall) in CSS px, its root and minimum font in CSS px, and the 16:9 tiles side by side. Everything is
 * laid out at this size, so one CSS px is `dpr` physical pixels of the wall: no bitmap scaling.
 */
export interface WallGeometry {
  profile: WallProfile;
  dpr: number;
  /** stage size in CSS px (= profile pixels / dpr) */
  width: number;
  height: number;
  rootFontCss: number;
  minFontCss: number;
  /** tiles left to right, CSS px: x offset and width (each one screen-aligned 16:9 region) */
  tiles: { x: number; width: number }[];
}

export function wallGeometry(p: WallProfile, dpr = 1): WallGeometry {
  const d = Number.isFinite(dpr) && dpr > 0 ? dpr : 1;
  const width = p.width / d;
  const height = p.height / d;
  const tileW = width / p.tiles;
  return {
    profile: p,
    dpr: d,
    width,
    height,
    rootFontCss: rootFontPx(p) / d,
    minFontCss: p.minFontPx / d,
    tiles: Array.from({ length: p.tiles }, (_, i) => ({ x: i * tileW, width: tileW })),
  };
}

/** How the stage fits the window it is in (CSS px). Larger windows centre the stage; smaller ones scroll it. */
export interface StageFit {
  /** the window is smaller than the stage in at least one direction: the stage is shown at native size and scrolls */
  scroll: boolean;
  /** offsets that centre the stage in a larger window */
  left: number;
  top: number;
}

export function stageFit(g: Pick<WallGeometry, 'width' | 'height'>, windowW: number, windowH: number): StageFit {
  // half a CSS px of slack: fractional device pixel ratios round window sizes
  const scroll = windowW + 0.5 < g.width || windowH + 0.5 < g.height;
  return { scroll, left: Math.max(0, Math.floor((windowW - g.width) / 2)), top: Math.max(0, Math.floor((windowH - g.height) / 2)) };
}

/** The profile in force: the URL (?profile=) wins, then the launch flag (--profile), then the saved setting. */
export function chooseProfile(sources: { url?: string | null; launch?: string | null; saved?: string | null }): { profile: WallProfile | null; from: 'url' | 'launch' | 'saved' | null; error: string | null } {
  let error: string | null = null;
  for (const from of ['url', 'launch', 'saved'] as const) {
    const id = sources[from];
    if (!id) continue;
    if (id === 'auto') return { profile: null, from, error };
    try {
      const profile = resolveProfile(id);
      if (profile) return { profile, from, error };
    } catch (e) {
      // a bad value names itself; the next source still applies
      error ??= `${from === 'url' ? '?profile=' : from === 'launch' ? '--profile' : 'saved profile'}: ${(e as Error).message}`;
    }
  }
  return { profile: null, from: null, error };
}
