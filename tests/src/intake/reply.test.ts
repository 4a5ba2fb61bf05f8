import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { npubEncode } from 'nostr-tools/nip19';
import * as nip44 from 'nostr-tools/nip44';
import nodemailer from 'nodemailer';
import { startSmtpIntake } from '@lifeline/intake';
import { freePort, keys, nip98Api } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';

describe('replies go back the way a message came, to the thread sender only', async () => {
  const owner = keys();
  // The operator's mail relay: a real SMTP server that keeps what it is given.
  const relayed: Buffer[] = [];
  const relay = await startSmtpIntake({
    host: '127.0.0.1',
    port: 0,
    addresses: ['sara@example.org'],
    maxBytes: 1 << 20,
    onMessage: async (raw) => void relayed.push(raw),
  });
  after(() => relay.close());
  const smtpPort = await freePort();
  const env = nodeSuite({
    node: {
      desk: npubEncode(owner.pk),
      smtpPort,
      intakeAddresses: 'tips@desk.example',
      intakeSmsSyncSecret: 'phone-secret',
      intakeReplySmtpUrl: `smtp://127.0.0.1:${relay.port}`,
    },
  });
  const api = nip98Api(() => env.node.httpUrl, owner);
  const opened = async (id: string) => {
    const { body } = await api('GET', `/api/intake/messages/${id}`);
    return JSON.parse(nip44.decrypt(body.contact.nip44, nip44.getConversationKey(owner.sk, body.contact.pubkey))) as {
      address: string;
    };
  };

  test('email: the member opens the address and replies through the relay; another address is refused', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, ignoreTLS: true });
    await transport.sendMail({
      from: 'Sara <sara@example.org>',
      to: 'tips@desk.example',
      subject: 'Evin',
      text: 'Can you confirm?',
    });
    transport.close();
    const m = (await api('GET', '/api/intake/messages?channel=email')).body.messages[0];
    const { address } = await opened(m.id);
    assert.equal(
      (await api('POST', `/api/intake/messages/${m.id}/reply`, { text: 'Thank you', address: 'someone@else.org' }))
        .status,
      400,
    );
    const res = await api('POST', `/api/intake/messages/${m.id}/reply`, {
      text: 'Thank you, we are checking.',
      address,
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.message.direction, 'out');
    assert.equal(relayed.length, 1);
    assert.match(relayed[0].toString(), /To: sara@example\.org/);
    assert.match(relayed[0].toString(), /Thank you, we are checking\./);
    const thread = (await api('GET', `/api/intake/messages?sender=${m.sender}`)).body.messages;
    assert.deepEqual(
      thread.map((x: { direction: string }) => x.direction),
      ['out', 'in'],
    );
    assert.ok(!JSON.stringify(thread).includes('sara@example.org'));
  });

  test('SMSSync: the reply waits for the phone, which collects it once', async () => {
    await fetch(`${env.node.httpUrl}/api/intake/sms/smssync`, {
      method: 'POST',
      body: new URLSearchParams({ from: '+989351112222', message: 'water cannon on Vali Asr', secret: 'phone-secret' }),
    });
    const m = (await api('GET', '/api/intake/messages?channel=sms')).body.messages[0];
    const { address } = await opened(m.id);
    assert.equal(
      (await api('POST', `/api/intake/messages/${m.id}/reply`, { text: 'Received, stay safe', address })).status,
      200,
    );
    const poll = (secret: string) => fetch(`${env.node.httpUrl}/api/intake/sms/smssync?task=send&secret=${secret}`);
    assert.equal((await poll('wrong')).status, 403);
    const task = (await (await poll('phone-secret')).json()) as {
      payload: { messages: Array<{ to: string; message: string }> };
    };
    assert.deepEqual(
      task.payload.messages.map((x) => [x.to, x.message]),
      [['+989351112222', 'Received, stay safe']],
    );
    const again = (await (await poll('phone-secret')).json()) as { payload: { messages: unknown[] } };
    assert.equal(again.payload.messages.length, 0);
  });
});
