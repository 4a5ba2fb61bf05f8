import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary directory under the OS temp dir; the caller removes it. */
export function tempDir(prefix = 'lifeline-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
