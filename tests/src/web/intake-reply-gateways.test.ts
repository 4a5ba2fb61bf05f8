import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { npubEncode } from 'nostr-tools/nip19';
import twilio from 'twilio';
import { keys, startTelnyxStandIn, startTwilioStandIn } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import type { AppUser } from './app-user.js';
import { signUpDeskMember } from './desk-member.js';
import { webDir } from '../web-dir.js';

/*
 * The review queue's reply box in Chromium for SMS and fax: the member's device opens the sealed
 * number with NIP-44, and the node sends the reply through Twilio's Messages API (in Persian) or
 * as a fax page through Telnyx (in English). Local servers stand for Twilio and Telnyx.
 */

const SID = `AC${'3'.repeat(32)}`;
const TOKEN = 'twilio-token-for-web-tests';
const TELNYX_KEY = 'KEY-telnyx-web';

describe('the review queue in Chromium: reply by SMS (Persian) and by fax (English)', async () => {
  const owner = keys();
  const twilioApi = await startTwilioStandIn(SID, TOKEN);
  const telnyx = await startTelnyxStandIn(TELNYX_KEY);
  after(() => Promise.all([twilioApi.close(), telnyx.close()]));
  const env = nodeSuite({
    browser: true,
    client: true,
    node: {
      webDir,
      desk: npubEncode(owner.pk),
      intakeTwilioAuthToken: TOKEN,
      intakeTwilioAccountSid: SID,
      intakeTwilioFrom: '+15550001111',
      intakeTwilioApiUrl: twilioApi.url,
      intakeTelnyxApiKey: TELNYX_KEY,
      intakeTelnyxConnectionId: 'fax-app-web',
      intakeTelnyxFrom: '+15550002222',
      intakeTelnyxApiUrl: telnyx.url,
    },
  });
  let user: AppUser | undefined;
  const member = async () => {
    if (user) return user;
    user = (await signUpDeskMember(env, owner)).user;
    return user;
  };

  test('fa: an SMS that came through Twilio is answered through Twilio', async () => {
    const u = await member();
    const url = `${env.node.httpUrl}/api/intake/sms/twilio`;
    const body = 'ماموران در ورودی دانشگاه تهران ایستاده‌اند';
    const form = {
      MessageSid: 'SMw1',
      AccountSid: SID,
      From: '+989121112233',
      To: '+15550001111',
      Body: body,
      NumMedia: '0',
    };
    const res = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { 'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, url, form) },
    });
    assert.equal(res.status, 200);
    const page = u.page;
    await u.go('#/intake');
    await page.getByLabel('Language / زبان').first().selectOption('fa');
    await page.getByRole('button', { name: 'پیامک', exact: true }).click();
    await page
      .getByTestId('intake-item')
      .filter({ hasText: body.slice(0, 20) })
      .click();
    const review = page.getByTestId('intake-review');
    const reply = 'پیامتان رسید، سپاس. مراقب خودتان باشید.';
    await review.getByLabel('پاسخ به فرستنده').fill(reply);
    await review.getByRole('button', { name: 'فرستادن پاسخ' }).click();
    await review.getByRole('status').filter({ hasText: 'پاسخ فرستاده شد.' }).waitFor();
    assert.deepEqual(twilioApi.sent, [{ To: '+989121112233', From: '+15550001111', Body: reply }]);
    const thread = env.node.intake!.store.list({ limit: 10, channel: 'sms' }).messages;
    assert.ok(thread.some((m) => m.direction === 'out' && m.text === reply));
    assert.ok(!JSON.stringify(thread).includes('9121112233'));
  });

  test('en: a fax that came by modem is answered by fax', async () => {
    const u = await member();
    await env.node.intake!.intake.receive({
      channel: 'fax',
      via: 'hylafax',
      address: '+98 21 5550 0199',
      contact: {},
      text: 'Fax: strike at the Tehran bazaar, shops closed',
      attachments: [],
    });
    const page = u.page;
    await u.go('#/intake');
    await page.getByLabel('Language / زبان').first().selectOption('en');
    await page.getByRole('button', { name: 'Fax', exact: true }).click();
    await page.getByTestId('intake-item').filter({ hasText: 'strike at the Tehran bazaar' }).click();
    const review = page.getByTestId('intake-review');
    await review.getByLabel('Reply to the sender').fill('Thank you. Can you fax a photo of the closed shops?');
    await review.getByRole('button', { name: 'Send reply' }).click();
    await review.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();
    assert.equal(telnyx.faxes.length, 1);
    assert.equal(telnyx.faxes[0]!.to, '+982155500199');
    assert.equal(telnyx.faxes[0]!.pdf.subarray(0, 5).toString(), '%PDF-');
  });
});
