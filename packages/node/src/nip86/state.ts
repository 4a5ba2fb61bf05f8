import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ModerationRules, emptyModeration, type ModerationSnapshot } from '@lifeline/policies';
import { StartError, reasonOf } from '../start-error.js';

/** The file in the data directory that keeps the operator's NIP-86 lists across restarts. */
export const MODERATION_FILE = 'moderation.json';

/**
 * The moderation lists and their file: read once at start, written whole (temp file, fsync,
 * rename) after every change, so a crash leaves the old lists or the new ones, never half.
 */
export class ModerationStore {
  readonly rules: ModerationRules;
  readonly #file: string;

  constructor(dataDir: string) {
    this.#file = join(dataDir, MODERATION_FILE);
    this.rules = new ModerationRules(readSnapshot(this.#file));
  }

  /** Applies `change` to the lists and makes it durable before returning. */
  change(change: (rules: ModerationRules) => void): void {
    change(this.rules);
    const tmp = `${this.#file}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(this.rules.snapshot(), null, 1)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.#file);
  }
}

function readSnapshot(file: string): ModerationSnapshot {
  if (!existsSync(file)) return emptyModeration();
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<ModerationSnapshot>;
    return { ...emptyModeration(), ...data };
  } catch (err) {
    throw new StartError('moderation-unreadable', { path: file, why: reasonOf(err) });
  }
}
