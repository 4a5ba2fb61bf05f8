import { runStoreContract } from '@lifeline/store/testing';
import { sharedPostgres } from '@lifeline/testkit/postgres';
import { openPostgresStore, type PostgresStore } from './index.js';

// Every test gets its own database on one real server started for this file.
const urls = new WeakMap<PostgresStore, string>();

async function open(): Promise<PostgresStore> {
  const url = await (await sharedPostgres()).createDatabase('store');
  const store = await openPostgresStore({ url, maxConnections: 4 });
  urls.set(store, url);
  return store;
}

runStoreContract('postgres', open, async (closed) =>
  openPostgresStore({ url: urls.get(closed as PostgresStore)!, maxConnections: 4 }),
);
