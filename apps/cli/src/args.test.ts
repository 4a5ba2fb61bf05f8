import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError, parseArgs } from './args.js';

test('own flags are taken out; node settings keep their values in rest', () => {
  const r = parseArgs(['backup.jsonl', '--data', './d', '--out=x', '--port', '9000'], { out: 'string' });
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
  const r = parseArgs(['--relay', 'a', '--ask', '--relay=b', '--', '--not-a-flag'], { relay: 'list', ask: 'boolean' });
  assert.deepEqual(r.flags, { relay: ['a', 'b'], ask: true });
  assert.deepEqual(r.positional, ['--not-a-flag']);
  assert.throws(() => parseArgs(['--relay'], { relay: 'list' }), UsageError);
  assert.throws(() => parseArgs(['--ask=1'], { ask: 'boolean' }), UsageError);
});
