import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ImapFlow } from 'imapflow';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { startDovecot, tempDir, type TestDovecot } from '@lifeline/testkit';
import { Intake } from '../intake.js';
import { openContact } from '../seal.js';
import { IntakeStore } from '../store.js';
import { deliverEmail } from './deliver.js';
import { startImapPoll } from './imap.js';

// Debian dovecot-imapd, run as root (it switches to its own users): in CI a missing one fails the test.
const missing = !existsSync('/usr/sbin/dovecot') ? 'dovecot-imapd' : process.getuid?.() !== 0 ? 'root' : '';
const skip = missing && process.env.CI !== 'true' ? `needs ${missing}` : false;

describe('IMAP pull (imapflow) from a real dovecot', { skip }, () => {
  let dovecot: TestDovecot;
  let provider: ImapFlow;
  const member = generateSecretKey();
  const store = new IntakeStore(tempDir());
  const intake = new Intake({
    store,
    secret: new Uint8Array(32).fill(2),
    members: async () => [getPublicKey(member)],
    images: { types: new Set(['image/png']), maxPixels: 1e7 },
  });
  const mail = (from: string, subject: string, body: string) =>
    `From: ${from}\r\nTo: desk@provider.example\r\nSubject: ${subject}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nReceived: from home-router (203.0.113.9)\r\n\r\n${body}\r\n`;
  const poller = (deleteAfter = false) =>
    startImapPoll({
      url: `imap://${dovecot.user}:${dovecot.pass}@127.0.0.1:${dovecot.port}/INBOX`,
      intervalMs: 3_600_000,
      maxBytes: 16 * 1024,
      deleteAfter,
      cursor: { get: () => store.getState('imap'), set: (v) => store.setState('imap', v) },
      onMessage: (raw) => deliverEmail(intake)(raw, ''),
      onError: (m) => assert.fail(m),
    });

  before(async () => {
    dovecot = await startDovecot();
    provider = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.pass },
      logger: false,
    });
    await provider.connect();
  });
  after(async () => {
    await provider?.logout();
    await dovecot?.stop();
    store.close();
  });

  test('new mail is taken once, oversized mail skipped, and the cursor survives a restart', async () => {
    await provider.append('INBOX', mail('sara@example.org', 'گزارش', 'نیروها در خیابان انقلاب'));
    await provider.append('INBOX', mail('big@example.org', 'huge', 'x'.repeat(40_000)));
    await provider.append('INBOX', mail('omid@example.org', 'Evin', 'Families waiting outside Evin'));
    const first = poller();
    assert.deepEqual(await first.pollNow(), { taken: 2, skipped: 1 });
    assert.deepEqual(await first.pollNow(), { taken: 0, skipped: 0 });
    await first.close();
    await provider.append('INBOX', mail('sara@example.org', 'again', 'second from Sara'));
    const second = poller();
    assert.deepEqual(await second.pollNow(), { taken: 1, skipped: 0 });
    await second.close();
    const msgs = store.list({ limit: 10 }).messages;
    assert.deepEqual(
      msgs.map((m) => m.text),
      ['again\n\nsecond from Sara', 'Evin\n\nFamilies waiting outside Evin', 'گزارش\n\nنیروها در خیابان انقلاب'],
    );
    assert.equal(msgs[0]?.sender, msgs[2]?.sender, "Sara's thread");
    const contact = openContact(store.contact(msgs[1]?.id as string)!, member);
    assert.equal(contact.address, 'omid@example.org');
    assert.match(JSON.stringify(contact.received), /203\.0\.113\.9/);
  });

  test('with delete-after, the provider keeps no copy', async () => {
    await provider.append('INBOX', mail('x@example.org', 'gone', 'take and delete'));
    const p = poller(true);
    assert.deepEqual(await p.pollNow(), { taken: 1, skipped: 0 });
    await p.close();
    const box = await provider.status('INBOX', { messages: true });
    assert.equal(box ? box.messages : -1, 4, 'only the message taken with delete-after is gone');
  });
});
