import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '@lifeline/testkit';
import { cliPath } from './probes.js';

// Each way a start can fail for a reason the user can fix ends in one line that names the problem
// and what to do, with a non-zero exit: 2 for a bad setting, 1 when the machine says no.

const root = tempDir('lifeline-start-errors-');
const immutable: string[] = [];
after(() => {
  for (const path of immutable) spawnSync('chattr', ['-i', path]);
  rmSync(root, { recursive: true, force: true });
});

/** Runs `lifeline serve` with `args`, which must fail before it listens. */
function serveFails(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [cliPath, 'serve', '--port', '0', '--log-level', 'warn', ...args],
      { timeout: 30_000 },
      (err, _out, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stderr }),
    );
    child.stdin?.end();
  });
}

/** Asserts one line of stderr, no stack trace, the given exit code and message. */
async function expectOneLine(args: string[], code: number, message: RegExp): Promise<void> {
  const run = await serveFails(args);
  assert.equal(run.code, code, run.stderr);
  assert.equal(run.stderr.trimEnd().split('\n').length, 1, `one line: ${run.stderr}`);
  assert.doesNotMatch(run.stderr, /\n\s+at |\[object Object\]/);
  assert.match(run.stderr, message);
}

test('a port in use by another program', async () => {
  const other = createServer().listen(0, '127.0.0.1');
  await once(other, 'listening');
  const { port } = other.address() as { port: number };
  try {
    await expectOneLine(
      ['--port', String(port), '--data', join(root, 'in-use')],
      1,
      new RegExp(`^lifeline serve: port ${port} is in use by another program; choose another with --port$`, 'm'),
    );
  } finally {
    other.close();
  }
});

test('a port out of range is refused by the settings', async () => {
  await expectOneLine(
    ['--port', '99999', '--data', join(root, 'range')],
    2,
    /^lifeline serve: --port: expected a whole number from 0 to 65535, got "99999"$/m,
  );
});

test('an address this machine does not have', async () => {
  // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never assigned to a real interface.
  await expectOneLine(
    ['--host', '192.0.2.1', '--data', join(root, 'host')],
    1,
    /^lifeline serve: cannot listen on 192\.0\.2\.1: .*; check --host$/m,
  );
});

test('a data path that is a file, or lies under one', async () => {
  const file = join(root, 'a-file');
  writeFileSync(file, 'not a directory');
  await expectOneLine(['--data', file], 1, /is a file, not a directory; choose a directory with --data$/m);
  await expectOneLine(['--data', join(file, 'below')], 1, new RegExp(`${file} is a file, not a directory`));
});

test('a data directory where nothing may be created (/proc)', {
  skip: !existsSync('/proc/self') && 'no /proc here',
}, async () => {
  // Node's recursive mkdir loops forever here; the node must answer at once instead.
  await expectOneLine(
    ['--data', '/proc/lifeline-data'],
    1,
    /^lifeline serve: cannot create the directory \/proc\/lifeline-data \(.*\); .* --data$/m,
  );
});

test('a data directory that exists but cannot be written', async (t) => {
  const dir = join(root, 'locked');
  mkdirSync(dir);
  const db = join(root, 'locked-db');
  mkdirSync(db);
  writeFileSync(join(db, 'lifeline.db'), '');
  // Root writes through permissions, so as root the directory is made immutable instead.
  if (process.getuid?.() === 0) {
    if (
      spawnSync('chattr', ['+i', dir]).status !== 0 ||
      spawnSync('chattr', ['+i', join(db, 'lifeline.db')]).status !== 0
    ) {
      return t.skip('running as root where chattr +i is unavailable: no way to make a directory unwritable');
    }
    immutable.push(dir, join(db, 'lifeline.db'));
  } else {
    chmodSync(dir, 0o555);
    chmodSync(join(db, 'lifeline.db'), 0o444);
  }
  await expectOneLine(
    ['--data', dir],
    1,
    new RegExp(
      `^lifeline serve: cannot write in ${dir} \\(.*\\); make it writable for this user or choose another directory with --data$`,
      'm',
    ),
  );
  await expectOneLine(
    ['--data', db],
    1,
    new RegExp(`^lifeline serve: cannot write in ${join(db, 'lifeline.db')} \\(`, 'm'),
  );
});

test('a data directory whose lifeline.db is not a database', async () => {
  const dir = join(root, 'garbage');
  mkdirSync(dir);
  writeFileSync(join(dir, 'lifeline.db'), Buffer.alloc(4096, 7));
  await expectOneLine(
    ['--data', dir],
    1,
    /^lifeline serve: cannot open the database .*lifeline\.db \(the file is not a Lifeline database\); restore it from a backup/m,
  );
});
