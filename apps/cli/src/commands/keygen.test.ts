import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPublicKey } from 'nostr-tools/pure';
import { decrypt } from 'nostr-tools/nip49';
import { cli, hasTerminal, onTerminal } from '../testing.js';

const field = (out: string, name: string) => out.match(new RegExp(`^${name}\\s+(\\S+)$`, 'm'))?.[1] ?? '';

/** The ncryptsec in a keygen run's output decrypts with `passphrase` to the printed pubkey. */
function assertEncryptedWith(stdout: string, passphrase: string): void {
  assert.ok(!stdout.includes('nsec1'));
  assert.equal(getPublicKey(decrypt(field(stdout, 'ncryptsec'), passphrase)), field(stdout, 'pubkey'));
}

test('keygen --passphrase alone reads the first line of piped stdin', async () => {
  const run = await cli(['keygen', '--passphrase', '--log-n', '8'], { stdin: 'correct horse\nsecond line\n' });
  assert.equal(run.code, 0, run.stderr);
  assertEncryptedWith(run.stdout, 'correct horse');
  const noNewline = await cli(['keygen', '--passphrase'], { stdin: 'battery staple' });
  assertEncryptedWith(noNewline.stdout, 'battery staple');
});

test('keygen --passphrase=TEXT still works; --help warns that it is visible', async () => {
  const run = await cli(['keygen', '--passphrase=a b c', '--log-n', '8']);
  assert.equal(run.code, 0, run.stderr);
  assertEncryptedWith(run.stdout, 'a b c');
  assert.match((await cli(['keygen', '--help'])).stdout, /--passphrase\[=TEXT\] .*visible to other users/);
});

test('keygen --passphrase with nothing to read says so in one line, exit 2', async () => {
  for (const stdin of ['', '\n']) {
    const run = await cli(['keygen', '--passphrase'], { stdin });
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
    assert.match(
      run.stderr,
      stdin
        ? /^lifeline keygen: the passphrase is empty$/m
        : /^lifeline keygen: no passphrase: standard input is empty or closed; type it on a terminal/m,
    );
  }
});

test('on a terminal, keygen --passphrase asks twice without echo and refuses a mismatch', {
  skip: !hasTerminal && 'util-linux script is not installed',
}, async () => {
  const ok = await onTerminal(['keygen', '--passphrase', '--log-n', '8'], ['typed words', 'typed words']);
  assert.equal(ok.code, 0, ok.output);
  assert.ok(!ok.output.includes('typed words'), 'the passphrase is not echoed');
  assertEncryptedWith(ok.output, 'typed words');
  const differ = await onTerminal(['keygen', '--passphrase'], ['one', 'two']);
  assert.equal(differ.code, 2);
  assert.match(differ.output, /the two passphrases differ/);
  assert.doesNotMatch(differ.output, /ncryptsec|nsec1/);
});
