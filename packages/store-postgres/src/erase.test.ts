import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fastStored, stored } from '@lifeline/store/testing';
import { fakeSigned, keys, waitFor } from '@lifeline/testkit';
import { sharedPostgres } from '@lifeline/testkit/postgres';
import postgres from 'postgres';
import { openPostgresStore } from './index.js';

const SECRETS = ['qxsecretword', 'qxsecrettag', 'qxsecretlong'];

/** Which secrets any page of the store's tables, TOAST table and indexes still holds (pageinspect). */
async function secretsOnDisk(sql: postgres.Sql): Promise<string[]> {
  await sql`CHECKPOINT`;
  const relations = await sql<{ rel: string; pages: number }[]>`
    SELECT c.oid::regclass::text AS rel, (pg_relation_size(c.oid) / 8192)::int AS pages FROM pg_class c
    WHERE c.relname IN ('events', 'tags') OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN ('events'::regclass, 'tags'::regclass))
       OR c.oid = (SELECT reltoastrelid FROM pg_class WHERE relname = 'events')`;
  const found = new Set<string>();
  for (const { rel, pages } of relations) {
    for (let page = 0; page < pages; page++) {
      const [row] = await sql<{ b: Buffer }[]>`SELECT get_raw_page(${rel}, ${page}::int) AS b`;
      for (const secret of SECRETS) if (row!.b.includes(secret)) found.add(`${secret} in ${rel}`);
    }
  }
  return [...found].sort();
}

test('a deleted event is erased from every page of the tables, TOAST and indexes after erase()', async () => {
  const url = await (await sharedPostgres()).createDatabase('erase');
  const store = await openPostgresStore({ url, eraseDelayMs: 50, reindexSearchEveryMs: 0 });
  const sql = postgres(url, { onnotice: () => {} });
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS pageinspect`;
    const author = keys();
    const others = Array.from({ length: 40 }, (_, i) => fastStored(author, { content: `ordinary post ${i}` }));
    const short = stored(fakeSigned(author, { content: 'qxsecretword here', tags: [['t', 'qxsecrettag']] }));
    // Past 2 kB the JSON is stored out of line, in the TOAST table.
    const long = stored(fakeSigned(author, { content: `qxsecretlong ${'filler '.repeat(600)}` }));
    await store.save([...others.slice(0, 20), short, long, ...others.slice(20)]);
    assert.ok((await secretsOnDisk(sql)).length >= 3, 'the check can see stored secrets');
    const request = stored(
      fakeSigned(author, {
        kind: 5,
        tags: [
          ['e', short.event.id],
          ['e', long.event.id],
        ],
      }),
    );
    await store.save([request]);
    assert.equal(await store.applyDeletion(request.event), 2);
    // The removal schedules erase() on its own.
    // A scan that meets the index being swapped by REINDEX CONCURRENTLY fails: look again.
    const clean = () =>
      secretsOnDisk(sql).then(
        (found) => found.length === 0,
        () => false,
      );
    await waitFor(clean, 'the secrets to be erased', {
      timeoutMs: 20_000,
      intervalMs: 200,
    });
    assert.equal(await store.count([{}]), 41, 'everything else is still there');
    assert.equal(await store.count([{ search: 'ordinary' }]), 40, 'and still found by search');
  } finally {
    await store.close();
    await sql.end();
  }
});
