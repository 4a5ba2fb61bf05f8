/*
 * Key-value storage behind one small async interface, so the client core runs the same against
 * IndexedDB or localStorage in a browser and an in-memory map in Node tests.
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

/** An in-memory KeyValueStore (tests, or a session that must leave nothing on disk). */
export function memoryStore(initial: Record<string, string> = {}): KeyValueStore {
  const map = new Map<string, string>(Object.entries(initial));
  return {
    async get(key) {
      return map.get(key);
    },
    async set(key, value) {
      map.set(key, value);
    },
    async delete(key) {
      map.delete(key);
    },
    async keys(prefix = '') {
      return [...map.keys()].filter((k) => k.startsWith(prefix));
    },
    async clear() {
      map.clear();
    },
  };
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
      if (k !== null && k.startsWith(namespace)) out.push(k);
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

/** The part of the IndexedDB factory that indexedDbStore uses (window.indexedDB). */
export type IdbFactoryLike = Pick<IDBFactory, 'open' | 'deleteDatabase'>;

const IDB_STORE = 'kv';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * A KeyValueStore in one IndexedDB database (survives reloads; larger than localStorage).
 * `idb` is passed in (window.indexedDB) so nothing runs when this module is imported in Node.
 */
export async function indexedDbStore(idb: IdbFactoryLike, dbName = 'lifeline'): Promise<KeyValueStore> {
  const open = idb.open(dbName, 1);
  open.onupgradeneeded = () => {
    if (!open.result.objectStoreNames.contains(IDB_STORE)) open.result.createObjectStore(IDB_STORE);
  };
  const db = await request(open);
  const tx = (mode: IDBTransactionMode): IDBObjectStore => db.transaction(IDB_STORE, mode).objectStore(IDB_STORE);
  return {
    async get(key) {
      const v: unknown = await request(tx('readonly').get(key));
      return typeof v === 'string' ? v : undefined;
    },
    async set(key, value) {
      await request(tx('readwrite').put(value, key));
    },
    async delete(key) {
      await request(tx('readwrite').delete(key));
    },
    async keys(prefix = '') {
      const all = await request(tx('readonly').getAllKeys());
      return all.filter((k): k is string => typeof k === 'string' && k.startsWith(prefix));
    },
    async clear() {
      await request(tx('readwrite').clear());
    },
  };
}
