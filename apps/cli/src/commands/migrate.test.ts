import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaults, type Config } from '@lifeline/config';
import { openCore } from '@lifeline/node';
import { keys, signed, tempDir, waitFor } from '@lifeline/testkit';
import { sharedPostgres } from '@lifeline/testkit/postgres';
import { cli } from '../testing.js';

const root = tempDir('lifeline-cli-migrate-');
after(() => rmSync(root, { recursive: true, force: true }));

const config = (data: string, databaseUrl = ''): Config => ({ ...defaults(), logLevel: 'silent', data, databaseUrl });

/** Every stored event's JSON, sorted, from a SQLite data directory or a PostgreSQL database. */
async function storedJson(data: string, databaseUrl = ''): Promise<string[]> {
  const core = await openCore(config(data, databaseUrl));
  const out: string[] = [];
  for await (const e of core.store.iterate()) out.push(e.json);
  await core.close();
  return out.sort();
}

test('migrate copies a SQLite node into PostgreSQL, deletions included, and a second run copies only what is new', async () => {
  const data = join(root, 'node');
  const author = keys();
  const core = await openCore(config(data));
  const notes = Array.from({ length: 40 }, (_, i) =>
    signed(author, { created_at: 1_600_000_000 + i, content: `گزارش ${i}`, tags: [['t', 'tehran']] }),
  );
  const profile1 = signed(author, { kind: 0, created_at: 1_600_000_000, content: '{"name":"a"}' });
  const profile2 = signed(author, { kind: 0, created_at: 1_600_000_100, content: '{"name":"b"}' });
  const deletion = signed(author, { kind: 5, created_at: 1_600_000_200, tags: [['e', notes[3]!.id]] });
  for (const e of [...notes, profile1, profile2, deletion])
    assert.ok((await core.relay.addEvent(e, { source: 'import' })).ok);
  await core.close();

  const url = await (await sharedPostgres()).createDatabase('migrate');
  const run = await cli(['migrate', '--from', data, '--to', url]);
  assert.equal(run.code, 0, run.stderr);
  // 39 notes, the newer profile and the deletion request.
  assert.match(run.stderr, /copied 41 events, 0 already there, 0 refused/);
  assert.deepEqual(await storedJson(data, url), await storedJson(data));
  const target = await openCore(config(data, url));
  try {
    assert.equal(await target.store.refuses(notes[3]!), true, 'the deletion is in force in the target');
    assert.equal(await target.store.count([{ search: 'گزارش' }]), 39);
  } finally {
    await target.close();
  }

  // The other commands read the PostgreSQL node too.
  const exported = await cli(['export', '--data', join(root, 'pg-node'), '--database-url', url]);
  assert.equal(exported.code, 0, exported.stderr);
  assert.deepEqual(exported.stdout.trim().split('\n').sort(), await storedJson(data));

  const more = await openCore(config(data));
  const late = signed(author, { created_at: 1_600_000_300, content: 'later' });
  assert.ok((await more.relay.addEvent(late, { source: 'import' })).ok);
  await more.close();
  const again = await cli(['migrate', '--from', data, '--to', url]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /resuming after 41 of 42 events/);
  assert.match(again.stderr, /copied 1 events, 0 already there/);
  assert.deepEqual(await storedJson(data, url), await storedJson(data));
});

test('an interrupted migrate resumes where it stopped and ends with the same events', async () => {
  const data = join(root, 'big');
  const core = await openCore(config(data));
  const people = Array.from({ length: 20 }, () => keys());
  for (let i = 0; i < 2000; i += 500) {
    // Real signatures: the target checks them again.
    const batch = Array.from({ length: 500 }, (_, j) =>
      signed(people[(i + j) % 20]!, { created_at: 1_600_000_000 + i + j, content: `n${i + j}` }),
    );
    await Promise.all(batch.map((e) => core.relay.addEvent(e, { source: 'import' })));
  }
  await core.close();
  const url = await (await sharedPostgres()).createDatabase('migrate');
  const main = fileURLToPath(new URL('../main.js', import.meta.url));
  const child = spawn(process.execPath, [main, 'migrate', '--from', data, '--to', url], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Killed hard once the first pages are committed.
  await waitFor(() => readdirSync(data).some((f) => f.startsWith('migrate-') && f.endsWith('.json')), 'a checkpoint', {
    timeoutMs: 30_000,
  });
  child.kill('SIGKILL');
  await exited;
  const partial = (await storedJson(data, url)).length;
  assert.ok(partial > 0 && partial < 2000, `interrupted part way (${partial})`);
  const rest = await cli(['migrate', '--from', data, '--to', url]);
  assert.equal(rest.code, 0, rest.stderr);
  assert.match(rest.stderr, /resuming after [\d,]+ of 2,000 events/);
  assert.deepEqual(await storedJson(data, url), await storedJson(data));
  assert.ok(existsSync(data));
});

test('migrate refuses a directory without a node and a URL that is not PostgreSQL', async () => {
  const empty = tempDir('lifeline-cli-migrate-empty-');
  try {
    const none = await cli(['migrate', '--from', empty, '--to', 'postgres://127.0.0.1:1/x']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /holds no Lifeline node/);
    const missing = await cli(['migrate', '--from', empty]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /give both --from DATA_DIR and --to/);
    const node = join(root, 'node');
    const http = await cli(['migrate', '--from', node, '--to', 'http://127.0.0.1/x']);
    assert.equal(http.code, 2);
    assert.match(http.stderr, /expected a URL starting with postgres:\/\/ or postgresql:\/\//);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
