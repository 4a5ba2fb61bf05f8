import { test } from 'node:test';
import assert from 'node:assert/strict';
import postgres from 'postgres';
import { stored } from '@lifeline/store/testing';
import { keys, signed } from '@lifeline/testkit';
import { sharedPostgres } from '@lifeline/testkit/postgres';
import { openPostgresStore } from './index.js';

test('a database written before hashtag folding has its t rows folded when opened', async () => {
  const url = await (await sharedPostgres()).createDatabase('refold');
  const alice = keys();
  const old = stored(signed(alice, { tags: [['t', 'كتاب']] }));
  const twice = stored(
    signed(alice, {
      tags: [
        ['t', '١٨تير'],
        ['t', '18تیر'],
      ],
    }),
  );
  const first = await openPostgresStore({ url, maxConnections: 2 });
  await first.save([old, twice]);
  await first.close();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // Rows as an unfolding version wrote them: verbatim, and no stamp.
    await sql`UPDATE tags SET value = 'كتاب' WHERE name = 't' AND value = 'کتاب'`;
    await sql`INSERT INTO tags (name, value, created_at, event)
              SELECT 't', '١٨تير', created_at, event FROM tags WHERE value = '18تیر'`;
    await sql`DELETE FROM meta WHERE key = 'hashtags'`;
    const again = await openPostgresStore({ url, maxConnections: 2 });
    try {
      const found = await again.query([{ '#t': ['کتاب'] }], { maxLimit: 10 });
      assert.deepEqual(
        found.map((s) => s.event.id),
        [old.event.id],
      );
      const digits = await again.query([{ '#t': ['18تیر'] }], { maxLimit: 10 });
      assert.deepEqual(
        digits.map((s) => s.event.id),
        [twice.event.id],
        'found once though tagged twice',
      );
    } finally {
      await again.close();
    }
    const rows = await sql<{ value: string }[]>`SELECT value FROM tags WHERE name = 't' ORDER BY value`;
    assert.deepEqual(
      rows.map((r) => r.value),
      ['18تیر', 'کتاب'],
    );
  } finally {
    await sql.end();
  }
});
