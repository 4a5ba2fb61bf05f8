import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, npubEncode } from 'nostr-tools/nip19';
import nodemailer from 'nodemailer';
import { DESK_LIST_KIND } from '@lifeline/nostr';
import { startSmtpIntake } from '@lifeline/intake';
import { freePort, keys, signed, waitFor } from '@lifeline/testkit';
import { installNip07 } from '@lifeline/testkit/browser';
import { nodeSuite } from '@lifeline/testkit/node';
import type { AppUser } from './app-user.js';
import { signUpDeskMember } from './desk-member.js';
import { webDir } from '../web-dir.js';

/*
 * The review queue in Chromium, in English and in Persian (RTL): a reader's email arrives over
 * SMTP; a desk member finds it by channel, replies from the review — the app opens the sealed
 * address on the member's device with NIP-44 and the node sends the reply through the
 * operator's mail relay — and publishes the report "via reader email".
 */

const SCRIPT = {
  en: {
    from: 'sara.en@example.org',
    body: 'Evin prison: families gathered at the gate since morning',
    email: 'Email',
    replyLabel: 'Reply to the sender',
    send: 'Send reply',
    sent: 'Reply sent.',
    reply: 'Thank you, we are checking. Stay safe.',
    text: 'Text to publish',
    publish: 'Publish',
    published: 'Published.',
    via: 'via reader email',
  },
  fa: {
    from: 'sara.fa@example.org',
    body: 'زندان اوین: خانواده‌ها از صبح جلوی در جمع شده‌اند',
    email: 'ایمیل',
    replyLabel: 'پاسخ به فرستنده',
    send: 'فرستادن پاسخ',
    sent: 'پاسخ فرستاده شد.',
    reply: 'سپاس، در حال بررسی هستیم. مراقب خودتان باشید.',
    text: 'متن برای انتشار',
    publish: 'انتشار',
    published: 'منتشر شد.',
    via: 'از راه ایمیل خواننده',
  },
} as const;

describe('the review queue in Chromium: reply by email and publish, in English and Persian', async () => {
  const owner = keys();
  // The operator's mail relay: a real SMTP server that keeps what it is given.
  const relayed: Buffer[] = [];
  const relayAddresses = [SCRIPT.en.from, SCRIPT.fa.from, 'reza@example.org'];
  const relay = await startSmtpIntake({
    host: '127.0.0.1',
    port: 0,
    addresses: relayAddresses,
    maxBytes: 1 << 20,
    onMessage: async (raw) => void relayed.push(raw),
  });
  after(() => relay.close());
  const smtpPort = await freePort();
  const env = nodeSuite({
    browser: true,
    client: true,
    node: {
      webDir,
      desk: npubEncode(owner.pk),
      smtpPort,
      intakeAddresses: 'tips@desk.example',
      intakeReplySmtpUrl: `smtp://127.0.0.1:${relay.port}`,
    },
  });
  let user: AppUser | undefined;
  /** The desk member, signed up in the web app once (contact details are sealed to members at arrival). */
  const member = async () => {
    if (user) return user;
    user = (await signUpDeskMember(env, owner)).user;
    return user;
  };

  for (const lang of ['en', 'fa'] as const) {
    test(`${lang}: reply to a reader's email from the review, then publish it`, async () => {
      const s = SCRIPT[lang];
      const u = await member();
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, ignoreTLS: true });
      await transport.sendMail({ from: `Sara <${s.from}>`, to: 'tips@desk.example', subject: 'Evin', text: s.body });
      transport.close();
      const before = relayed.length;

      const page = u.page;
      await u.go('#/intake');
      await page.getByLabel('Language / زبان').first().selectOption(lang);
      await page.getByRole('button', { name: s.email, exact: true }).click();
      await page
        .getByTestId('intake-item')
        .filter({ hasText: s.body.slice(0, 20) })
        .click();
      const review = page.getByTestId('intake-review');
      if (lang === 'fa') {
        assert.equal(await page.evaluate('document.documentElement.dir'), 'rtl');
        // RTL layout: the channel buttons run right to left, the review's text column is right-aligned.
        const buttons = page.locator('.intake fieldset').first().getByRole('button');
        const [first, second] = [(await buttons.nth(0).boundingBox())!, (await buttons.nth(1).boundingBox())!];
        assert.ok(first.x > second.x, 'the first channel button is to the right of the second');
        // A string, because this project compiles without DOM types; it runs in the page.
        const direction = await page.evaluate(
          `getComputedStyle(document.querySelector('[data-testid="intake-review"]')).direction`,
        );
        assert.equal(direction, 'rtl');
      }
      await review.getByLabel(s.replyLabel).fill(s.reply);
      await review.getByRole('button', { name: s.send }).click();
      await review.getByRole('status').filter({ hasText: s.sent }).waitFor();
      assert.equal(relayed.length, before + 1);
      const mail = relayed.at(-1)!.toString();
      assert.match(mail, new RegExp(`To: ${s.from.replace(/\./g, '\\.')}`));
      // The address went to the relay only: the thread keeps the reply with the address sealed again.
      const thread = env.node.intake!.store.list({ limit: 10, channel: 'email' }).messages;
      assert.ok(thread.some((m) => m.direction === 'out'));
      assert.ok(!JSON.stringify(thread).includes(s.from));

      await review.getByLabel(s.text).fill(s.body);
      await review.getByRole('button', { name: s.publish, exact: true }).click();
      await page.getByRole('status').filter({ hasText: s.published }).waitFor();
      const m = env.node
        .intake!.store.list({ limit: 10, status: 'published' })
        .messages.find((x) => x.text.includes(s.body))!;
      const [event] = (await env.client.req('pub', { ids: [m.published!] })).events;
      assert.ok(event!.content.includes(s.via), event!.content);
      assert.ok(!event!.content.includes('example.org'));
    });
  }

  test('a member signed in with a NIP-07 extension replies: the extension opens the address (nip44.decrypt)', async () => {
    const ext = keys();
    const { context, page } = await env.chrome.newUser();
    await installNip07(context, ext, { signedIn: true, nip44: true });
    // The desk list names this member too (the earlier member stays), before the email arrives.
    const pks = [decode((await member()).npub).data as string, ext.pk];
    const list = signed(owner, { kind: DESK_LIST_KIND, tags: [['d', 'lifeline-desk'], ...pks.map((p) => ['p', p])] });
    assert.equal((await env.client.publish(list))[2], true);
    await waitFor(() => env.node.desk.isMember(ext.pk), 'membership');
    const from = 'reza@example.org';
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, ignoreTLS: true });
    await transport.sendMail({
      from,
      to: 'tips@desk.example',
      subject: 'Qom',
      text: 'Qom: shops closed on the bazaar street',
    });
    transport.close();
    const before = relayed.length;
    await page.goto(`${env.node.httpUrl}/#/intake`);
    await page.getByRole('button', { name: 'Email', exact: true }).click();
    await page.getByTestId('intake-item').filter({ hasText: 'Qom: shops closed' }).click();
    const review = page.getByTestId('intake-review');
    await review.getByLabel('Reply to the sender').fill('Thank you — can you send a photo?');
    await review.getByRole('button', { name: 'Send reply' }).click();
    await review.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();
    assert.equal(relayed.length, before + 1);
    assert.match(relayed.at(-1)!.toString(), /To: reza@example\.org/);

    // The same member with an extension that has no NIP-44: the app says so and nothing is sent.
    const bare = await env.chrome.newUser();
    await installNip07(bare.context, ext, { signedIn: true });
    await bare.page.goto(`${env.node.httpUrl}/#/intake`);
    await bare.page.getByRole('button', { name: 'Email', exact: true }).click();
    await bare.page.getByTestId('intake-item').filter({ hasText: 'Qom: shops closed' }).click();
    const again = bare.page.getByTestId('intake-review');
    await again.getByLabel('Reply to the sender').fill('One more question');
    await again.getByRole('button', { name: 'Send reply' }).click();
    await again.getByRole('status').filter({ hasText: 'cannot open the sealed contact details' }).waitFor();
    assert.equal(relayed.length, before + 1);
  });
});
