import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keys, signed, type TestKeys } from '@lifeline/testkit';
import { ids, stored, withStore, type OpenStore } from './contract.js';

const T = 1_700_000_000;
const FAR_FUTURE = 4_000_000_000;

/** Contract tests for NIP-09 deletion, NIP-62 vanish and NIP-40 expiration. */
export function registerRemovalContract(open: OpenStore, alice: TestKeys, bob: TestKeys): void {
  test('removeEvents (NIP-86 moderation): by id and by author, searchable no more, no tombstone', () =>
    withStore(open, async (s) => {
      const spam = [0, 1, 2].map((i) => stored(signed(bob, { created_at: T + i, content: `buy pills ${i}` })));
      const post = stored(signed(alice, { created_at: T, content: 'illegal post' }));
      const keep = stored(signed(alice, { created_at: T + 1, content: 'fine post' }));
      await s.save([...spam, post, keep]);
      assert.equal(await s.removeEvents({ ids: [post.event.id, 'not-hex'], authors: [bob.pk] }), 4);
      assert.deepEqual(ids(await s.query([{}], { maxLimit: 100 })), [keep.event.id]);
      assert.equal(await s.count([{ authors: [bob.pk] }]), 0);
      // Removing is not a NIP-09 tombstone: the policy, not the store, refuses them from now on.
      assert.equal(await s.refuses(post.event), false);
      assert.deepEqual(await s.save([post]), [{ status: 'saved' }]);
      assert.equal(await s.removeEvents({}), 0);
    }));

  test('moderation rows (NIP-86 lists): upsert, delete, read back', () =>
    withStore(open, async (s) => {
      assert.deepEqual(await s.moderationRows(), []);
      await s.changeModeration(
        [
          { list: 'banned-pubkey', subject: bob.pk, value: 'spam' },
          { list: 'allowed-kind', subject: '1', value: '' },
        ],
        [],
      );
      await s.changeModeration(
        [{ list: 'banned-pubkey', subject: bob.pk, value: 'اسپم' }],
        [
          { list: 'allowed-kind', subject: '1' },
          { list: 'no-such', subject: 'x' },
        ],
      );
      assert.deepEqual(await s.moderationRows(), [{ list: 'banned-pubkey', subject: bob.pk, value: 'اسپم' }]);
    }));

  test("NIP-09 e tags: only the author's own events, refused afterwards", () =>
    withStore(open, async (s) => {
      const mine = stored(signed(alice, { created_at: T, content: 'mine' }));
      const theirs = stored(signed(bob, { created_at: T, content: 'theirs' }));
      const later = stored(signed(alice, { created_at: T + 1, content: 'not yet stored' }));
      await s.save([mine, theirs]);
      const request = stored(
        signed(alice, {
          kind: 5,
          created_at: T + 10,
          tags: [
            ['e', mine.event.id],
            ['e', theirs.event.id],
            ['e', later.event.id],
          ],
        }),
      );
      assert.deepEqual(await s.save([request]), [{ status: 'saved' }]);
      assert.equal(await s.applyDeletion(request.event), 1);
      assert.equal(await s.has(mine.event.id), false);
      assert.equal(await s.has(theirs.event.id), true);
      // refuses() answers before any write, the same way save() will.
      assert.equal(await s.refuses(mine.event), true);
      assert.equal(await s.refuses(later.event), true);
      assert.equal(await s.refuses(theirs.event), false);
      assert.deepEqual(await s.save([mine, later, theirs]), [
        { status: 'deleted' },
        { status: 'deleted' },
        { status: 'duplicate' },
      ]);
      // A deletion of a deletion has no effect (NIP-09).
      const undo = stored(signed(alice, { kind: 5, created_at: T + 11, tags: [['e', request.event.id]] }));
      await s.save([undo]);
      assert.equal(await s.applyDeletion(undo.event), 0);
      assert.equal(await s.has(request.event.id), true);
    }));

  test('NIP-09 reaches reposts: a repost of an event its author deleted is withheld, whenever either arrives', () =>
    withStore(open, async (s) => {
      const carol = keys();
      const note = stored(signed(alice, { created_at: T, content: 'to be deleted' }));
      const repostTags = [
        ['e', note.event.id, ''],
        ['p', alice.pk],
      ];
      // Before the deletion: a kind-6 with the note embedded, a kind-16, and a quote (its own text).
      const early = stored(signed(bob, { kind: 6, created_at: T + 1, tags: repostTags, content: note.json }));
      const generic = stored(signed(bob, { kind: 16, created_at: T + 2, tags: [...repostTags, ['k', '1']] }));
      const quote = stored(signed(bob, { created_at: T + 3, tags: [['q', note.event.id]], content: 'my words' }));
      // A repost naming another author for this id is not alice's to withhold.
      const misattributed = stored(
        signed(carol, {
          kind: 6,
          created_at: T + 4,
          tags: [
            ['e', note.event.id],
            ['p', carol.pk],
          ],
        }),
      );
      await s.save([note, early, generic, quote, misattributed]);
      // Someone else's request for the same id changes nothing.
      const notHers = stored(signed(bob, { kind: 5, created_at: T + 5, tags: [['e', note.event.id]] }));
      await s.save([notHers]);
      assert.equal(await s.applyDeletion(notHers.event), 0);
      assert.equal(await s.count([{ kinds: [6, 16] }]), 3);
      const request = stored(signed(alice, { kind: 5, created_at: T + 10, tags: [['e', note.event.id]] }));
      await s.save([request]);
      assert.equal(await s.applyDeletion(request.event), 3, 'the note and its two reposts');
      assert.deepEqual(ids(await s.query([{ kinds: [1, 6, 16] }], { maxLimit: 10 })), [
        misattributed.event.id,
        quote.event.id,
      ]);
      // After the deletion: a new repost is refused, with the author read from the embedded copy.
      const late = stored(
        signed(carol, { kind: 6, created_at: T + 20, tags: [['e', note.event.id]], content: note.json }),
      );
      const lateGeneric = stored(signed(carol, { kind: 16, created_at: T + 21, tags: repostTags }));
      const otherNote = stored(signed(alice, { created_at: T + 22, content: 'still here' }));
      const fine = stored(
        signed(carol, {
          kind: 6,
          created_at: T + 23,
          tags: [
            ['e', otherNote.event.id],
            ['p', alice.pk],
          ],
        }),
      );
      assert.deepEqual(await Promise.all([late, lateGeneric, fine].map((e) => s.refuses(e.event))), [
        true,
        true,
        false,
      ]);
      assert.deepEqual(
        (await s.save([late, lateGeneric, otherNote, fine, early])).map((o) => o.status),
        ['deleted', 'deleted', 'saved', 'saved', 'deleted'],
      );
      assert.equal(await s.count([{ '#e': [note.event.id] }]), 3, 'the misattributed repost and both requests');
    }));

  test('NIP-09 a tags: addressable versions up to the request time only', () =>
    withStore(open, async (s) => {
      const v1 = stored(signed(alice, { kind: 30023, created_at: T, tags: [['d', 'art']] }));
      const keep = stored(signed(alice, { kind: 30023, created_at: T, tags: [['d', 'keep']] }));
      const bobs = stored(signed(bob, { kind: 30023, created_at: T, tags: [['d', 'art']] }));
      const profile = stored(signed(alice, { kind: 0, created_at: T }));
      await s.save([v1, keep, bobs, profile]);
      const request = stored(
        signed(alice, {
          kind: 5,
          created_at: T + 10,
          tags: [
            ['a', `30023:${alice.pk}:art`],
            ['a', `30023:${bob.pk}:art`],
            ['a', `0:${alice.pk}:`],
          ],
        }),
      );
      assert.equal(await s.applyDeletion(request.event), 2);
      assert.deepEqual(
        new Set(ids(await s.query([{ kinds: [0, 30023] }], { maxLimit: 10 }))),
        new Set([keep.event.id, bobs.event.id]),
      );
      const old = stored(signed(alice, { kind: 30023, created_at: T + 10, tags: [['d', 'art']] }));
      const newer = stored(signed(alice, { kind: 30023, created_at: T + 11, tags: [['d', 'art']] }));
      assert.equal(await s.refuses(old.event), true);
      assert.equal(await s.refuses(newer.event), false);
      assert.deepEqual(await s.save([old, newer]), [{ status: 'deleted' }, { status: 'saved' }]);
      assert.deepEqual(await s.save([stored(signed(alice, { kind: 0, created_at: T + 5 }))]), [{ status: 'deleted' }]);
    }));

  test('NIP-62 vanish removes events and gift wraps up to `until`, refuses them later', () =>
    withStore(open, async (s) => {
      const gone = keys();
      const a = stored(signed(gone, { created_at: T, tags: [['t', 'x']], content: 'vanishing words' }));
      const b = stored(signed(gone, { kind: 30023, created_at: T + 1, tags: [['d', 'x']] }));
      const after = stored(signed(gone, { created_at: T + 100 }));
      const wrap = stored(signed(bob, { kind: 1059, created_at: T, tags: [['p', gone.pk]] }));
      const mention = stored(signed(bob, { created_at: T, tags: [['p', gone.pk]] }));
      await s.save([a, b, after, wrap, mention]);
      assert.equal(await s.vanish(gone.pk, T + 50), 3);
      assert.deepEqual(
        new Set(ids(await s.query([{}], { maxLimit: 10 }))),
        new Set([after.event.id, mention.event.id]),
      );
      assert.equal(await s.count([{ search: 'vanishing' }]), 0);
      assert.equal(await s.count([{ '#t': ['x'] }]), 0);
      const again = stored(signed(gone, { created_at: T + 50 }));
      const wrap2 = stored(signed(bob, { kind: 1059, created_at: T + 20, tags: [['p', gone.pk]] }));
      const fresh = stored(signed(gone, { created_at: T + 51 }));
      assert.deepEqual(await Promise.all([a, again, wrap2, fresh].map((e) => s.refuses(e.event))), [
        true,
        true,
        true,
        false,
      ]);
      assert.deepEqual(
        (await s.save([a, again, wrap2, fresh])).map((o) => o.status),
        ['deleted', 'deleted', 'deleted', 'saved'],
      );
      // The request to vanish itself may be kept: never refused, and a later request removes it.
      const request = stored(signed(gone, { kind: 62, created_at: T + 50, tags: [['relay', 'ALL_RELAYS']] }));
      assert.equal(await s.refuses(request.event), false);
      assert.deepEqual(await s.save([request]), [{ status: 'saved' }]);
      assert.equal(await s.vanish(gone.pk, T + 60), 2, 'the older request and `fresh` go');
      assert.equal(await s.has(request.event.id), false);
    }));

  test('NIP-40: expired events are hidden at once and removed by purgeExpired', () =>
    withStore(open, async (s) => {
      const expired = stored(
        signed(alice, {
          created_at: T,
          tags: [
            ['expiration', String(T + 1)],
            ['t', 'exp'],
          ],
        }),
      );
      const live = stored(
        signed(alice, {
          created_at: T + 1,
          tags: [
            ['expiration', String(FAR_FUTURE)],
            ['t', 'exp'],
          ],
        }),
      );
      const plain = stored(signed(alice, { created_at: T + 2, tags: [['t', 'exp']] }));
      await s.save([expired, live, plain]);
      assert.deepEqual(ids(await s.query([{ '#t': ['exp'] }], { maxLimit: 10 })), [plain.event.id, live.event.id]);
      assert.equal(await s.count([{ '#t': ['exp'] }]), 2);
      assert.equal(await s.has(expired.event.id), true, 'kept until purged');
      assert.equal(await s.purgeExpired(T + 1), 1);
      assert.equal(await s.has(expired.event.id), false);
      assert.equal(await s.purgeExpired(FAR_FUTURE), 1);
      assert.deepEqual(ids(await s.query([{ '#t': ['exp'] }], { maxLimit: 10 })), [plain.event.id]);
    }));
}
