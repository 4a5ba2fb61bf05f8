import { finalizeEvent } from 'nostr-tools/pure';
import { TEXT_NOTE_KIND, nowSeconds, type NostrEvent } from '@lifeline/nostr';
import { UsageError, parseArgs } from '../args.js';
import { hashtagTags } from '../hashtags.js';
import { isEncryptedKey, parseSecretKey } from '../keys.js';
import { askPassphrase } from '../prompt.js';
import { publishTo } from '../publish.js';
import type { Command } from './command.js';

/** `lifeline post`: signs a short note and publishes it to every given relay. */
export const post: Command = {
  usage: 'post --relay URL [options] TEXT',
  about: `Signs a kind-1 note (hashtags become "t" tags) and publishes it to each relay, printing each
relay's answer. Prefer the LIFELINE_KEY environment variable (and LIFELINE_PASSPHRASE) to the
flags, so the secret stays out of shell history. The passphrase of an ncryptsec given without one
is asked for on the terminal, or read as the first line of standard input. Each relay gets 10
seconds. Exits 1 when no relay accepted the note.`,
  flags: {
    relay: { kind: 'list', value: 'URL', description: 'a relay to publish to (ws:// or wss://)' },
    key: { kind: 'string', value: 'KEY', description: 'the secret key: nsec, ncryptsec or 64 hex characters' },
    passphrase: { kind: 'string', value: 'TEXT', description: 'the passphrase of an ncryptsec key' },
  },
  async run(argv, io) {
    const { flags, positional, rest } = parseArgs(argv, this.flags);
    if (rest.length) throw new UsageError(`unknown option ${rest[0]}`);
    const relays = (flags.relay as string[] | undefined) ?? [];
    if (!relays.length) throw new UsageError('give at least one --relay ws://…');
    const text = positional.join(' ');
    if (!text.trim()) throw new UsageError('nothing to post: give the note text');
    const key = (flags.key as string | undefined) ?? process.env.LIFELINE_KEY;
    if (!key) throw new UsageError('give a secret key with --key or LIFELINE_KEY');
    let passphrase = (flags.passphrase as string | undefined) ?? process.env.LIFELINE_PASSPHRASE;
    if (isEncryptedKey(key) && passphrase === undefined) passphrase = await askPassphrase(false);
    const sk = parseSecretKey(key, passphrase);

    const event = finalizeEvent(
      { kind: TEXT_NOTE_KIND, created_at: nowSeconds(), tags: hashtagTags(text), content: text },
      sk,
    ) as NostrEvent;
    const results = await Promise.all(relays.map((r) => publishTo(r, event)));
    for (const r of results) io.out(`${r.relay}  ${r.ok ? 'OK' : 'FAILED'}${r.message ? `  ${r.message}` : ''}`);
    io.out(`id ${event.id}`);
    return results.some((r) => r.ok) ? 0 : 1;
  },
};
