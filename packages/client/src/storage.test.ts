import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryStore } from './memory-store.test-helper.js';
import { webStorageStore, type KeyValueStore, type WebStorageLike } from './storage.js';

/** A Map-backed stand-in for the DOM Storage object, with a foreign key in it. */
function fakeLocalStorage(): WebStorageLike & { map: Map<string, string> } {
  const map = new Map<string, string>([['other-app', 'keep me']]);
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

async function roundTrip(store: KeyValueStore): Promise<void> {
  assert.equal(await store.get('a'), undefined);
  await store.set('a', '1');
  await store.set('outbox:x', '2');
  await store.set('outbox:y', '3');
  assert.equal(await store.get('a'), '1');
  assert.deepEqual((await store.keys('outbox:')).sort(), ['outbox:x', 'outbox:y']);
  await store.delete('outbox:x');
  assert.deepEqual(await store.keys('outbox:'), ['outbox:y']);
  await store.clear();
  assert.deepEqual(await store.keys(), []);
}

test("the tests' memoryStore round-trips, lists by prefix and clears", async () => {
  await roundTrip(memoryStore());
});

test('webStorageStore namespaces its keys and clear() leaves other keys alone', async () => {
  const ls = fakeLocalStorage();
  const store = webStorageStore(ls);
  await roundTrip(store);
  await store.set('a', '1');
  assert.equal(ls.map.get('lifeline:a'), '1');
  await store.clear();
  assert.deepEqual([...ls.map.keys()], ['other-app']);
});
