import { ImapFlow } from 'imapflow';

/** Where and how to poll a mailbox. */
export interface ImapPollOptions {
  /** `imaps://user:pass@host[:993]/Mailbox` (TLS) or `imap://…` (STARTTLS when offered); the path names the mailbox (default INBOX). */
  url: string;
  intervalMs: number;
  /** Largest message fetched; larger ones are skipped (and counted). */
  maxBytes: number;
  /** Expunge each message from the mailbox once it is in the queue, so the provider keeps no copy. */
  deleteAfter: boolean;
  /** The saved cursor: `<uidValidity>:<last uid taken>`. */
  cursor: { get(): string | undefined; set(value: string): void };
  /** Takes one raw message; throwing stops this poll (the message is fetched again next time). */
  onMessage: (raw: Buffer) => Promise<void>;
  onError: (message: string) => void;
}

/** A running poller. */
export interface ImapPoll {
  /** Polls now; resolves when the round is done (tests, and the first round at start). */
  pollNow(): Promise<{ taken: number; skipped: number }>;
  close(): Promise<void>;
}

/**
 * Pulls mail from an existing mailbox (imapflow), as Ushahidi does: a UID cursor per mailbox,
 * saved after each message, so each message enters the queue once even across restarts; a new
 * UIDVALIDITY starts over. One connection per round: no session is held open between polls.
 */
export function startImapPoll(opts: ImapPollOptions): ImapPoll {
  const url = new URL(opts.url);
  const secure = url.protocol === 'imaps:';
  if (!secure && url.protocol !== 'imap:') throw new Error('the IMAP URL must start with imap:// or imaps://');
  const mailbox = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
  let running: Promise<{ taken: number; skipped: number }> | undefined;
  let closed = false;

  const round = async () => {
    const client = new ImapFlow({
      host: url.hostname,
      port: Number(url.port) || (secure ? 993 : 143),
      secure,
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
      logger: false,
    });
    client.on('error', () => undefined);
    let taken = 0;
    let skipped = 0;
    await client.connect();
    try {
      const lock = await client.getMailboxLock(mailbox);
      try {
        const status = client.mailbox;
        const validity = status ? String(status.uidValidity) : '0';
        const [savedValidity, savedUid] = (opts.cursor.get() ?? '').split(':');
        let last = savedValidity === validity ? Number(savedUid) || 0 : 0;
        const todo: Array<{ uid: number; size: number }> = [];
        for await (const m of client.fetch(`${last + 1}:*`, { uid: true, size: true }, { uid: true }))
          if (m.uid > last) todo.push({ uid: m.uid, size: m.size ?? 0 });
        for (const { uid, size } of todo.sort((a, b) => a.uid - b.uid)) {
          if (size > opts.maxBytes) skipped++;
          else {
            const m = await client.fetchOne(String(uid), { source: true }, { uid: true });
            if (m !== false && m.source) await opts.onMessage(m.source);
            taken++;
          }
          last = uid;
          opts.cursor.set(`${validity}:${last}`);
          if (opts.deleteAfter) await client.messageDelete(String(uid), { uid: true });
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
    return { taken, skipped };
  };

  const pollNow = () => {
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    if (!closed) pollNow().catch((e: Error) => opts.onError(e.message));
  }, opts.intervalMs);
  timer.unref();
  return {
    pollNow,
    async close() {
      closed = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
