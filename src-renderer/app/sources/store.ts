/**
 * The live source states, outside React state: status changes (every poll, including unchanged 304
 * polls) re-render only the components that show them (header line, settings dialog), never the pages.
 */
import { useSyncExternalStore } from 'react';
import type { FeedsState } from '../../data/feeds';

export class FeedsStore {
  private state: FeedsState | null = null;
  private listeners = new Set<() => void>();
  get = (): FeedsState | null => this.state;
  set(state: FeedsState): void {
    this.state = state;
    for (const l of this.listeners) l();
  }
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
}

export function useFeedsState(store: FeedsStore): FeedsState | null {
  return useSyncExternalStore(store.subscribe, store.get);
}
