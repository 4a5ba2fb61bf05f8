import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { prepareDir } from './data-dir.js';
import { StartError, databaseError, listenError } from './start-error.js';

const root = mkdtempSync(join(tmpdir(), 'lifeline-data-dir-'));
after(() => rmSync(root, { recursive: true, force: true }));

const startError = (code: string, message: RegExp) => (e: unknown) =>
  e instanceof StartError && e.code === code && message.test(e.message);

test('prepareDir creates missing levels and leaves nothing behind but the directories', () => {
  const dir = join(root, 'a', 'b', 'c');
  prepareDir(dir, '--data');
  assert.ok(statSync(dir).isDirectory());
  assert.deepEqual(readdirSync(dir), []);
  prepareDir(dir, '--data');
});

test('prepareDir refuses a file, or a path below one, naming the flag', () => {
  const file = join(root, 'file');
  writeFileSync(file, 'x');
  assert.throws(
    () => prepareDir(file, '--media-dir'),
    startError('not-a-directory', /file is a file, not a directory; choose a directory with --media-dir$/),
  );
  assert.throws(
    () => prepareDir(join(file, 'x', 'y'), '--data'),
    startError('not-a-directory', new RegExp(`^${file} is a file`)),
  );
  assert.equal(existsSync(join(file, 'x')), false);
});

test('prepareDir answers at once where a file system takes no new directories', {
  skip: !existsSync('/proc/self') && 'no /proc',
}, () => {
  assert.throws(
    () => prepareDir('/proc/lifeline-data/x', '--data'),
    startError(
      'cannot-create',
      /^cannot create the directory \/proc\/lifeline-data\/x \(this file system does not allow it\)/,
    ),
  );
});

test('listen and database failures become StartErrors; anything else passes through', () => {
  const errno = (code: string) => Object.assign(new Error(code), { code });
  assert.ok(startError('port-in-use', /^port 80 is in use/)(listenError(errno('EADDRINUSE'), 80, 'h')));
  assert.ok(startError('port-forbidden', /^port 80 needs privileges/)(listenError(errno('EACCES'), 80, 'h')));
  assert.ok(
    startError(
      'host-unavailable',
      /^cannot listen on 10\.9\.9\.9/,
    )(listenError(errno('EADDRNOTAVAIL'), 80, '10.9.9.9')),
  );
  const other = errno('EMFILE');
  assert.equal(listenError(other, 80, 'h'), other);
  // The writer thread's errors arrive as plain objects with only a code.
  assert.ok(
    startError(
      'database-unusable',
      /\(the file is not a Lifeline database\); restore it/,
    )(databaseError({ code: 'SQLITE_NOTADB' }, '/d/lifeline.db', '--data')),
  );
  assert.ok(
    startError(
      'database-unusable',
      /\(the file is damaged\)/,
    )(databaseError({ code: 'SQLITE_CORRUPT_VTAB' }, '/d/lifeline.db', '--data')),
  );
  const bug = new TypeError('x');
  assert.equal(databaseError(bug, '/d', '--data'), bug);
});
