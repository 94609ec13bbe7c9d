import { describe, expect, it } from 'vitest';
import { clockScale, indexFor, interact, msUntilNext, shown, start, tick, type PlaylistItem, type PlaylistState } from './playlist';

const items: PlaylistItem[] = [
  { page: 'overview', city: 'linyi', dwell: 30 },
  { page: 'sharing', city: 'jining', dwell: 10 },
  { page: 'services', city: 'xuancheng', dwell: 20 },
];

/**
 * Run a fast clock in 250 ms steps and record what is on screen when it changes. Each new item takes
 * `loadMs` to draw; the renderer reports it with shown().
 */
function run(ms: number, { touches = [] as number[], loadMs = 0 } = {}) {
  let s: PlaylistState = start(0);
  const seen: [number, string][] = [[0, items[0]!.page]];
  let drawnAt: number | null = null;
  for (let t = 0; t <= ms; t += 250) {
    if (touches.includes(t)) s = interact(s, t, 60_000);
    if (drawnAt !== null && t >= drawnAt) {
      s = shown(s, t);
      seen.push([t, items[s.index]!.page]);
      drawnAt = null;
    }
    const n = tick(s, items, t);
    if (n !== s) drawnAt = t + loadMs;
    s = n;
    if (drawnAt === t) {
      s = shown(s, t);
      seen.push([t, items[s.index]!.page]);
      drawnAt = null;
    }
  }
  return seen;
}

describe('playlist', () => {
  it('honours order and per-item dwell times, then wraps', () => {
    expect(run(125_000)).toEqual([[0, 'overview'], [30_000, 'sharing'], [40_000, 'services'], [60_000, 'overview'], [90_000, 'sharing'], [100_000, 'services'], [120_000, 'overview']]);
  });
  it('counts the dwell from when the item is drawn, not from when it was asked for', () => {
    // every page takes 2 s to draw: each item still gets its full dwell on screen
    expect(run(70_000, { loadMs: 2000 })).toEqual([[0, 'overview'], [32_000, 'sharing'], [44_000, 'services'], [66_000, 'overview']]);
  });
  it('does not run ahead while the next item is still being drawn', () => {
    let s = tick(start(0), items, 30_000);
    expect(s).toMatchObject({ index: 1, waiting: true });
    expect(tick(s, items, 500_000)).toBe(s);
    expect(msUntilNext(s, items, 30_000)).toBe(Infinity);
    s = shown(s, 31_000);
    expect(msUntilNext(s, items, 31_000)).toBe(10_000);
  });
  it('pauses on interaction and resumes after the idle period with a full dwell', () => {
    // touched at 20 s: overview stays until 20 s + 60 s idle + 30 s dwell
    expect(run(115_000, { touches: [20_000] }).slice(0, 2)).toEqual([[0, 'overview'], [110_000, 'sharing']]);
  });
  it('says when to wake up next', () => {
    const s = start(0);
    expect(msUntilNext(s, items, 5_000)).toBe(25_000);
    expect(msUntilNext(interact(s, 5_000, 60_000), items, 5_000)).toBe(90_000);
    expect(msUntilNext(s, [], 0)).toBe(Infinity);
  });
  it('resumes at the item on screen after a reload', () => {
    expect(indexFor(items, 'services', 'xuancheng')).toBe(2);
    expect(indexFor(items, 'services', 'linyi')).toBe(0);
    expect(start(0, 2).index).toBe(2);
  });
  it('fast clock test hook: ?clock=fast is 10×, ?clock=xN is N× (1-100), anything else real time', () => {
    expect(clockScale(null)).toBe(1);
    expect(clockScale('fast')).toBe(10);
    expect(clockScale('x25')).toBe(25);
    expect(clockScale('x1000')).toBe(100);
    expect(clockScale('slow')).toBe(1);
  });
});
