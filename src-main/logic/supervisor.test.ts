import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RECOVERY } from './recovery';
import { createSupervisor, type SupervisedWindow } from './supervisor';

const URL_NOW = 'app://cockpit/index.html?city=jining&page=sharing&lang=zh-CN&profile=5760x1080';

function fakeWindow() {
  let answer: (() => void) | null = null;
  const w = {
    url: URL_NOW,
    loads: [] as string[],
    kills: 0,
    destroyed: false,
    memory: 200_000 as number | null,
    /** probes answer at once unless hung */
    hung: false,
    currentUrl: () => w.url,
    load: (u: string) => void w.loads.push(u),
    killRenderer: () => void w.kills++,
    isDestroyed: () => w.destroyed,
    probe: () => (w.hung ? new Promise<void>((r) => (answer = r)) : Promise.resolve(1)),
    memoryKiB: () => w.memory,
    answerNow: () => answer?.(),
  };
  return w satisfies SupervisedWindow & Record<string, unknown>;
}

function setup(memoryEveryMs = 30_000) {
  const w = fakeWindow();
  const log: string[] = [];
  const sup = createSupervisor(w, {
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id as number),
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (id) => clearInterval(id as number),
    log: (level, m) => void log.push(`${level} ${m}`),
    fallbackUrl: 'app://cockpit/index.html',
    urlAllowed: (u) => u.startsWith('app://cockpit/'),
    memoryEveryMs,
  });
  return { w, sup, log };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

describe('supervisor', () => {
  it('a crash reloads the same URL (page, city, profile) in the same window within 5 s, once', async () => {
    const { w, sup, log } = setup();
    sup.loaded();
    sup.event({ kind: 'gone', reason: 'crashed' });
    await vi.advanceTimersByTimeAsync(DEFAULT_RECOVERY.reloadDelayMs - 1);
    expect(w.loads).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(w.loads).toEqual([URL_NOW]);
    expect(DEFAULT_RECOVERY.reloadDelayMs).toBeLessThanOrEqual(2000); // leaves ≥ 3 s of the 5 s for drawing the page
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.loads).toHaveLength(1);
    expect(log[0]).toMatch(/^warn renderer gone \(crashed\): reload in 1000 ms → app:\/\/cockpit\/index\.html\?city=jining/);
    sup.dispose();
  });

  it('a hung main thread (probe unanswered) restarts the renderer at once; its own "gone" is not a second crash', async () => {
    const { w, sup, log } = setup();
    sup.loaded();
    await vi.advanceTimersByTimeAsync(3000);
    expect(w.loads).toEqual([]); // probes answered: healthy
    w.hung = true;
    await vi.advanceTimersByTimeAsync(DEFAULT_RECOVERY.probeMs); // the probe that will not be answered
    const hungAt = Date.now();
    await vi.advanceTimersByTimeAsync(DEFAULT_RECOVERY.hangMs + DEFAULT_RECOVERY.probeMs);
    expect(w.kills).toBe(1);
    expect(w.loads).toEqual([URL_NOW]);
    // detection + restart within 5 s of the thread stopping (the page then takes ~2 s to draw)
    expect(Date.now() - hungAt).toBeLessThanOrEqual(DEFAULT_RECOVERY.hangMs + DEFAULT_RECOVERY.probeMs);
    sup.event({ kind: 'gone', reason: 'killed' }); // what forcefullyCrashRenderer causes
    await vi.advanceTimersByTimeAsync(5000);
    expect(w.loads).toHaveLength(1);
    expect(log.join('\n')).toMatch(/did not answer for 2\.0 s: restart-renderer in 0 ms/);
    sup.dispose();
  });

  it('does not probe while a page loads, and a late answer clears the suspicion', async () => {
    const { w, sup } = setup();
    w.hung = true;
    await vi.advanceTimersByTimeAsync(10_000); // not loaded yet: no probes, no action
    expect(w.kills).toBe(0);
    sup.loaded();
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(1000);
    w.answerNow(); // slow (1 s) but alive
    w.hung = false;
    await vi.advanceTimersByTimeAsync(5000);
    expect(w.kills).toBe(0);
    expect(w.loads).toEqual([]);
    sup.dispose();
  });

  it('memory watchdog: restarts the renderer after consecutive samples over budget', async () => {
    const { w, sup, log } = setup(1000);
    sup.loaded();
    w.memory = DEFAULT_RECOVERY.memoryBudgetKiB + 1;
    await vi.advanceTimersByTimeAsync(1000 * (DEFAULT_RECOVERY.memorySamples - 1));
    expect(w.kills).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(DEFAULT_RECOVERY.reloadDelayMs);
    expect(w.kills).toBe(1);
    expect(w.loads).toEqual([URL_NOW]);
    expect(log.join('\n')).toMatch(/over the 1536 MiB budget/);
    sup.dispose();
  });

  it('falls back to the launch URL when the current one is not the app', async () => {
    const { w, sup } = setup();
    w.url = 'chrome-error://chromewebdata/';
    sup.event({ kind: 'gone', reason: 'oom' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(w.loads).toEqual(['app://cockpit/index.html']);
    sup.dispose();
  });

  it('does nothing after the window is gone, and dispose stops every timer', async () => {
    const { w, sup } = setup(1000);
    sup.event({ kind: 'gone', reason: 'crashed' });
    w.destroyed = true;
    await vi.advanceTimersByTimeAsync(5000);
    expect(w.loads).toEqual([]);
    sup.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });
});
