import { closeSync, existsSync, mkdirSync, openSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { StartError, reasonOf } from './start-error.js';

/**
 * Makes sure `path` is a directory this process can write, creating it if needed, and that the
 * files named in `files` are writable where they exist. Checked before storage opens, so a bad
 * directory is one clear StartError rather than whatever SQLite or a worker thread reports.
 * `flag` names the setting that chose the path, for the message.
 */
export function prepareDir(path: string, flag: string, files: readonly string[] = []): void {
  const dir = resolve(path);
  if (!existsSync(dir)) createDir(dir, flag);
  else if (!statSync(dir).isDirectory()) throw new StartError('not-a-directory', { path: dir, flag });
  const probe = join(dir, `.lifeline-write-check-${process.pid}`);
  try {
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (err) {
    throw new StartError('not-writable', { path: dir, flag, why: reasonOf(err) });
  }
  for (const name of files) {
    const file = join(dir, name);
    if (!existsSync(file)) continue;
    try {
      closeSync(openSync(file, 'r+'));
    } catch (err) {
      throw new StartError('not-writable', { path: file, flag, why: reasonOf(err) });
    }
  }
}

// One level at a time: Node's recursive mkdir loops forever where a parent exists but refuses
// new entries with ENOENT (/proc), and this way the message can name the level that failed.
function createDir(dir: string, flag: string): void {
  const missing: string[] = [];
  let existing = dir;
  while (!existsSync(existing)) {
    missing.unshift(existing);
    existing = dirname(existing);
  }
  if (!statSync(existing).isDirectory()) throw new StartError('not-a-directory', { path: existing, flag });
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new StartError('cannot-create', { path: dir, flag, why: reasonOf(err) });
    }
  }
}
