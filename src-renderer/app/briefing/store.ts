/**
 * Where the user's briefings and notes are kept. Behind a small interface so the Electron shell can
 * later keep them in its user-data folder; the browser (and, for now, Electron) uses localStorage.
 * The model on top loads once, applies the pure edits of src-core/briefing/story.ts, saves, tells
 * subscribers, and follows changes made in another window of the same app (storage events).
 */
import { useSyncExternalStore } from 'react';
import { emptyBriefingData, parseBriefingData, type BriefingData } from '../../../src-core/briefing/story';

export interface BriefingStore {
  /** the stored document as parsed JSON (null when nothing is stored) */
  load(): Promise<unknown>;
  save(data: BriefingData): Promise<void>;
  /** call `onChange` when another window changed the stored document; returns unsubscribe */
  watch?(onChange: () => void): () => void;
  /** false when nothing can be persisted (private mode, storage disabled) */
  readonly persistent: boolean;
}

export const STORAGE_KEY = 'cockpit.briefing.v1';

/** localStorage, one JSON document under one key. A damaged document is kept aside, never overwritten. */
export function localStorageStore(key = STORAGE_KEY): BriefingStore {
  let ls: Storage | null = null;
  try {
    ls = window.localStorage;
    const probe = `${key}.probe`;
    ls.setItem(probe, '1');
    ls.removeItem(probe);
  } catch {
    ls = null;
  }
  let memory: string | null = null;
  return {
    persistent: ls !== null,
    async load() {
      const text = ls ? ls.getItem(key) : memory;
      if (text === null) return null;
      try {
        return JSON.parse(text);
      } catch {
        // keep the unreadable text for a person to look at; start empty
        ls?.setItem(`${key}.unreadable-${Date.now()}`, text);
        return { version: -1, unreadable: true };
      }
    },
    async save(data) {
      const text = JSON.stringify(data);
      if (ls) ls.setItem(key, text);
      else memory = text;
    },
    watch(onChange) {
      const on = (e: StorageEvent) => e.key === key && onChange();
      window.addEventListener('storage', on);
      return () => window.removeEventListener('storage', on);
    },
  };
}

export class BriefingModel {
  private data: BriefingData = emptyBriefingData();
  private listeners = new Set<() => void>();
  problems: string[] = [];
  loaded = false;
  readonly ready: Promise<void>;

  constructor(private readonly store: BriefingStore) {
    this.ready = this.reload();
    store.watch?.(() => void this.reload());
  }

  get persistent(): boolean {
    return this.store.persistent;
  }

  private async reload(): Promise<void> {
    try {
      const { data, problems } = parseBriefingData(await this.store.load());
      this.data = data;
      this.problems = problems;
    } catch (e) {
      this.problems = [(e as Error).message];
    }
    this.loaded = true;
    this.emit();
  }

  private emit() {
    for (const l of this.listeners) l();
  }

  get = (): BriefingData => this.data;

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  /** Apply an edit (a pure function of the document) and save. Throws what the edit throws (invalid input). */
  update(edit: (d: BriefingData) => BriefingData): void {
    const next = edit(this.data);
    if (next === this.data) return;
    this.data = next;
    this.emit();
    this.store.save(next).catch((e: Error) => {
      this.problems = [...this.problems, `save failed: ${e.message}`];
      this.emit();
    });
  }
}

let shared: BriefingModel | null = null;
/** The app's one briefing model (localStorage for now; an Electron userData store can replace it here). */
export function briefingModel(): BriefingModel {
  shared ??= new BriefingModel(localStorageStore());
  return shared;
}

export function useBriefingData(model: BriefingModel): BriefingData {
  return useSyncExternalStore(model.subscribe, model.get);
}

/** A short random id for steps, stories and notes. */
export function newId(prefix = ''): string {
  const r = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `${prefix}${r.toLowerCase().replace(/[^a-z0-9-]/g, '').slice(0, 24)}`;
}
