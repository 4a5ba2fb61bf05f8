import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { stored } from '@lifeline/store/testing';
import { keys, signed, tempDir } from '@lifeline/testkit';
import { openSqliteStore } from './index.js';

test('a store written before hashtag folding has its t rows folded when opened', async () => {
  const path = join(tempDir('refold'), 'old.db');
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
  const first = await openSqliteStore({ path, synchronous: 'NORMAL' });
  await first.save([old, twice]);
  await first.close();
  // Put the rows back as an unfolding version wrote them: verbatim, and no stamp.
  const raw = new Database(path);
  raw.prepare("UPDATE tags SET value = 'كتاب' WHERE name = 't' AND value = 'کتاب'").run();
  raw
    .prepare(
      "INSERT INTO tags (name, value, created_at, event) SELECT 't', '١٨تير', created_at, event FROM tags WHERE value = '18تیر'",
    )
    .run();
  raw.prepare("DELETE FROM meta WHERE key = 'hashtags'").run();
  assert.equal((raw.prepare("SELECT count(*) AS n FROM tags WHERE name = 't'").get() as { n: number }).n, 3);
  raw.close();
  const again = await openSqliteStore({ path, synchronous: 'NORMAL' });
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
  const check = new Database(path, { readonly: true });
  const values = check.prepare("SELECT value FROM tags WHERE name = 't' ORDER BY value").all() as { value: string }[];
  check.close();
  assert.deepEqual(
    values.map((v) => v.value),
    ['18تیر', 'کتاب'],
  );
});
