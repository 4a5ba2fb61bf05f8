/**
 * The write path of each backend alone, no relay: dataset events saved in batches through
 * `EventStore.save`, SQLite (a temp file, synchronous FULL) beside PostgreSQL (a durable throwaway
 * server this script starts). `node bench/dist/store-save.js [--events 20000] [--batch 1000]`
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore, StoredEvent } from '@lifeline/store';
import { openPostgresStore } from '@lifeline/store-postgres';
import { openSqliteStore } from '@lifeline/store-sqlite';
import { tempDir } from '@lifeline/testkit';
import { startPostgres } from '@lifeline/testkit/postgres';
import { parseArgs } from './lib/args.js';
import { defaultDataDir, readEventLines } from './lib/dataset.js';

const args = parseArgs();
const count = args.num('events', 20_000);
const batch = args.num('batch', 1000);
const events: StoredEvent[] = [];
for await (const json of readEventLines(args.str('data', defaultDataDir), 0, count))
  events.push({ event: JSON.parse(json), json });

async function measure(name: string, store: EventStore): Promise<void> {
  const ms: number[] = [];
  const start = performance.now();
  for (let i = 0; i < events.length; i += batch) {
    const t = performance.now();
    await store.save(events.slice(i, i + batch));
    ms.push(performance.now() - t);
  }
  const seconds = (performance.now() - start) / 1000;
  ms.sort((a, b) => a - b);
  console.log(
    `| ${name} | ${Math.round(events.length / seconds)} | ${ms[Math.floor(ms.length / 2)]!.toFixed(0)} | ${ms[ms.length - 1]!.toFixed(0)} |`,
  );
  await store.close();
}

console.log(`${events.length} dataset events, batches of ${batch}`);
console.log(`| backend | events/s | batch p50 (ms) | batch max (ms) |\n|---|---:|---:|---:|`);
const dir = tempDir('lifeline-bench-save-');
try {
  await measure('SQLite (FULL)', await openSqliteStore({ path: join(dir, 'bench.db') }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const pg = await startPostgres({ durable: true });
try {
  await measure('PostgreSQL (fsync on)', await openPostgresStore({ url: await pg.createDatabase('save') }));
} finally {
  await pg.stop();
}
