import { describe, expect, it } from 'vitest';
import { isJitMode, jitModeFor, jsFlagsFor } from './jit';

describe('V8 compile modes for a wall', () => {
  it('steady on an unattended kiosk wall, full (V8 defaults) otherwise, unless one is asked for', () => {
    expect(jitModeFor({ kiosk: true })).toBe('steady');
    expect(jitModeFor({ kiosk: false })).toBe('full');
    expect(jitModeFor({ kiosk: true, jit: 'full' })).toBe('full');
    expect(jitModeFor({ kiosk: false, jit: 'steady' })).toBe('steady');
  });
  it('steady = baseline compiler (Sparkplug) for every function on first run, no optimising tiers; full = no flags', () => {
    expect(jsFlagsFor('steady')).toBe('--max-opt=1 --always-sparkplug');
    expect(jsFlagsFor('full')).toBeNull();
  });
  it('knows its modes', () => {
    expect(isJitMode('steady')).toBe(true);
    expect(isJitMode('full')).toBe(true);
    expect(isJitMode('turbo')).toBe(false);
    expect(isJitMode('')).toBe(false);
  });
});
