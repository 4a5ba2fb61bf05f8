import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { keys, signed } from '@lifeline/testkit';
import { startTestNode } from '@lifeline/testkit/node';
import { createRelayPool } from './pool.js';
import { loadNewestReplaceable } from './load-replaceable.js';
import { nextFollowList, parseFollows, FollowListError } from './follows.js';
import type { WebSocketConstructor } from './relay-connection.js';
import type { SignedEvent } from './types.js';

test('the newest follow list across relays is the base of the next one', async () => {
  const [a, b] = await Promise.all([startTestNode(), startTestNode()]);
  const pool = createRelayPool({ relays: [a.url, b.url], WebSocket: WebSocket as unknown as WebSocketConstructor });
  try {
    const me = keys();
    const friend = keys();
    const other = keys();
    const none = await loadNewestReplaceable(pool, 3, me.pk);
    assert.equal(none.event, undefined);
    assert.equal(none.answered.length, 2);
    assert.throws(() => nextFollowList(none.event, { follow: friend.pk }), FollowListError);

    const old = signed(me, { kind: 3, created_at: 1000, tags: [['p', other.pk]] }) as SignedEvent;
    const newer = signed(me, {
      kind: 3,
      created_at: 2000,
      tags: [
        ['p', other.pk],
        ['p', friend.pk],
      ],
    }) as SignedEvent;
    await pool.publish(old, [a.url]);
    await pool.publish(newer, [b.url]);
    const loaded = await loadNewestReplaceable(pool, 3, me.pk);
    assert.equal(loaded.event?.id, newer.id);
    const next = nextFollowList(loaded.event, { unfollow: other.pk });
    assert.deepEqual(parseFollows(next), [friend.pk]);
    assert.ok(next.created_at > 2000);
  } finally {
    pool.close();
    await Promise.all([a.stop(), b.stop()]);
  }
});
