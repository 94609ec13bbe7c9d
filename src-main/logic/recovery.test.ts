import { describe, expect, it } from 'vitest';
import { DEFAULT_RECOVERY, initialRecovery, onRendererEvent, type RecoveryState } from './recovery';

describe('renderer recovery', () => {
  it('reloads within 5 s after a crash, not after a clean exit', () => {
    const [, a] = onRendererEvent(initialRecovery(), { kind: 'gone', reason: 'crashed' }, 0);
    expect(a).toMatchObject({ do: 'reload' });
    expect(a.do !== 'none' && a.afterMs).toBeLessThanOrEqual(5000);
    expect(onRendererEvent(initialRecovery(), { kind: 'gone', reason: 'clean-exit' }, 0)[1]).toEqual({ do: 'none' });
  });
  it('restarts a renderer that stays unresponsive past the hang limit, not one that recovers', () => {
    let s: RecoveryState = initialRecovery();
    [s] = onRendererEvent(s, { kind: 'unresponsive' }, 0);
    expect(onRendererEvent(s, { kind: 'unresponsive' }, 1000)[1]).toEqual({ do: 'none' });
    const [, hang] = onRendererEvent(s, { kind: 'unresponsive' }, DEFAULT_RECOVERY.hangMs);
    expect(hang).toMatchObject({ do: 'restart-renderer' });
    const [back] = onRendererEvent(s, { kind: 'responsive' }, 500);
    expect(back.hangSince).toBeNull();
  });
  it('a probe unanswered past the hang limit restarts the renderer without further delay', () => {
    expect(onRendererEvent(initialRecovery(), { kind: 'hung', ms: DEFAULT_RECOVERY.hangMs - 1 }, 0)[1]).toEqual({ do: 'none' });
    const [, a] = onRendererEvent(initialRecovery(), { kind: 'hung', ms: DEFAULT_RECOVERY.hangMs }, 0);
    expect(a).toMatchObject({ do: 'restart-renderer', afterMs: 0 });
    expect(DEFAULT_RECOVERY.hangMs + DEFAULT_RECOVERY.probeMs).toBeLessThan(5000);
  });
  it('memory watchdog acts only after consecutive samples over budget', () => {
    const over = { kind: 'memory' as const, privateKiB: DEFAULT_RECOVERY.memoryBudgetKiB + 1 };
    const under = { kind: 'memory' as const, privateKiB: 1000 };
    let s = initialRecovery();
    let a;
    [s, a] = onRendererEvent(s, over, 0);
    expect(a.do).toBe('none');
    [s, a] = onRendererEvent(s, under, 1); // a spike, then back under: counter resets
    [s, a] = onRendererEvent(s, over, 2);
    [s, a] = onRendererEvent(s, over, 3);
    expect(a.do).toBe('none');
    [s, a] = onRendererEvent(s, over, 4);
    expect(a).toMatchObject({ do: 'restart-renderer' });
    expect(a.do !== 'none' && a.why).toMatch(/over the .* budget/);
  });
  it('backs off in a crash loop but never gives up', () => {
    let s = initialRecovery();
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      const [n, a] = onRendererEvent(s, { kind: 'gone', reason: 'oom' }, i * 1000);
      s = n;
      if (a.do !== 'none') delays.push(a.afterMs);
    }
    expect(delays).toHaveLength(12);
    expect(delays[0]).toBe(DEFAULT_RECOVERY.reloadDelayMs);
    expect(delays[11]).toBeGreaterThan(delays[0]!);
    expect(Math.max(...delays)).toBeLessThanOrEqual(60_000);
  });
});
