/*
 * Key-value storage behind one small async interface, so the client core runs the same against
 * localStorage in a browser and an in-memory map in Node tests (memory-store.test-helper.ts).
 */

/** Async string key-value storage the client core persists into (keys, outbox, settings). */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key starting with `prefix` (all keys when omitted). */
  keys(prefix?: string): Promise<string[]>;
  /** Removes every key this store owns. */
  clear(): Promise<void>;
}

/** The part of the DOM Storage interface (localStorage) that webStorageStore uses. */
export interface WebStorageLike {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * A KeyValueStore over localStorage (passed in, so this file never touches browser globals when
 * imported in Node). Keys are namespaced by `namespace` so clear() removes only Lifeline's keys.
 */
export function webStorageStore(storage: WebStorageLike, namespace = 'lifeline:'): KeyValueStore {
  const ownKeys = (): string[] => {
    const out: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k?.startsWith(namespace)) out.push(k);
    }
    return out;
  };
  return {
    async get(key) {
      return storage.getItem(namespace + key) ?? undefined;
    },
    async set(key, value) {
      // Throws QuotaExceededError when full; callers see it as a rejected promise.
      storage.setItem(namespace + key, value);
    },
    async delete(key) {
      storage.removeItem(namespace + key);
    },
    async keys(prefix = '') {
      return ownKeys()
        .map((k) => k.slice(namespace.length))
        .filter((k) => k.startsWith(prefix));
    },
    async clear() {
      for (const k of ownKeys()) storage.removeItem(k);
    },
  };
}
