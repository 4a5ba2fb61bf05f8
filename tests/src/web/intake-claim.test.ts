import { test } from 'node:test';
import assert from 'node:assert/strict';
import { npubEncode } from 'nostr-tools/nip19';
import { keys, signed, waitFor } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { buildClaim } from '@lifeline/verify-desk';
import { signUpDeskMember } from './desk-member.js';
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

const SCRIPT = {
  en: {
    claim: 'Security forces are detaining students at Shiraz university',
    sms: [
      { from: '+989171110000', text: 'Shiraz: they are dragging students out of the dorms right now' },
      { from: '+989171110000', text: 'Second message — buses full of detainees leaving by the east gate' },
      { from: '+989352220000', text: 'I live next to the campus, I counted six vans with arrested boys' },
    ],
    channel: 'SMS',
    pick: 'Claim to attach this report to',
    attach: 'Attach as a source',
    attached: 'Attached to the claim',
    sameSender: 'same sender as source ',
    three: '3 independent sources',
    via: 'via SMS',
  },
  fa: {
    claim: 'نیروهای امنیتی دانشجویان دانشگاه شیراز را بازداشت می‌کنند',
    sms: [
      { from: '+989171113333', text: 'شیراز: همین الان دانشجوها را از خوابگاه بیرون می‌کشند' },
      { from: '+989171113333', text: 'پیام دوم: اتوبوس‌های پر از بازداشتی از در شرقی بیرون رفتند' },
      { from: '+989352224444', text: 'همسایهٔ دانشگاه هستم، شش ون پر از پسرهای بازداشتی شمردم' },
    ],
    channel: 'پیامک',
    pick: 'ادعایی که این گزارش به آن پیوست می‌شود',
    attach: 'پیوست به‌عنوان منبع',
    attached: 'به‌عنوان منبع به ادعا پیوست شد',
    sameSender: 'همان فرستنده‌ی منبع ',
    three: '۳ منبع مستقل',
    via: 'از راه پیامک',
  },
} as const;
// Desk lists are replaceable: each run's list must be newer than the last.
let listAt = Math.floor(Date.now() / 1000);

for (const lang of ['en', 'fa'] as const)
  test(`${lang}: two SMS from one number attached to a claim count once, one from another number counts separately`, async () => {
    const { claim: CLAIM, sms: SMS, ...ui } = SCRIPT[lang];
    const { user: u, pubkey: member } = await signUpDeskMember(env, owner, ++listAt);
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
    await page.getByLabel('Language / زبان').first().selectOption(lang);
    await page.getByRole('button', { name: ui.channel, exact: true }).click();
    const before = env.node.intake!.store.list({ limit: 50, status: 'published' }).messages.length;
    for (const [i, s] of SMS.entries()) {
      await page
        .getByTestId('intake-item')
        .filter({ hasText: s.text.slice(0, 30) })
        .click();
      const review = page.getByTestId('intake-review');
      await review.getByRole('option', { name: CLAIM }).waitFor({ state: 'attached' });
      await review.getByLabel(ui.pick).selectOption({ label: CLAIM });
      await review.getByRole('button', { name: ui.attach }).click();
      await waitFor(
        () => env.node.intake!.store.list({ limit: 50, status: 'published' }).messages.length === before + i + 1,
        `SMS ${i + 1} published`,
        { timeoutMs: 10_000 },
      );
      await page.getByRole('status').filter({ hasText: ui.attached }).waitFor();
    }

    // Every attaching label is the member's, names the published event and the sender id, never the number.
    const labels = await env.client.req('labels', { kinds: [1985], authors: [member] });
    assert.equal(labels.events.length, 3);
    for (const l of labels.events) {
      assert.ok(l.tags.some((t) => t[0] === 'e' && t[1] === claim.id && t[3] === 'claim'));
      assert.match(l.tags.find((t) => t[0] === 'intake-sender')?.[1] ?? '', /^[0-9a-f]{32}$/);
      assert.ok(!SMS.some((x) => JSON.stringify(l).includes(x.from.slice(4))));
    }
    const published = env.node.intake!.store.list({ limit: 50, status: 'published' }).messages;
    const idOf = (text: string) => published.find((m) => m.text === text)!.published!;
    for (const s of SMS)
      assert.ok(
        labels.events.some((l) => l.tags.some((t) => t[0] === 'e' && t[1] === idOf(s.text) && t[3] === 'source')),
      );

    await u.go(`#/claim/${claim.id}`);
    // The page is complete once it counts three: source 1 (the post), SMS 1, and the other number.
    await page.getByTestId('claim-state').filter({ hasText: ui.three }).waitFor();
    assert.equal(await page.getByTestId('source').count(), 4);
    const item = (text: string) => page.getByTestId('source').filter({ hasText: text.slice(0, 30) });
    // Labels made in one second are ordered by id, so either of the two may be the one that counts.
    const pair = await Promise.all(
      [SMS[0]!, SMS[1]!].map(async (x) => ({
        n: await item(x.text).getAttribute('data-n'),
        counts: await item(x.text).getAttribute('data-counts'),
        why: (await item(x.text).getByTestId('source-reason').textContent())!,
      })),
    );
    const counted = pair.find((x) => x.counts === 'true');
    const other = pair.find((x) => x.counts === 'false');
    assert.ok(counted && other, JSON.stringify(pair));
    const digits = lang === 'fa' ? counted.n!.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!) : counted.n!;
    assert.ok(other.why.includes(ui.sameSender + digits), other.why);
    assert.equal(await item(SMS[2]!.text).getAttribute('data-counts'), 'true');

    // Each SMS source is attributed to its channel, not to the desk member whose key published it;
    // the post that is source 1 still shows its author.
    for (const x of SMS) {
      assert.equal((await item(x.text).getByTestId('source-via').textContent())?.trim(), ui.via);
      assert.equal(await item(x.text).locator('.who').count(), 0, 'no author name on an intake source');
      assert.equal(
        await item(x.text).getByTestId('label-author').count(),
        0,
        'the member is not offered for labelling',
      );
    }
    const first = page.getByTestId('source').first();
    assert.equal(await first.getByTestId('source-via').count(), 0);
    assert.ok((await first.locator('.who').count()) > 0, 'source 1 names its author');
  });
