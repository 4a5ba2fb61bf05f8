import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Filter } from '@lifeline/nostr';
import { fastStored } from '@lifeline/store/testing';
import { keys } from '@lifeline/testkit';
import { sharedPostgres } from '@lifeline/testkit/postgres';
import postgres from 'postgres';
import { countStatement, keysStatement } from './compile.js';
import { openPostgresStore } from './index.js';

const T = 1_700_000_000;

test('every filter shape is answered through an index, never a full scan of events or tags', async () => {
  const url = await (await sharedPostgres()).createDatabase('plans');
  const store = await openPostgresStore({ url });
  const sql = postgres(url, { onnotice: () => {} });
  try {
    const people = Array.from({ length: 100 }, () => keys());
    const ids: string[] = [];
    for (let b = 0; b < 10; b++) {
      const batch = Array.from({ length: 1000 }, (_, j) => {
        const i = b * 1000 + j;
        const tags = [
          ['t', `tag${i % 50}`],
          ['p', people[(i * 7) % 100]!.pk],
        ];
        if (i > 0) tags.push(['e', ids[i >> 1]!]);
        const e = fastStored(people[i % 100]!, {
          kind: [1, 1, 1, 7, 6][i % 5],
          created_at: T + i,
          content: `post ${i} word${i % 1000} تهران`,
          tags,
        });
        ids.push(e.event.id);
        return e;
      });
      await store.save(batch);
    }
    await sql`VACUUM ANALYZE`;
    const pk = people.map((p) => p.pk);
    const shapes: Record<string, Filter> = {
      newest: {},
      ids: { ids: ids.slice(0, 5) },
      author: { authors: [pk[0]!] },
      'home timeline': { authors: pk.slice(0, 50), kinds: [1, 6] },
      'authors, any kind': { authors: pk.slice(0, 50) },
      kind: { kinds: [7] },
      kinds: { kinds: [1, 6] },
      tag: { '#t': ['tag3'] },
      'tag values': { '#t': ['tag3', 'tag4'] },
      'replies to': { '#e': [ids[100]!] },
      'mentions of a kind': { '#p': [pk[3]!], kinds: [6] },
      'author and tag': { authors: [pk[1]!], '#t': ['tag1'] },
      since: { since: T + 9_000 },
      search: { search: 'word12' },
      'Persian search': { search: 'تهران', kinds: [1] },
      'author search': { authors: [pk[1]!], search: 'post' },
    };
    for (const [name, filter] of Object.entries(shapes)) {
      const stmt = keysStatement(filter, 100, T + 1e6)!;
      const plan = (await sql.unsafe(`EXPLAIN ${stmt.text}`, stmt.values as never[])).map((r) => r['QUERY PLAN']);
      assert.ok(!plan.some((l) => /Seq Scan on (events|tags)/.test(l)), `${name}:\n${plan.join('\n')}`);
      assert.ok((await sql.unsafe(stmt.text, stmt.values as never[])).length > 0, `${name} finds events`);
    }
    const count = countStatement([{ '#t': ['tag3'] }, { authors: [pk[0]!] }], T + 1e6)!;
    const plan = (await sql.unsafe(`EXPLAIN ${count.text}`, count.values as never[])).map((r) => r['QUERY PLAN']);
    assert.ok(!plan.some((l) => /Seq Scan on (events|tags)/.test(l)), `count:\n${plan.join('\n')}`);
  } finally {
    await store.close();
    await sql.end();
  }
});
