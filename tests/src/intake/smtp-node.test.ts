import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { npubEncode } from 'nostr-tools/nip19';
import nodemailer from 'nodemailer';
import { freePort, httpAuth, keys, selfSignedCert } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';

describe('a node with --smtp-port: mail to the intake address reaches the review queue', async () => {
  const owner = keys();
  const tls = selfSignedCert();
  const smtpPort = await freePort();
  const env = nodeSuite({
    node: {
      desk: npubEncode(owner.pk),
      smtpPort,
      intakeAddresses: 'tips@desk.example, fax@desk.example',
      smtpTlsKey: tls.keyPath,
      smtpTlsCert: tls.certPath,
    },
  });

  test('sent over STARTTLS, listed for the member without the address', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtpPort,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
    });
    await transport.sendMail({
      from: 'Sara <sara@example.org>',
      to: 'fax@desk.example',
      subject: 'Report',
      text: 'Road to Evin blocked',
    });
    transport.close();
    const url = `${env.node.httpUrl}/api/intake/messages?channel=email`;
    const res = await fetch(url, { headers: { authorization: httpAuth(owner, url, 'GET') } });
    const body = (await res.json()) as { messages: Array<{ text: string; status: string }> };
    assert.deepEqual(
      body.messages.map((m) => [m.text, m.status]),
      [['Report\n\nRoad to Evin blocked', 'new']],
    );
    assert.ok(!JSON.stringify(body).includes('sara@example.org'));
  });
});
