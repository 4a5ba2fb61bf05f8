import { test } from 'node:test';
import assert from 'node:assert/strict';
import { npubEncode } from 'nostr-tools/nip19';
import type { NostrEvent } from '@lifeline/nostr';
import { keys, signed } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { buildClaim, buildSource, buildState, type ClaimView } from '@lifeline/verify-desk';

/*
 * Intake reports on a real node's desk: one member published three SMS (so one key signed all
 * three), attached with their senders' ids. The node counts them per sender — two from one
 * sender once — lets Confirmed through at three independent sources, and refuses a source label
 * with a malformed sender id, which then changes nothing.
 */

const curator = keys();
const env = nodeSuite({ client: true, node: { desk: npubEncode(curator.pk) } });
let t = Math.floor(Date.now() / 1000) - 600;
const publish = async (ev: NostrEvent) => (await env.client.publish(ev)) as [string, string, boolean, string];
const ok = async (ev: NostrEvent) => {
  const r = await publish(ev);
  assert.equal(r[2], true, r[3]);
  return ev;
};
const by = (template: { kind: number; tags: string[][]; content: string }) =>
  signed(curator, { ...template, created_at: ++t });
const claimView = async (id: string) =>
  ((await (await fetch(`${env.node.httpUrl}/api/desk/claims/${id}`)).json()) as { claim: ClaimView }).claim;

test('reports one member published count per intake sender; a malformed sender id is refused', async () => {
  const witness = await ok(signed(keys(), { content: 'Students arrested at Shiraz university', created_at: ++t }));
  const claim = await ok(
    by(buildClaim({ target: witness.id, targetAuthor: witness.pubkey, text: 'Arrests', lang: 'en' })),
  );
  const [a, b] = ['a'.repeat(32), 'b'.repeat(32)];
  const reports = [
    { text: 'They are dragging students out of the dorms right now — via SMS', sender: a },
    { text: 'Buses full of detainees are leaving by the east gate — via SMS', sender: a },
    { text: 'I live next to the campus and counted six vans — via SMS', sender: b },
  ];
  for (const r of reports) {
    const note = await ok(signed(curator, { content: r.text, created_at: ++t }));
    await ok(by(buildSource({ claim: claim.id, event: note.id, kind: 'primary', sender: r.sender })));
  }
  await env.node.deskBook.settled();
  let view = await claimView(claim.id);
  assert.equal(view.rule.independent, 3);
  assert.deepEqual(
    view.sources.map((s) => s.reasons[0]!.code),
    ['counts', 'counts', 'same_sender', 'counts'],
  );

  // A malformed sender id: refused with the reason, and the claim is as it was.
  const bad = buildSource({ claim: claim.id, event: witness.id, kind: 'secondary' });
  bad.tags.push(['intake-sender', 'not an id']);
  const refused = await publish(by(bad));
  assert.equal(refused[2], false);
  assert.match(refused[3], /intake-sender/);
  view = await claimView(claim.id);
  assert.equal(view.sources.length, 4);

  // Three independent sources meet the default rule, so Confirmed takes effect.
  await ok(by(buildState({ claim: claim.id, state: 'confirmed', reason: 'three witnesses' })));
  await env.node.deskBook.settled();
  assert.equal((await claimView(claim.id)).state, 'confirmed');
});
