import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keys, signed, tempDir } from '@lifeline/testkit';
import { cli, hasTerminal, onTerminal } from '../testing.js';

const root = tempDir('lifeline-cli-dirs-');
after(() => rmSync(root, { recursive: true, force: true }));

const author = keys();
const lines = Array.from({ length: 1500 }, (_, i) =>
  JSON.stringify(signed(author, { created_at: 1_600_000_000 + i, content: `note ${i}` })),
);
const backup = join(root, 'backup.jsonl');
writeFileSync(backup, `${lines.join('\n')}\n`);

test('export refuses a directory that holds no node and creates nothing, there or at --out', async () => {
  const missing = join(root, 'typo');
  const run = await cli(['export', '--data', missing, '--out', join(root, 'out.jsonl')]);
  assert.equal(run.code, 2);
  assert.match(
    run.stderr,
    /^lifeline export: .*typo holds no Lifeline node \(no lifeline\.db\); give the node's directory with --data$/m,
  );
  assert.equal(existsSync(missing), false);
  assert.equal(existsSync(join(root, 'out.jsonl')), false);
  const empty = join(root, 'empty');
  mkdirSync(empty);
  assert.equal((await cli(['export', '--data', empty])).code, 2);
  assert.deepEqual(readdirSync(empty), []);
});

test('import creates a node in a new directory, and refuses one that holds other files', async () => {
  const fresh = join(root, 'fresh');
  const created = await cli(['import', backup, '--data', fresh]);
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stderr, /no node in .*fresh yet: creating one/);
  assert.match(created.stderr, /read 1,500 lines: 1,500 accepted/);
  const again = await cli(['import', backup, '--data', fresh]);
  assert.doesNotMatch(again.stderr, /creating one/);
  const elsewhere = join(root, 'documents');
  mkdirSync(elsewhere);
  writeFileSync(join(elsewhere, 'letter.txt'), 'hello');
  const refused = await cli(['import', backup, '--data', elsewhere]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /documents holds no Lifeline node \(no lifeline\.db\) but other files/);
  assert.deepEqual(readdirSync(elsewhere), ['letter.txt']);
});

test('on a terminal, import of a file and export show the share done', {
  skip: !hasTerminal && 'util-linux script is not installed',
}, async () => {
  const data = join(root, 'shown');
  const imported = await onTerminal(['import', backup, '--data', data]);
  assert.equal(imported.code, 0, imported.output);
  // The last redraw, at the end: every byte of the file read.
  assert.match(imported.output, /lines 1,500 \(100%\) {2}[\d,]+\/s/);
  const exported = await onTerminal(['export', '--data', data, '--out', join(root, 'shown.jsonl')]);
  assert.equal(exported.code, 0, exported.output);
  assert.match(exported.output, /exported 1,500\/1,500 \(100%\) {2}[\d,]+\/s/);
  assert.match(exported.output, /exported 1,500 events to /);
});
