import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, npubEncode } from 'nostr-tools/nip19';
import { DESK_LIST_KIND } from '@lifeline/nostr';
import { keys, signed, waitFor } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { buildClaim } from '@lifeline/verify-desk';
import { AppUser } from './app-user.js';
import { webDir } from '../web-dir.js';

/*
 * From the review queue to a desk claim, in Chromium: three SMS arrive, two from one number and
 * one from another; a desk member attaches each to an open claim from the queue (each is published
 * first, signed by the member). The claim page counts the two from one number once and says why
 * ("same sender"), and the one from the other number separately — though one key signed all three.
 */

const owner = keys();
const env = nodeSuite({
  browser: true,
  client: true,
  node: { webDir, desk: npubEncode(owner.pk), intakeLocal: true },
});

const CLAIM = 'Security forces are detaining students at Shiraz university';
const SMS = [
  { from: '+989171110000', text: 'Shiraz: they are dragging students out of the dorms right now' },
  { from: '+989171110000', text: 'Second message — buses full of detainees leaving by the east gate' },
  { from: '+989352220000', text: 'I live next to the campus, I counted six vans with arrested boys' },
];

test('two SMS from one number attached to a claim count once, one from another number counts separately', async () => {
  const u = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await u.signUp('correct horse battery staple');
  const member = decode(u.npub).data as string;
  const list = signed(owner, {
    kind: DESK_LIST_KIND,
    tags: [
      ['d', 'lifeline-desk'],
      ['p', member],
    ],
  });
  assert.equal((await env.client.publish(list))[2], true);
  await waitFor(() => env.node.desk.isMember(member), 'membership');
  const post = signed(keys(), { content: 'Students being arrested at Shiraz university, please share' });
  assert.equal((await env.client.publish(post))[2], true);
  const claim = signed(owner, buildClaim({ target: post.id, targetAuthor: post.pubkey, text: CLAIM, lang: 'en' }));
  assert.equal((await env.client.publish(claim))[2], true);
  await env.node.deskBook.settled();
  for (const s of SMS)
    await env.node.intake!.intake.receive({
      channel: 'sms',
      via: 'smssync',
      address: s.from,
      contact: {},
      text: s.text,
      attachments: [],
    });

  const page = u.page;
  await u.go('#/intake');
  await page.getByRole('button', { name: 'SMS', exact: true }).click();
  for (const [i, s] of SMS.entries()) {
    await page
      .getByTestId('intake-item')
      .filter({ hasText: s.text.slice(0, 30) })
      .click();
    const review = page.getByTestId('intake-review');
    await review.getByRole('option', { name: CLAIM }).waitFor({ state: 'attached' });
    await review.getByLabel('Claim to attach this report to').selectOption({ label: CLAIM });
    await review.getByRole('button', { name: 'Attach as a source' }).click();
    await waitFor(
      () => env.node.intake!.store.list({ limit: 5, status: 'published' }).messages.length === i + 1,
      `SMS ${i + 1} published`,
      { timeoutMs: 10_000 },
    );
    await page.getByRole('status').filter({ hasText: 'Attached to the claim' }).waitFor();
  }

  // Every attaching label is the member's, names the published event and the sender id, never the number.
  const labels = await env.client.req('labels', { kinds: [1985], authors: [member] });
  assert.equal(labels.events.length, 3);
  for (const l of labels.events) {
    assert.ok(l.tags.some((t) => t[0] === 'e' && t[1] === claim.id && t[3] === 'claim'));
    assert.match(l.tags.find((t) => t[0] === 'intake-sender')?.[1] ?? '', /^[0-9a-f]{32}$/);
    assert.ok(!JSON.stringify(l).includes('917111') && !JSON.stringify(l).includes('935222'));
  }
  const published = env.node.intake!.store.list({ limit: 5, status: 'published' }).messages;
  const idOf = (text: string) => published.find((m) => m.text === text)!.published!;
  for (const s of SMS)
    assert.ok(
      labels.events.some((l) => l.tags.some((t) => t[0] === 'e' && t[1] === idOf(s.text) && t[3] === 'source')),
    );

  await u.go(`#/claim/${claim.id}`);
  // The page is complete once it counts three: source 1 (the post), SMS 1, and the other number.
  await page.getByTestId('claim-state').filter({ hasText: '3 independent sources' }).waitFor();
  assert.equal(await page.getByTestId('source').count(), 4);
  const item = (text: string) => page.getByTestId('source').filter({ hasText: text.slice(0, 30) });
  assert.equal(await item(SMS[0]!.text).getAttribute('data-counts'), 'true');
  assert.equal(await item(SMS[1]!.text).getAttribute('data-counts'), 'false');
  assert.match((await item(SMS[1]!.text).getByTestId('source-reason').textContent())!, /same sender as source 2/);
  assert.equal(await item(SMS[2]!.text).getAttribute('data-counts'), 'true');
});
