import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES, ProfileError, resolveProfile, rootFontPx } from './profiles';

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
});
