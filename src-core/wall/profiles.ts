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
  // 12 px at 1080 lines, proportionally more on taller walls
  const minFontPx = Math.max(12, Math.round((12 * height) / 1080));
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
