import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectSyncItems, streamQuery, type StoredEvent } from './index.js';
import { keys } from '@lifeline/testkit';
import { fastStored, ids, withStore, type OpenStore } from './contract.js';

const T = 1_700_000_000;

/** Drains a stream, keeping the chunks apart. */
async function chunksOf(stream: AsyncIterable<StoredEvent[]>): Promise<StoredEvent[][]> {
  const out: StoredEvent[][] = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}

/** Contract tests for streamed queries (`streamQuery`) and for reads given an AbortSignal. */
export function registerReadContract(open: OpenStore): void {
  test('streamQuery: non-empty chunks that join up to exactly what query returns', () =>
    withStore(open, async (s) => {
      const key = keys();
      const events = Array.from({ length: 700 }, (_, i) =>
        fastStored(key, {
          created_at: T + (i % 300),
          content: `post ${i} ${'x'.repeat(i)}`,
          tags: [['t', i % 2 ? 'odd' : 'even']],
        }),
      );
      await s.save(events);
      for (const filters of [
        [{}],
        [{ '#t': ['odd'], limit: 50 }, { until: T + 100 }],
        [{ search: 'post', limit: 20 }],
        [{ ids: [] }],
      ]) {
        const want = await s.query(filters, { maxLimit: 1000 });
        const chunks = await chunksOf(streamQuery(s, filters, { maxLimit: 1000 }));
        assert.ok(
          chunks.every((c) => c.length > 0),
          'no empty chunk',
        );
        assert.deepEqual(ids(chunks.flat()), ids(want), JSON.stringify(filters));
        assert.deepEqual(
          chunks.flat().map((e) => e.json),
          want.map((e) => e.json),
        );
      }
    }));

  test('an aborted signal ends streamQuery with its reason; a live one changes nothing', () =>
    withStore(open, async (s) => {
      await s.save([fastStored(keys(), { created_at: T })]);
      const controller = new AbortController();
      const live = { maxLimit: 10, signal: controller.signal };
      assert.equal((await chunksOf(streamQuery(s, [{}], live))).flat().length, 1);
      assert.equal(await s.count([{}], { signal: controller.signal }), 1);
      const reason = new Error('client went away');
      controller.abort(reason);
      await assert.rejects(chunksOf(streamQuery(s, [{}], live)), (e) => e === reason);
    }));

  test('leaving a stream after its first chunk leaves the store serving everyone', () =>
    withStore(open, async (s) => {
      const key = keys();
      await s.save(Array.from({ length: 600 }, (_, i) => fastStored(key, { created_at: T + i })));
      const owner = {};
      for (let i = 0; i < 5; i++) {
        for await (const chunk of streamQuery(s, [{}], { maxLimit: 600, owner })) {
          assert.equal(chunk[0]?.event.created_at, T + 599);
          break;
        }
      }
      assert.equal((await s.query([{ limit: 3 }], { maxLimit: 600, owner })).length, 3);
      assert.equal(await s.count([{}], { owner }), 600);
    }));

  test('NIP-77 sync records: (created_at, id) of the live matches in order, limits ignored; tooMany past max', () =>
    withStore(open, async (s) => {
      const key = keys();
      const events = Array.from({ length: 120 }, (_, i) =>
        fastStored(key, { created_at: T + (i % 7), kind: i % 3 === 0 ? 7 : 1, content: `sync ${i}` }),
      );
      const expired = fastStored(key, { created_at: T, content: 'gone', tags: [['expiration', String(T + 1)]] });
      await s.save([...events, expired]);
      const want = events
        .filter((e) => e.event.kind === 1)
        .map((e) => ({ t: e.event.created_at, id: e.event.id }))
        .sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : 1));
      const got = await collectSyncItems(s, [{ kinds: [1], limit: 5 }], { max: 1000 });
      assert.equal(got.tooMany, false);
      assert.deepEqual(
        [...got.timestamps],
        want.map((w) => w.t),
      );
      assert.equal(Buffer.from(got.ids).toString('hex'), want.map((w) => w.id).join(''));
      const both = await collectSyncItems(s, [{ kinds: [1] }, { kinds: [7] }], { max: 1000 });
      assert.equal(both.timestamps.length, 120, 'two filters: their union, once each, without the expired one');
      const capped = await collectSyncItems(s, [{}], { max: 100 });
      assert.deepEqual([capped.tooMany, capped.timestamps.length, capped.ids.length], [true, 0, 0]);
    }));
}
