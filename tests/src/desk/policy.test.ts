import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { naddrEncode, npubEncode } from 'nostr-tools/nip19';
import { DESK_LIST_KIND, type NostrEvent } from '@lifeline/nostr';
import { keys, signed, waitFor } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { buildClaim, buildSource, buildState } from '@lifeline/verify-desk';

const T = Math.floor(Date.now() / 1000) - 3600;

describe("each desk's own rule: N and the verified-primary shortcut come from its list", () => {
  const strict = keys();
  const quick = keys();
  const env = nodeSuite({
    client: true,
    node: {
      desk: `${npubEncode(strict.pk)},${naddrEncode({ kind: DESK_LIST_KIND, pubkey: quick.pk, identifier: 'quick' })}`,
    },
  });
  let t = T;
  const send = async (ev: NostrEvent) => (await env.client.publish(ev)) as [string, string, boolean, string];
  const ok = async (ev: NostrEvent) => {
    const r = await send(ev);
    assert.equal(r[2], true, r[3]);
    return ev;
  };
  const at = <E extends { created_at: number }>(e: E) => ({ ...e, created_at: ++t });

  test('a member of a desk allowing one verified primary confirms with it; the strict desk does not count that', async () => {
    await ok(
      signed(quick, {
        kind: DESK_LIST_KIND,
        created_at: ++t,
        tags: [
          ['d', 'quick'],
          ['min-sources', '2'],
          ['primary-confirms', 'true'],
        ],
      }),
    );
    await waitFor(() => env.node.desk.desks()[1]?.primaryConfirms === true);
    const post = await ok(
      signed(keys(), { content: 'Explosion heard near Evin prison, windows shaking', created_at: ++t }),
    );
    const claim = await ok(
      signed(
        quick,
        at(buildClaim({ target: post.id, text: 'Explosion near Evin', lang: 'en', sourceKind: 'secondary' })),
      ),
    );
    const refused = await send(
      signed(quick, at(buildState({ claim: claim.id, state: 'confirmed', reason: 'one post' }))),
    );
    assert.equal(
      refused[3],
      'blocked: confirmation refused: confirmed by 1 independent source, this desk needs 2 or one primary source a member verified (1 more)',
    );
    const photo = await ok(
      signed(keys(), { content: 'My own photo from the rooftop, smoke over Evin', created_at: ++t }),
    );
    await ok(signed(quick, at(buildSource({ claim: claim.id, event: photo.id, kind: 'primary', verified: true }))));
    await env.node.deskBook.settled();
    await ok(signed(quick, at(buildState({ claim: claim.id, state: 'confirmed', reason: 'verified photo' }))));

    const read = async (desk: string) =>
      (await (
        await fetch(`${env.node.httpUrl}/api/desk/claims/${claim.id}?desk=${desk}`, {
          headers: { accept: 'application/json' },
        })
      ).json()) as {
        claim: { state: string; rule: { byVerifiedPrimary: boolean } };
      };
    const q = await read(`30000:${quick.pk}:quick`);
    assert.equal(q.claim.state, 'confirmed');
    assert.equal(q.claim.rule.byVerifiedPrimary, true);
    // The strict desk's members never acted: for it the claim was opened by a stranger and is not Confirmed.
    assert.equal((await read(`30000:${strict.pk}:lifeline-desk`)).claim.state, 'unstarted');
  });
});
