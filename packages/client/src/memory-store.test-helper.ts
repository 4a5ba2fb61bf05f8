import type { KeyValueStore } from './storage.js';

/** An in-memory KeyValueStore for tests: what the vault and the outbox persist, without a browser. */
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
