import type { KeyValueStore } from './storage.js';

/*
 * Panic wipe ("GO BACK & DELETE ALL PAST TWEETS", but for the device): every local trace goes,
 * and one failing part never leaves the others intact. The browser's storage objects are passed in,
 * so this file touches no browser globals and runs in Node tests with stand-ins.
 */

/** The part of an IndexedDB delete request that wipeAll waits on. */
interface DeleteRequest {
  onsuccess: ((this: never, ev: never) => unknown) | null;
  onerror: ((this: never, ev: never) => unknown) | null;
  onblocked: ((this: never, ev: never) => unknown) | null;
  readonly error?: DOMException | null;
}

/** Browser storage beyond the KeyValueStores: each part is optional (absent in Node or old browsers). */
export interface DeviceStorage {
  /** `localStorage` and `sessionStorage`, cleared whole. */
  webStorages?: Array<{ clear(): void }>;
  /** `indexedDB`: every database is deleted (where the browser can list them). */
  indexedDB?: { databases?(): Promise<Array<{ name?: string }>>; deleteDatabase(name: string): DeleteRequest };
  /** `caches` (Cache Storage): every cache is deleted. */
  caches?: { keys(): Promise<string[]>; delete(name: string): Promise<boolean> };
  /** `navigator.serviceWorker`: every registration is removed. */
  serviceWorker?: { getRegistrations(): Promise<ReadonlyArray<{ unregister(): Promise<boolean> }>> };
}

/**
 * Resolves when the deletion is done or waits only on a connection still open elsewhere (it then
 * completes on close).
 */
function deleted(req: DeleteRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve();
    req.onblocked = () => resolve();
    req.onerror = () => reject(req.error ?? new Error('IndexedDB delete failed'));
  });
}

/**
 * Clears every given store and every part of `device`, and reports which failed instead of stopping
 * at the first failure.
 */
export async function wipeAll(
  stores: KeyValueStore[],
  device: DeviceStorage = {},
): Promise<{ ok: boolean; errors: string[] }> {
  const errors: string[] = [];
  const attempt = async (step: () => unknown): Promise<void> => {
    try {
      await step();
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
    }
  };
  const each = async <T>(
    list: () => Promise<readonly T[]> | readonly T[],
    step: (item: T) => unknown,
  ): Promise<void> => {
    let items: readonly T[] = [];
    await attempt(async () => (items = await list()));
    for (const item of items) await attempt(() => step(item));
  };
  await each(
    () => stores,
    (s) => s.clear(),
  );
  await each(
    () => device.webStorages ?? [],
    (s) => s.clear(),
  );
  const idb = device.indexedDB;
  if (idb?.databases)
    await each(
      () => idb.databases!(),
      (db) => db.name && deleted(idb.deleteDatabase(db.name)),
    );
  const caches = device.caches;
  if (caches)
    await each(
      () => caches.keys(),
      (name) => caches.delete(name),
    );
  const sw = device.serviceWorker;
  if (sw)
    await each(
      () => sw.getRegistrations(),
      (r) => r.unregister(),
    );
  return { ok: errors.length === 0, errors };
}
