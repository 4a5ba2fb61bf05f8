import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError, flagsHelp, parseArgs } from './args.js';

test('own flags are taken out; node settings keep their values in rest', () => {
  const r = parseArgs(['backup.jsonl', '--data', './d', '--out=x', '--port', '9000'], {
    out: { kind: 'string', description: 'o' },
  });
  assert.deepEqual(r.flags, { out: 'x' });
  assert.deepEqual(r.positional, ['backup.jsonl']);
  assert.deepEqual(r.rest, ['--data', './d', '--port', '9000']);
});

test('a boolean node setting does not swallow a positional argument', () => {
  const r = parseArgs(['--auth-required', 'file.jsonl', '--no-auth-required', '--auth-required', 'false'], {});
  assert.deepEqual(r.positional, ['file.jsonl']);
  assert.deepEqual(r.rest, ['--auth-required', '--no-auth-required', '--auth-required', 'false']);
});

test('lists repeat, switches take no value, -- ends flags', () => {
  const r = parseArgs(['--relay', 'a', '--ask', '--relay=b', '--', '--not-a-flag'], {
    relay: { kind: 'list', description: 'r' },
    ask: { kind: 'boolean', description: 'a' },
  });
  assert.deepEqual(r.flags, { relay: ['a', 'b'], ask: true });
  assert.deepEqual(r.positional, ['--not-a-flag']);
  assert.throws(() => parseArgs(['--relay'], { relay: { kind: 'list', description: 'r' } }), UsageError);
  assert.throws(() => parseArgs(['--ask=1'], { ask: { kind: 'boolean', description: 'a' } }), UsageError);
});

test('--help lists each declared flag once, with its value and description', () => {
  const help = flagsHelp({
    relay: { kind: 'list', value: 'URL', description: 'a relay' },
    ask: { kind: 'boolean', description: 'prompt' },
  });
  assert.equal(help, '  --relay URL  a relay (repeatable)\n  --ask        prompt');
});

test('inherited object keys are not flags', () => {
  assert.deepEqual(parseArgs(['--toString', 'x'], {}).rest, ['--toString', 'x']);
});

test('a flag with an optional value is true alone, and takes a value attached or next', () => {
  const specs = {
    passphrase: { kind: 'string', value: 'TEXT', optional: true, description: 'p' },
    n: { kind: 'string', description: 'n' },
  } as const;
  assert.deepEqual(parseArgs(['--passphrase'], specs).flags, { passphrase: true });
  assert.deepEqual(parseArgs(['--passphrase', '--n', '8'], specs).flags, { passphrase: true, n: '8' });
  assert.deepEqual(parseArgs(['--passphrase=a b'], specs).flags, { passphrase: 'a b' });
  assert.deepEqual(parseArgs(['--passphrase', 'x'], specs).flags, { passphrase: 'x' });
  assert.deepEqual(parseArgs(['--passphrase='], specs).flags, { passphrase: '' });
  assert.equal(flagsHelp(specs), '  --passphrase[=TEXT]  p\n  --n                  n');
});
