import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { npubEncode } from 'nostr-tools/nip19';
import twilio from 'twilio';
import { keys } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';

const cli = fileURLToPath(new URL('../../../apps/cli/dist/main.js', import.meta.url));
const TOKEN = 'twilio-auth-token-for-tests';

describe('SMS: Twilio (signature checked), SMSSync, and gammu-smsd through `lifeline intake sms`', () => {
  const owner = keys();
  const env = nodeSuite({
    node: {
      desk: npubEncode(owner.pk),
      intakeTwilioAuthToken: TOKEN,
      intakeSmsSyncSecret: 'phone-secret',
      intakeLocal: true,
    },
  });
  const texts = () => env.node.intake!.store.list({ limit: 50 }).messages.map((m) => m.text);
  const twilioPost = (form: Record<string, string>, signature: string | undefined) =>
    fetch(`${env.node.httpUrl}/api/intake/sms/twilio`, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: signature === undefined ? {} : { 'x-twilio-signature': signature },
    });

  test("a webhook signed with the account's token is taken; forged or missing signatures are refused", async () => {
    const url = `${env.node.httpUrl}/api/intake/sms/twilio`;
    const form = {
      MessageSid: 'SM123',
      AccountSid: 'AC1',
      From: '+989121234567',
      To: '+15550001111',
      Body: 'گاز اشک‌آور در خیابان آزادی',
      NumMedia: '0',
    };
    const good = twilio.getExpectedTwilioSignature(TOKEN, url, form);
    const res = await twilioPost(form, good);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<Response><\/Response>/);
    assert.equal((await twilioPost(form, undefined)).status, 403);
    assert.equal((await twilioPost(form, twilio.getExpectedTwilioSignature('wrong-token', url, form))).status, 403);
    assert.equal((await twilioPost({ ...form, Body: 'tampered' }, good)).status, 403);
    assert.deepEqual(texts(), ['گاز اشک‌آور در خیابان آزادی']);
    const m = env.node.intake!.store.list({ limit: 1 }).messages[0];
    assert.equal(m.channel, 'sms');
    assert.ok(!JSON.stringify(m).includes('9121234567'));
  });

  test('SMSSync: the right secret is answered success, a wrong one 403 and nothing stored', async () => {
    const post = (secret: string) =>
      fetch(`${env.node.httpUrl}/api/intake/sms/smssync`, {
        method: 'POST',
        body: new URLSearchParams({
          from: '+989350000000',
          message: 'via SMSSync',
          message_id: 'm1',
          sent_to: '+15550002222',
          secret,
          sent_timestamp: '1700000000000',
          device_id: '1',
        }),
      });
    const ok = await post('phone-secret');
    assert.deepEqual(await ok.json(), { payload: { success: true, error: null } });
    const bad = await post('guess');
    assert.equal(bad.status, 403);
    assert.equal(((await bad.json()) as { payload: { success: boolean } }).payload.success, false);
    assert.equal(texts().filter((t) => t === 'via SMSSync').length, 1);
  });

  test('gammu-smsd RunOnReceive: `lifeline intake sms` hands the decoded message over', async () => {
    const run = await promisify(execFile)(
      process.execPath,
      [cli, 'intake', 'sms', '--data', env.node.dataDir, '--url', env.node.httpUrl],
      {
        env: {
          ...process.env,
          SMS_MESSAGES: '2',
          SMS_1_NUMBER: '+989120001111',
          SMS_1_TEXT: 'long ',
          SMS_2_NUMBER: '+989120001111',
          SMS_2_TEXT: 'message',
          DECODED_PARTS: '1',
          DECODED_1_TEXT: 'long message from gammu',
        },
      },
    );
    assert.match(run.stderr, /handed 1 message/);
    assert.equal(texts()[0], 'long message from gammu');
    const refused = await fetch(`${env.node.httpUrl}/api/intake/local`, {
      method: 'POST',
      headers: { authorization: 'Bearer not-the-token' },
      body: JSON.stringify({ channel: 'sms', address: '+1', text: 'x' }),
    });
    assert.equal(refused.status, 401);
  });
});
