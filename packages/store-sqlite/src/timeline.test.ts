import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Filter } from '@lifeline/nostr';
import { NaiveStore, stored } from '@lifeline/store/testing';
import { fakeSigned, keys, seededRandom, tempDir } from '@lifeline/testkit';
import { openSqliteStore } from './index.js';

test('home-timeline queries with prolific authors, ties and time ranges match the oracle', async () => {
  const dir = tempDir('lifeline-timeline-');
  const sqlite = await openSqliteStore({ path: join(dir, 't.db'), synchronous: 'NORMAL' });
  const oracle = new NaiveStore();
  const rnd = seededRandom(11);
  const people = Array.from({ length: 6 }, () => keys());
  const events = [];
  // Author 0 is prolific; timestamps collide often so the id tie-break is exercised at the edge.
  for (let i = 0; i < 900; i++) {
    const key = people[i % 3 === 0 ? 0 : Math.floor(rnd() * people.length)]!;
    events.push(
      stored(
        fakeSigned(key, {
          kind: [1, 6, 7][Math.floor(rnd() * 3)]!,
          created_at: 1_000 + Math.floor(rnd() * 120),
          content: `e${i}`,
        }),
      ),
    );
  }
  await sqlite.save(events);
  await oracle.save(events);
  const pks = people.map((k) => k.pk);
  const filters: Filter[] = [
    { authors: pks, kinds: [1, 6], limit: 10 },
    { authors: pks.slice(0, 3), kinds: [1], limit: 25 },
    { authors: pks, limit: 7 },
    { authors: pks, kinds: [1, 6], since: 1_030, until: 1_090, limit: 15 },
    { authors: pks.slice(1), kinds: [7], limit: 500 },
  ];
  for (const f of filters) {
    const got = (await sqlite.query([f], { maxLimit: 500 })).map((s) => s.event.id);
    const want = (await oracle.query([f], { maxLimit: 500 })).map((s) => s.event.id);
    assert.deepEqual(got, want, JSON.stringify({ ...f, authors: f.authors?.length }));
  }
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});
