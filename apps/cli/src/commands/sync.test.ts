import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { defaults } from '@lifeline/config';
import { openCore } from '@lifeline/node';
import { keys, signed, tempDir } from '@lifeline/testkit';
import { startTestNode } from '@lifeline/testkit/node';
import { cli } from '../testing.js';

const root = tempDir('lifeline-cli-sync-');
after(() => rmSync(root, { recursive: true, force: true }));
const author = keys();
const note = (i: number, kind = 1) => signed(author, { kind, created_at: 1_650_000_000 + i, content: `sync ${i}` });

test('lifeline sync reconciles the local node with a relay and prints the summary', async () => {
  const remote = await startTestNode();
  const data = join(root, 'local');
  try {
    const theirs = [note(1), note(2), note(3), note(4, 7)];
    for (const e of theirs) assert.ok((await remote.relay.addEvent(e, { source: 'import' })).ok);
    const core = await openCore({ ...defaults(), logLevel: 'silent', data });
    const mine = note(5);
    assert.ok((await core.relay.addEvent(mine, { source: 'import' })).ok);
    await core.close();

    const dry = await cli(['sync', remote.url, '--data', data, '--filter', '{"kinds":[1]}', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stderr, /NIP-77 negentropy/);
    assert.match(dry.stderr, /have \(only here\): 1 {3}need \(only there\): 3/);
    assert.match(dry.stderr, /dry run: nothing copied/);

    const run = await cli(['sync', remote.url, '--data', data, '--filter', '{"kinds":[1]}']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /fetched 3, sent 1, refused 0/);
    assert.match(run.stderr, /bytes: .* up, .* down/);
    assert.equal(await remote.store.has(mine.id), true);
    const local = await openCore({ ...defaults(), logLevel: 'silent', data });
    for (const e of theirs.slice(0, 3)) assert.equal(await local.store.has(e.id), true);
    assert.equal(await local.store.has(theirs[3]!.id), false, 'outside the filter');
    await local.close();

    const bad = await cli(['sync', remote.url, '--data', data, '--direction', 'sideways']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--direction must be down, up or both/);
    const badFilter = await cli(['sync', remote.url, '--data', data, '--filter', '{"kinds":"x"}']);
    assert.equal(badFilter.code, 2);
    assert.match(badFilter.stderr, /--filter: invalid/);
  } finally {
    await remote.stop();
  }
});

test('lifeline sync --into reconciles two relays without a local node', async () => {
  const [a, b] = await Promise.all([startTestNode(), startTestNode()]);
  try {
    const onA = [note(10), note(11)];
    const onB = [note(12)];
    for (const e of onA) assert.ok((await a.relay.addEvent(e, { source: 'import' })).ok);
    for (const e of onB) assert.ok((await b.relay.addEvent(e, { source: 'import' })).ok);
    const run = await cli(['sync', a.url, '--into', b.url]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /have \(only here\): 1 {3}need \(only there\): 2/);
    for (const e of [...onA, ...onB]) {
      assert.equal(await a.store.has(e.id), true);
      assert.equal(await b.store.has(e.id), true);
    }
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});
