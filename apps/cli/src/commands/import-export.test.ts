import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaults, type Config } from '@lifeline/config';
import { openCore } from '@lifeline/node';
import { keys, signed, tempDir } from '@lifeline/testkit';
import { cli } from '../testing.js';

const root = tempDir('lifeline-cli-io-');
after(() => rmSync(root, { recursive: true, force: true }));

const config = (data: string): Config => ({ ...defaults(), logLevel: 'silent', data });
const author = keys();
const note = (i: number) =>
  signed(author, { kind: 1, created_at: 1_600_000_000 + i, tags: [['t', 'x']], content: `note ${i} سلام` });

/** Every stored event's JSON in a data directory, sorted for comparison. */
async function storedJson(data: string): Promise<string[]> {
  const core = await openCore(config(data));
  const out: string[] = [];
  for await (const e of core.store.iterate()) out.push(e.json);
  await core.close();
  return out.sort();
}

test('export then import into a fresh data directory round-trips every event', async () => {
  const a = join(root, 'a');
  const core = await openCore(config(a));
  for (let i = 0; i < 300; i++) assert.ok((await core.relay.addEvent(note(i), { source: 'import' })).ok);
  await core.close();

  const file = join(root, 'a.jsonl');
  const exp = await cli(['export', '--data', a, '--out', file]);
  assert.equal(exp.code, 0, exp.stderr);
  assert.match(exp.stderr, /exported 300 events/);
  const viaStdout = await cli(['export', '--data', a]);
  assert.equal(viaStdout.stdout, readFileSync(file, 'utf8'));

  const b = join(root, 'b');
  const imp = await cli(['import', file, '--data', b]);
  assert.equal(imp.code, 0, imp.stderr);
  assert.match(imp.stderr, /300 accepted, 0 duplicates, 0 rejected, 0 malformed/);
  assert.deepEqual(await storedJson(b), await storedJson(a));

  const again = await cli(['import', '--data', b], { stdin: readFileSync(file, 'utf8') });
  assert.match(again.stderr, /0 accepted, 300 duplicates/);
});

test('a malformed line is reported with its line number and the rest are imported', async () => {
  const forged = { ...note(1000), content: 'tampered' };
  const lines = [JSON.stringify(note(1)), '{not json', '', JSON.stringify(forged), JSON.stringify(note(2))];
  const file = join(root, 'bad.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const c = join(root, 'c');
  const run = await cli(['import', file, '--data', c]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /read 5 lines: 2 accepted, 0 duplicates, 1 rejected, 1 malformed/);
  assert.match(run.stderr, /line 2: malformed JSON/);
  assert.match(run.stderr, /line 4: invalid: /);
  assert.equal((await storedJson(c)).length, 2);
});

test('import reports an unreadable file and bad settings with exit 2', async () => {
  const missing = await cli(['import', join(root, 'nope.jsonl'), '--data', join(root, 'd')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read/);
  const badFlag = await cli(['export', '--data', join(root, 'd'), '--bogus', '1']);
  assert.equal(badFlag.code, 2);
  assert.match(badFlag.stderr, /unknown option --bogus/);
});
