import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { naddrEncode, npubEncode } from 'nostr-tools/nip19';
import { DESK_LIST_KIND } from '@lifeline/nostr';
import { keys, signed, waitFor } from '@lifeline/testkit';
import { nodeSuite, startTestNode } from '@lifeline/testkit/node';

const T = Math.floor(Date.now() / 1000) - 600;

describe("desk membership follows the owner's kind 30000 list", () => {
  const owner = keys();
  const other = keys();
  const sara = keys();
  const reza = keys();
  const env = nodeSuite({
    client: true,
    node: {
      desk: `${npubEncode(owner.pk)}, ${naddrEncode({ kind: DESK_LIST_KIND, pubkey: other.pk, identifier: 'night' })}`,
    },
  });
  const publish = async (ev: { id: string }) => {
    const ok = await env.client.publish(ev);
    assert.equal(ok[2], true, String(ok[3]));
  };
  const list = (who = owner, d = 'lifeline-desk', members: string[], at = T) =>
    signed(who, { kind: DESK_LIST_KIND, created_at: at, tags: [['d', d], ...members.map((p) => ['p', p])] });

  test('before any list, the owners alone are members', () => {
    assert.equal(env.node.desk.desks().length, 2);
    assert.ok(env.node.desk.isMember(owner.pk));
    assert.ok(env.node.desk.isMember(other.pk));
    assert.ok(!env.node.desk.isMember(sara.pk));
  });

  test('a new list adds members; a newer one replaces them; an older one changes nothing', async () => {
    await publish(list(owner, 'lifeline-desk', [sara.pk]));
    await waitFor(() => env.node.desk.isMember(sara.pk));
    await publish(list(owner, 'lifeline-desk', [reza.pk], T + 10));
    await waitFor(() => env.node.desk.isMember(reza.pk) && !env.node.desk.isMember(sara.pk));
    await publish(list(owner, 'lifeline-desk', [sara.pk], T + 5));
    await env.node.desk.settled();
    assert.ok(!env.node.desk.isMember(sara.pk), 'an older list must not win');
    assert.ok(env.node.desk.isMember(reza.pk));
  });

  test('a list with another d, or by a non-owner naming itself, adds nobody', async () => {
    await publish(list(owner, 'other-d', [sara.pk], T + 20));
    await publish(list(sara, 'lifeline-desk', [sara.pk], T + 20));
    await env.node.desk.settled();
    assert.ok(!env.node.desk.isMember(sara.pk));
  });

  test('the naddr desk reads its own d; desksOf names the desk', async () => {
    await publish(list(other, 'night', [sara.pk], T + 30));
    await waitFor(() => env.node.desk.isMember(sara.pk));
    assert.deepEqual(
      env.node.desk.desksOf(sara.pk).map((d) => d.address),
      [{ owner: other.pk, d: 'night' }],
    );
  });

  test('a deletion of the list by its owner removes the members', async () => {
    await publish(signed(other, { kind: 5, created_at: T + 40, tags: [['a', `${DESK_LIST_KIND}:${other.pk}:night`]] }));
    await waitFor(() => !env.node.desk.isMember(sara.pk));
    assert.ok(env.node.desk.isMember(other.pk));
  });
});

test('a node restarted on the same data reads its members back; a bad desk setting is a start error', async () => {
  const owner = keys();
  const sara = keys();
  const node = await startTestNode({ desk: npubEncode(owner.pk) });
  const dir = node.dataDir;
  await node.relay.addEvent(
    signed(owner, {
      kind: DESK_LIST_KIND,
      created_at: T,
      tags: [
        ['d', 'lifeline-desk'],
        ['p', sara.pk],
      ],
    }),
    { source: 'import' },
  );
  await node.close();
  const again = await startTestNode({ desk: npubEncode(owner.pk), data: dir });
  try {
    assert.ok(again.desk.isMember(sara.pk));
  } finally {
    await again.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  await assert.rejects(startTestNode({ desk: 'npub1nope' }), /--desk: "npub1nope" is not an npub or naddr/);
  await assert.rejects(
    startTestNode({ desk: naddrEncode({ kind: 30023, pubkey: owner.pk, identifier: 'x' }) }),
    /must be an npub or an naddr of a kind 30000 set/,
  );
});
