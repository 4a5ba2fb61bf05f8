import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import { npubEncode } from 'nostr-tools/nip19';
import { keys, startDovecot, waitFor } from '@lifeline/testkit';
import { startTestNode } from '@lifeline/testkit/node';

const missing = !existsSync('/usr/sbin/dovecot') ? 'dovecot-imapd' : process.getuid?.() !== 0 ? 'root' : '';
const skip = missing && process.env.CI !== 'true' ? `needs ${missing}` : false;

describe('a node with --intake-imap-url takes mail from a real dovecot at start-up', { skip }, () => {
  test('mail waiting in the mailbox is in the queue, and removed from the mailbox with --intake-imap-delete', async () => {
    const dovecot = await startDovecot();
    const provider = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.pass },
      logger: false,
    });
    await provider.connect();
    await provider.append(
      'INBOX',
      'From: reader@example.org\r\nTo: desk@provider.example\r\nSubject: reader mail\r\n\r\nA reader writes from Shiraz\r\n',
    );
    const node = await startTestNode({
      desk: npubEncode(keys().pk),
      intakeImapUrl: `imap://${dovecot.user}:${dovecot.pass}@127.0.0.1:${dovecot.port}/INBOX`,
      intakeImapDelete: true,
    });
    try {
      await waitFor(() => node.intake!.store.list({ limit: 5 }).messages.length === 1, 'the mail in the queue', {
        timeoutMs: 10_000,
      });
      assert.equal(
        node.intake!.store.list({ limit: 5 }).messages[0]?.text,
        'reader mail\n\nA reader writes from Shiraz',
      );
      await waitFor(
        async () => {
          const s = await provider.status('INBOX', { messages: true });
          return s !== false && s.messages === 0;
        },
        'the mailbox emptied',
        { timeoutMs: 10_000 },
      );
    } finally {
      await node.stop();
      await provider.logout();
      await dovecot.stop();
    }
  });
});
