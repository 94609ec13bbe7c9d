import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES, chooseProfile, ProfileError, resolveProfile, rootFontPx, stageFit, wallGeometry } from './profiles';

describe('wall profiles', () => {
  it('wide walls get more 16:9 tiles, tall walls bigger minimum text', () => {
    const by = Object.fromEntries(BUILTIN_PROFILES.map((p) => [p.id, p]));
    expect(by['1920x1080']).toMatchObject({ tiles: 1, minFontPx: 12 });
    expect(by['3840x2160']).toMatchObject({ tiles: 1, minFontPx: 24 });
    expect(by['3840x1080']).toMatchObject({ tiles: 2, minFontPx: 12 });
    expect(by['5760x1080']).toMatchObject({ tiles: 3, minFontPx: 12 });
    expect(by['7680x2160']).toMatchObject({ tiles: 2, minFontPx: 24 });
  });
  it('root font follows the tile: 16 px at 1080p, 32 px at 4K, same per tile on splices', () => {
    expect(rootFontPx(resolveProfile('1920x1080')!)).toBe(16);
    expect(rootFontPx(resolveProfile('3840x2160')!)).toBe(32);
    expect(rootFontPx(resolveProfile('5760x1080')!)).toBe(16);
  });
  it('accepts custom WxH and rejects nonsense with a clear message', () => {
    expect(resolveProfile('6656x1792')).toMatchObject({ width: 6656, height: 1792, tiles: 2 });
    expect(resolveProfile(undefined)).toBeNull();
    expect(() => resolveProfile('huge')).toThrow(ProfileError);
    expect(() => resolveProfile('100x100')).toThrow(/out of range/);
  });
  it('geometry: the stage is the profile in CSS px at the device pixel ratio, tiles side by side', () => {
    const g = wallGeometry(resolveProfile('5760x1080')!, 1);
    expect(g).toMatchObject({ width: 5760, height: 1080, rootFontCss: 16, minFontCss: 12 });
    expect(g.tiles).toEqual([{ x: 0, width: 1920 }, { x: 1920, width: 1920 }, { x: 3840, width: 1920 }]);
    // a 4K wall driven at 200 %: 1920×1080 CSS px, 32 physical px root font = 16 CSS px
    expect(wallGeometry(resolveProfile('3840x2160')!, 2)).toMatchObject({ width: 1920, height: 1080, rootFontCss: 16, minFontCss: 12 });
    expect(wallGeometry(resolveProfile('3840x2160')!, 1)).toMatchObject({ width: 3840, height: 2160, rootFontCss: 32, minFontCss: 24 });
  });
  it('a smaller window scrolls the native-size stage; a larger one centres it', () => {
    expect(stageFit({ width: 5760, height: 1080 }, 1440, 900)).toEqual({ scroll: true, left: 0, top: 0 });
    expect(stageFit({ width: 1920, height: 1080 }, 1920, 1080)).toEqual({ scroll: false, left: 0, top: 0 });
    expect(stageFit({ width: 1920, height: 1080 }, 2560, 1440)).toEqual({ scroll: false, left: 320, top: 180 });
  });
  it('precedence: ?profile= over --profile over the saved setting; "auto" means none; a bad value is named', () => {
    expect(chooseProfile({ url: '3840x2160', launch: '5760x1080', saved: '1920x1080' })).toMatchObject({ profile: { id: '3840x2160' }, from: 'url' });
    expect(chooseProfile({ launch: '5760x1080', saved: '1920x1080' })).toMatchObject({ profile: { id: '5760x1080' }, from: 'launch' });
    expect(chooseProfile({ saved: '7680x2160' })).toMatchObject({ profile: { id: '7680x2160' }, from: 'saved' });
    expect(chooseProfile({ url: 'auto', launch: '5760x1080' })).toEqual({ profile: null, from: 'url', error: null });
    const bad = chooseProfile({ url: 'wall', saved: '1920x1080' });
    expect(bad).toMatchObject({ profile: { id: '1920x1080' }, from: 'saved' });
    expect(bad.error).toMatch(/^\?profile=: profile "wall": expected one of/);
  });
});
