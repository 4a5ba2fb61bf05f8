import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryStore } from './memory-store.test-helper.js';
import type { KeyValueStore } from './storage.js';
import { wipeAll, type DeviceStorage } from './wipe.js';

test('wipeAll clears every store even when one fails, and reports the failure', async () => {
  const good = memoryStore({ k: 'v' });
  const broken: KeyValueStore = { ...memoryStore(), clear: async () => Promise.reject(new Error('disk gone')) };
  const later = memoryStore({ k: 'v' });
  const result = await wipeAll([good, broken, later]);
  assert.deepEqual(result, { ok: false, errors: ['disk gone'] });
  assert.deepEqual(await good.keys(), []);
  assert.deepEqual(await later.keys(), []);
});

/** Stand-ins for the browser's storage: each records what is left of it. */
function fakeDevice() {
  const left = {
    local: new Map([
      ['lifeline:vault', 'ncryptsec1…'],
      ['other', 'x'],
    ]),
    session: new Map([['draft', 'y']]),
    databases: new Set(['lifeline', 'other-db', 'in-use']),
    caches: new Set(['assets-v1', 'assets-v2']),
    workers: 2,
  };
  const webStorage = (map: Map<string, string>) => ({ clear: () => map.clear() });
  const device: DeviceStorage = {
    webStorages: [webStorage(left.local), webStorage(left.session)],
    indexedDB: {
      databases: async () => [...left.databases].map((name) => ({ name })),
      deleteDatabase(name) {
        const req: Record<'onsuccess' | 'onerror' | 'onblocked', (() => void) | null> = {
          onsuccess: null,
          onerror: null,
          onblocked: null,
        };
        setTimeout(() => {
          // A database still open in another tab is "blocked": it goes once that tab closes it.
          if (name === 'in-use') return req.onblocked?.();
          left.databases.delete(name);
          req.onsuccess?.();
        });
        return req;
      },
    },
    caches: { keys: async () => [...left.caches], delete: async (name) => left.caches.delete(name) },
    serviceWorker: {
      getRegistrations: async () =>
        Array.from({ length: left.workers }, () => ({ unregister: async () => --left.workers >= 0 })),
    },
  };
  return { left, device };
}

test('wipeAll also empties web storage, IndexedDB, Cache Storage and service workers', async () => {
  const { left, device } = fakeDevice();
  const store = memoryStore({ 'outbox:1': '{}' });
  assert.deepEqual(await wipeAll([store], device), { ok: true, errors: [] });
  assert.deepEqual(await store.keys(), []);
  assert.equal(left.local.size + left.session.size, 0);
  assert.deepEqual([...left.databases], ['in-use'], 'a blocked deletion does not hold up the wipe');
  assert.equal(left.caches.size, 0);
  assert.equal(left.workers, 0);
});

test('a failing part of the device is reported and the rest is still wiped', async () => {
  const { left, device } = fakeDevice();
  device.webStorages!.unshift({
    clear: () => {
      throw new Error('SecurityError');
    },
  });
  device.caches = { keys: async () => Promise.reject(new Error('caches unavailable')), delete: async () => true };
  const result = await wipeAll([], device);
  assert.deepEqual(result, { ok: false, errors: ['SecurityError', 'caches unavailable'] });
  assert.equal(left.local.size + left.session.size, 0);
  assert.equal(left.workers, 0);
});

test('a browser that cannot list IndexedDB databases is wiped as far as it allows', async () => {
  const { left, device } = fakeDevice();
  delete device.indexedDB!.databases;
  assert.equal((await wipeAll([], device)).ok, true);
  assert.equal(left.databases.size, 3);
  assert.equal(left.caches.size, 0);
});
