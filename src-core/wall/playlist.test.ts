import { describe, expect, it } from 'vitest';
import { interact, msUntilNext, start, tick, type PlaylistItem } from './playlist';

const items: PlaylistItem[] = [
  { page: 'overview', city: 'linyi', dwell: 30 },
  { page: 'sharing', city: 'jining', dwell: 10 },
  { page: 'services', city: 'xuancheng', dwell: 20 },
];

/** run a fast clock in 250 ms steps and record what is on screen when it changes */
function run(ms: number, touches: number[] = []) {
  let s = start(0);
  const seen: [number, string][] = [[0, items[0]!.page]];
  for (let t = 0; t <= ms; t += 250) {
    if (touches.includes(t)) s = interact(s, t, 60_000);
    const n = tick(s, items, t);
    if (n !== s) seen.push([t, items[n.index]!.page]);
    s = n;
  }
  return seen;
}

describe('playlist', () => {
  it('honours order and per-item dwell times, then wraps', () => {
    expect(run(125_000)).toEqual([[0, 'overview'], [30_000, 'sharing'], [40_000, 'services'], [60_000, 'overview'], [90_000, 'sharing'], [100_000, 'services'], [120_000, 'overview']]);
  });
  it('pauses on interaction and resumes after the idle period with a full dwell', () => {
    // touched at 20 s: overview stays until 20 s + 60 s idle + 30 s dwell
    expect(run(115_000, [20_000]).slice(0, 2)).toEqual([[0, 'overview'], [110_000, 'sharing']]);
  });
  it('says when to wake up next', () => {
    const s = start(0);
    expect(msUntilNext(s, items, 5_000)).toBe(25_000);
    expect(msUntilNext(interact(s, 5_000, 60_000), items, 5_000)).toBe(90_000);
    expect(msUntilNext(s, [], 0)).toBe(Infinity);
  });
});
