import { test } from 'node:test';
import assert from 'node:assert/strict';
import { npubEncode } from 'nostr-tools/nip19';
import { buildNotifications, notificationsFilter } from './notifications.js';
import { parseMuteList, type Mutes } from './mutes.js';
import type { SignedEvent } from './types.js';

const h = (c: string) => c.repeat(64);
const me = h('a');
let n = 0;
const ev = (over: Partial<SignedEvent>): SignedEvent => ({
  id: (n++).toString(16).padStart(64, '0'),
  pubkey: h('b'),
  created_at: 10,
  kind: 1,
  tags: [],
  content: '',
  sig: h('f') + h('f'),
  ...over,
});

/** One event through buildNotifications: its notification, or undefined when it is none. */
const classifyNotification = (e: SignedEvent, who: string, mutes?: Mutes) => buildNotifications([e], who, mutes)[0];

test('the filter asks for kinds 1, 6, 7, 16 tagging me', () => {
  assert.deepEqual(notificationsFilter(me, { until: 5 }), [{ '#p': [me], kinds: [1, 6, 7, 16], limit: 100, until: 5 }]);
});

test('classifies replies, mentions, reposts and likes', () => {
  const mine = h('c');
  const reply = classifyNotification(
    ev({
      tags: [
        ['e', mine, '', 'root'],
        ['p', me],
      ],
    }),
    me,
  );
  assert.equal(reply?.type, 'reply');
  assert.equal(reply?.targetId, mine);
  assert.equal(classifyNotification(ev({ tags: [['p', me]] }), me)?.type, 'mention');
  const quote = classifyNotification(
    ev({
      tags: [
        ['q', mine, '', me],
        ['p', me],
      ],
    }),
    me,
  );
  assert.deepEqual([quote?.type, quote?.targetId], ['quote', mine]);
  assert.equal(classifyNotification(ev({ content: `hi nostr:${npubEncode(me)}` }), me)?.type, 'mention');
  assert.equal(
    classifyNotification(
      ev({
        kind: 6,
        tags: [
          ['e', mine],
          ['p', me],
        ],
      }),
      me,
    )?.targetId,
    mine,
  );
  assert.equal(
    classifyNotification(
      ev({
        kind: 16,
        tags: [
          ['e', mine],
          ['p', me],
        ],
      }),
      me,
    )?.type,
    'repost',
  );
  assert.equal(
    classifyNotification(
      ev({
        kind: 7,
        content: '+',
        tags: [
          ['e', mine],
          ['p', me],
        ],
      }),
      me,
    )?.type,
    'like',
  );
});

test('ignores my own events, muted people, dislikes and events not about me', () => {
  assert.equal(classifyNotification(ev({ pubkey: me, tags: [['p', me]] }), me), undefined);
  assert.equal(
    classifyNotification(ev({ tags: [['p', me]] }), me, { ...parseMuteList(undefined), pubkeys: [h('b')] }),
    undefined,
  );
  assert.equal(classifyNotification(ev({ kind: 7, content: '-', tags: [['p', me]] }), me), undefined);
  assert.equal(classifyNotification(ev({ tags: [['p', h('d')]] }), me), undefined);
  assert.equal(classifyNotification(ev({ kind: 30023, tags: [['p', me]] }), me), undefined);
});

test('buildNotifications is newest first without duplicates', () => {
  const a = ev({ created_at: 1, tags: [['p', me]] });
  const b = ev({ created_at: 3, kind: 7, content: '+', tags: [['p', me]] });
  const c = ev({ created_at: 2, pubkey: me, tags: [['p', me]] });
  assert.deepEqual(
    buildNotifications([a, b, c, a], me).map((x) => x.event.id),
    [b.id, a.id],
  );
});
