import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { npubEncode, nsecEncode } from 'nostr-tools/nip19';
import { encrypt } from 'nostr-tools/nip49';
import { UsageError, parseArgs } from '../args.js';
import { askPassphrase } from '../prompt.js';
import type { Command } from './command.js';

/** `lifeline keygen`: a fresh key pair, the secret shown as nsec or NIP-49 ncryptsec. */
export const keygen: Command = {
  usage: 'keygen [--passphrase] [--log-n N]',
  about: `Prints the public key (npub and hex) and the secret key. With --passphrase the secret is
printed NIP-49 encrypted (ncryptsec) instead of as an nsec: the passphrase is typed twice without
echo on a terminal, or read as the first line of standard input when that is not a terminal
(lifeline keygen --passphrase < file).`,
  flags: {
    passphrase: {
      kind: 'string',
      value: 'TEXT',
      optional: true,
      description:
        'encrypt the secret key; alone, asks for the passphrase (TEXT on the command line is visible to other users in ps and kept in shell history)',
    },
    'log-n': {
      kind: 'string',
      value: 'N',
      description: 'scrypt cost, 1 to 22 (default 16; each step doubles the time to guess)',
    },
  },
  async run(argv, io) {
    const { flags, positional, rest } = parseArgs(argv, this.flags);
    if (positional.length || rest.length) throw new UsageError(`unexpected argument ${[...positional, ...rest][0]}`);
    const logN = Number(flags['log-n'] ?? 16);
    if (!Number.isInteger(logN) || logN < 1 || logN > 22)
      throw new UsageError('--log-n must be a whole number from 1 to 22');
    const passphrase = flags.passphrase === true ? await askPassphrase(true) : (flags.passphrase as string | undefined);
    const sk = generateSecretKey();
    const pk = getPublicKey(sk);
    io.out(`npub       ${npubEncode(pk)}`);
    io.out(`pubkey     ${pk}`);
    if (passphrase !== undefined) io.out(`ncryptsec  ${encrypt(sk, passphrase, logN)}`);
    else io.out(`nsec       ${nsecEncode(sk)}`);
    return 0;
  },
};
