import { afterEach, describe, expect, it, vi } from 'vitest';
import { addAnnotation, emptyBriefingData, type BriefingData } from '../../../src-core/briefing/story';
import { BriefingModel, localStorageStore, type BriefingStore } from './store';

const T = '2026-11-22T08:00:00.000Z';
const note = { id: 'n1', page: 'overview', city: 'linyi', panel: 'kpis', text: '注意' };

function memoryStore(initial: unknown, fail = false) {
  const saved: BriefingData[] = [];
  let changed: (() => void) | null = null;
  let current = initial;
  const store: BriefingStore = {
    persistent: true,
    load: async () => current,
    save: async (d) => {
      if (fail) throw new Error('disk full');
      saved.push(d);
      current = JSON.parse(JSON.stringify(d));
    },
    watch: (cb) => {
      changed = cb;
      return () => (changed = null);
    },
  };
  return { store, saved, external: (d: unknown) => ((current = d), changed?.()) };
}

describe('briefing model', () => {
  it('loads, applies edits, saves and tells subscribers', async () => {
    const m = memoryStore(null);
    const model = new BriefingModel(m.store);
    await model.ready;
    const seen = vi.fn();
    model.subscribe(seen);
    model.update((d) => addAnnotation(d, note, T));
    expect(model.get().annotations.map((a) => a.id)).toEqual(['n1']);
    expect(seen).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    expect(m.saved).toHaveLength(1);
    model.update((d) => d); // no change, no save
    expect(m.saved).toHaveLength(1);
  });
  it('keeps the readable part of a damaged document and reports the rest', async () => {
    const m = memoryStore({ version: 1, stories: [{ id: 'x' }], annotations: [{ ...note, createdAt: T, updatedAt: T }] });
    const model = new BriefingModel(m.store);
    await model.ready;
    expect(model.get().annotations).toHaveLength(1);
    expect(model.problems[0]).toMatch(/^stories\[0\]/);
  });
  it('reports a failed save instead of losing the edit silently', async () => {
    const model = new BriefingModel(memoryStore(null, true).store);
    await model.ready;
    model.update((d) => addAnnotation(d, note, T));
    await new Promise((r) => setTimeout(r, 0));
    expect(model.get().annotations).toHaveLength(1);
    expect(model.problems.join()).toMatch(/save failed: disk full/);
  });
  it('follows changes made in another window', async () => {
    const m = memoryStore(null);
    const model = new BriefingModel(m.store);
    await model.ready;
    m.external(addAnnotation(emptyBriefingData(), note, T));
    await new Promise((r) => setTimeout(r, 0));
    expect(model.get().annotations.map((a) => a.text)).toEqual(['注意']);
  });
});

describe('localStorage store', () => {
  afterEach(() => vi.unstubAllGlobals());
  function fakeWindow(throwing = false) {
    const data = new Map<string, string>();
    const localStorage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => {
        if (throwing) throw new Error('QuotaExceededError');
        data.set(k, v);
      },
      removeItem: (k: string) => data.delete(k),
    };
    vi.stubGlobal('window', { localStorage, addEventListener: vi.fn(), removeEventListener: vi.fn() });
    return data;
  }
  it('round-trips one JSON document under its key', async () => {
    const data = fakeWindow();
    const s = localStorageStore('k');
    expect(s.persistent).toBe(true);
    expect(await s.load()).toBeNull();
    const d = addAnnotation(emptyBriefingData(), note, T);
    await s.save(d);
    expect(JSON.parse(data.get('k')!)).toEqual(d);
    expect(await s.load()).toEqual(d);
  });
  it('keeps unreadable text aside instead of overwriting it', async () => {
    const data = fakeWindow();
    data.set('k', '{broken');
    const s = localStorageStore('k');
    expect(await s.load()).toMatchObject({ unreadable: true });
    expect([...data.keys()].some((k) => k.startsWith('k.unreadable-'))).toBe(true);
  });
  it('works in memory when storage is unavailable, and says so', async () => {
    fakeWindow(true);
    const s = localStorageStore('k');
    expect(s.persistent).toBe(false);
    await s.save(emptyBriefingData());
    expect(await s.load()).toEqual(emptyBriefingData());
  });
});
