/**
 * A small promise wrapper over IndexedDB for the data worker: the last good document of every source
 * and imported files persist here, so a restart with the network down still shows them, with their
 * age. (In Electron this lives in the user-data folder; in a browser, in the origin's storage.)
 */
const DB_NAME = 'cockpit-feeds';
const DB_VERSION = 1;
export const STORE_DOCS = 'docs';
export const STORE_SETTINGS = 'settings';

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

export class Store {
  private constructor(private readonly db: IDBDatabase | null) {}

  /** Opens the store; when IndexedDB is unavailable (private mode, disabled) the store is a no-op. */
  static async open(): Promise<Store> {
    try {
      if (typeof indexedDB === 'undefined') return new Store(null);
      const r = indexedDB.open(DB_NAME, DB_VERSION);
      r.onupgradeneeded = () => {
        const db = r.result;
        if (!db.objectStoreNames.contains(STORE_DOCS)) db.createObjectStore(STORE_DOCS);
        if (!db.objectStoreNames.contains(STORE_SETTINGS)) db.createObjectStore(STORE_SETTINGS);
      };
      return new Store(await req(r));
    } catch (e) {
      console.warn(`[feeds] persistent storage unavailable: ${(e as Error).message}`);
      return new Store(null);
    }
  }

  get available(): boolean {
    return this.db !== null;
  }

  async get<T>(store: string, key: string): Promise<T | undefined> {
    if (!this.db) return undefined;
    return (await req(this.db.transaction(store, 'readonly').objectStore(store).get(key))) as T | undefined;
  }

  async count(store: string): Promise<number> {
    if (!this.db) return 0;
    return req(this.db.transaction(store, 'readonly').objectStore(store).count());
  }

  async all<T>(store: string): Promise<T[]> {
    if (!this.db) return [];
    return (await req(this.db.transaction(store, 'readonly').objectStore(store).getAll())) as T[];
  }

  async put(store: string, key: string, value: unknown): Promise<void> {
    if (!this.db) return;
    const tx = this.db.transaction(store, 'readwrite');
    tx.objectStore(store).put(value, key);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted (storage full?)'));
    });
  }

  async delete(store: string, key: string): Promise<void> {
    if (!this.db) return;
    const tx = this.db.transaction(store, 'readwrite');
    tx.objectStore(store).delete(key);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB delete failed'));
    });
  }
}
