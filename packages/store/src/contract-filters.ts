import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Filter } from '@lifeline/nostr';
import { keys, signed, type TestKeys } from '@lifeline/testkit';
import { ids, stored, withStore, type OpenStore } from './contract.js';

const T = 1_700_000_000;

/** Contract tests for every filter field, limits and ordering, COUNT and NIP-50 search. */
export function registerFilterContract(open: OpenStore, alice: TestKeys, bob: TestKeys): void {
  test('every filter field, OR of filters, tags of any letter, since/until', () =>
    withStore(open, async (s) => {
      const root = stored(signed(alice, { created_at: T, content: 'root', tags: [['t', 'iran']] }));
      const reply = stored(
        signed(bob, {
          created_at: T + 1,
          tags: [
            ['e', root.event.id],
            ['p', alice.pk],
            ['t', 'news'],
          ],
        }),
      );
      const like = stored(signed(bob, { kind: 7, created_at: T + 2, tags: [['e', root.event.id]] }));
      const labeled = stored(
        signed(alice, {
          kind: 1985,
          created_at: T + 3,
          tags: [
            ['L', 'x'],
            ['l', 'confirmed', 'x'],
          ],
        }),
      );
      const multi = stored(
        signed(alice, {
          created_at: T + 4,
          tags: [
            ['t', 'iran'],
            ['t', 'news'],
            ['e', root.event.id],
          ],
        }),
      );
      await s.save([root, reply, like, labeled, multi]);
      const q = async (filters: Filter[]) => ids(await s.query(filters, { maxLimit: 100 }));
      const all = [multi, labeled, like, reply, root].map((e) => e.event.id);
      assert.deepEqual(await q([{}]), all);
      assert.deepEqual(await q([{ ids: [root.event.id, like.event.id] }]), [like.event.id, root.event.id]);
      assert.deepEqual(await q([{ authors: [bob.pk] }]), [like.event.id, reply.event.id]);
      assert.deepEqual(await q([{ kinds: [7, 1985] }]), [labeled.event.id, like.event.id]);
      assert.deepEqual(await q([{ '#e': [root.event.id] }]), [multi.event.id, like.event.id, reply.event.id]);
      assert.deepEqual(await q([{ '#e': [root.event.id], kinds: [7] }]), [like.event.id]);
      assert.deepEqual(await q([{ '#p': [alice.pk] }]), [reply.event.id]);
      assert.deepEqual(await q([{ '#t': ['iran', 'news'] }]), [multi.event.id, reply.event.id, root.event.id]);
      assert.deepEqual(await q([{ '#t': ['iran'], '#e': [root.event.id] }]), [multi.event.id]);
      assert.deepEqual(await q([{ '#l': ['confirmed'] }, { '#L': ['x'] }]), [labeled.event.id]);
      assert.deepEqual(await q([{ '#l': ['x'] }]), [], 'only the first value of a tag is indexed');
      assert.deepEqual(await q([{ since: T + 1, until: T + 3 }]), all.slice(1, 4));
      assert.deepEqual(await q([{ since: T + 4 }, { until: T }, { ids: [root.event.id] }]), [
        multi.event.id,
        root.event.id,
      ]);
      assert.deepEqual(await q([{ authors: [] }, { ids: [] }, { '#e': [] }, { kinds: [] }]), []);
      assert.deepEqual(await q([{ ids: ['NOT-HEX'] }, { authors: [alice.pk.toUpperCase()] }]), []);
      assert.deepEqual(await q([{ authors: [alice.pk], kinds: [1], '#t': ['iran'], since: T, until: T + 4 }]), [
        multi.event.id,
        root.event.id,
      ]);
    }));

  test('#t matches every spelling of a hashtag; other tags stay exact', () =>
    withStore(open, async (s) => {
      const tagged = (dt: number, tags: string[][]) => stored(signed(alice, { created_at: T + dt, tags }));
      const arabic = tagged(0, [['t', 'كتاب']]);
      const zwnj = tagged(1, [['t', 'مي\u200cخواهيم']]);
      const digits = tagged(2, [['t', '١٨تير']]);
      const both = tagged(3, [
        ['t', '#Iran'],
        ['t', 'iran'],
        ['d', 'كتاب'],
      ]);
      await s.save([arabic, zwnj, digits, both]);
      const q = async (filter: Filter) => ids(await s.query([filter], { maxLimit: 100 }));
      assert.deepEqual(await q({ '#t': ['کتاب'] }), [arabic.event.id]);
      assert.deepEqual(await q({ '#t': ['میخواهیم'] }), [zwnj.event.id]);
      assert.deepEqual(await q({ '#t': ['18تیر'] }), [digits.event.id]);
      assert.deepEqual(await q({ '#t': ['۱۸تیر', 'x'], kinds: [1] }), [digits.event.id]);
      assert.deepEqual(await q({ '#t': ['IRAN'] }), [both.event.id], 'one event however many spellings it carries');
      assert.deepEqual(await q({ '#t': ['کتاب', 'میخواهیم'] }), [zwnj.event.id, arabic.event.id]);
      assert.deepEqual(await q({ '#d': ['کتاب'] }), [], 'd is exact');
      assert.deepEqual(await q({ '#d': ['كتاب'] }), [both.event.id]);
      assert.equal(await s.count([{ '#t': ['كتاب'] }, { '#t': ['میخواهیم'] }]), 2);
    }));

  test('limit: newest first, ties by lowest id, capped by maxLimit; count ignores limits', () =>
    withStore(open, async (s) => {
      const key = keys();
      const events = [0, 1, 1, 1, 2, 2, 3].map((dt, i) =>
        stored(signed(key, { created_at: T + dt, content: `n${i}` })),
      );
      await s.save(events);
      const order = [...events]
        .sort((a, b) => b.event.created_at - a.event.created_at || (a.event.id < b.event.id ? -1 : 1))
        .map((e) => e.event.id);
      assert.deepEqual(ids(await s.query([{ limit: 4 }], { maxLimit: 100 })), order.slice(0, 4));
      assert.deepEqual(ids(await s.query([{ limit: 100 }], { maxLimit: 3 })), order.slice(0, 3));
      assert.deepEqual(ids(await s.query([{}], { maxLimit: 2 })), order.slice(0, 2));
      assert.deepEqual(ids(await s.query([{ limit: 0 }], { maxLimit: 10 })), []);
      // Filters are limited separately, then merged and deduplicated.
      const merged = await s.query([{ limit: 2 }, { until: T + 1, limit: 2 }], { maxLimit: 100 });
      assert.deepEqual(ids(merged), [...order.slice(0, 2), ...order.slice(3, 5)]);
      assert.equal(await s.count([{ limit: 1 }]), 7);
      assert.equal(await s.count([{ until: T + 1 }, { since: T + 1 }]), 7);
      assert.equal(await s.count([{ until: T + 1 }, { since: T + 2 }]), 7);
      assert.equal(await s.count([{ since: T + 2, authors: [key.pk] }]), 3);
      assert.equal(await s.count([{ authors: [alice.pk] }]), 0);
    }));

  test('search: English and Persian, folded letters and digits, prefixes, AND of terms', () =>
    withStore(open, async (s) => {
      const en = stored(signed(alice, { created_at: T, content: 'Protesters gathered at Azadi Square tonight' }));
      // Written with Arabic yeh/kaf and Persian digits: must be found by Persian-keyboard queries.
      const fa = stored(signed(alice, { created_at: T + 1, content: 'تظاهرات در ميدان آزادي، ساعت ۱۰ شب. كتابها' }));
      const tagged = stored(signed(bob, { created_at: T + 2, content: 'photos', tags: [['t', 'Tehran']] }));
      const other = stored(signed(bob, { created_at: T + 3, content: 'nothing to see' }));
      await s.save([en, fa, tagged, other]);
      const q = async (search: string, extra: Filter = {}) =>
        ids(await s.query([{ search, ...extra }], { maxLimit: 10 }));
      assert.deepEqual(await q('azadi square'), [en.event.id]);
      assert.deepEqual(await q('PROTEST'), [en.event.id], 'prefix and case');
      assert.deepEqual(await q('square nothing'), []);
      assert.deepEqual(await q('میدان آزادی'), [fa.event.id]);
      assert.deepEqual(await q('10 کتاب'), [fa.event.id]);
      assert.deepEqual(await q('۱۰'), [fa.event.id]);
      assert.deepEqual(await q('tehran'), [tagged.event.id], 't tags are searchable');
      assert.deepEqual(await q('nothing', { authors: [alice.pk] }), []);
      assert.deepEqual(
        await q('language:en'),
        [other, tagged, fa, en].map((e) => e.event.id),
      );
      assert.equal(await s.count([{ search: 'آزادی' }, { search: 'azadi' }]), 2);
    }));
}
