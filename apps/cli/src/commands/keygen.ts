import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { npubEncode, nsecEncode } from 'nostr-tools/nip19';
import { encrypt } from 'nostr-tools/nip49';
import { UsageError, parseArgs } from '../args.js';
import { readSecret } from '../prompt.js';
import type { Command } from './command.js';

/** `lifeline keygen`: a fresh key pair, the secret shown as nsec or NIP-49 ncryptsec. */
export const keygen: Command = {
  help: `usage: lifeline keygen [--passphrase TEXT | --ask] [--log-n N]

Prints the public key (npub and hex) and the secret key. With --passphrase, or --ask to type it
without echo, the secret is printed NIP-49 encrypted (ncryptsec) instead of as an nsec.
--log-n sets the scrypt cost (default 16; each step doubles the time to guess a passphrase).`,
  async run(argv, io) {
    const { flags, positional, rest } = parseArgs(argv, { passphrase: 'string', ask: 'boolean', 'log-n': 'string' });
    if (positional.length || rest.length) throw new UsageError(`unexpected argument ${[...positional, ...rest][0]}`);
    const logN = Number(flags['log-n'] ?? 16);
    if (!Number.isInteger(logN) || logN < 1 || logN > 22) throw new UsageError('--log-n must be a whole number from 1 to 22');
    let passphrase = flags.passphrase as string | undefined;
    if (flags.ask) {
      passphrase = await readSecret('passphrase: ');
      if ((await readSecret('again: ')) !== passphrase) throw new UsageError('the passphrases differ');
    }
    const sk = generateSecretKey();
    const pk = getPublicKey(sk);
    io.out(`npub       ${npubEncode(pk)}`);
    io.out(`pubkey     ${pk}`);
    if (passphrase !== undefined) io.out(`ncryptsec  ${encrypt(sk, passphrase, logN)}`);
    else io.out(`nsec       ${nsecEncode(sk)}`);
    return 0;
  },
};
