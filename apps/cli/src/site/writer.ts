import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * Writes the files of a static copy, skipping each whose bytes on disk already hash the same, so a
 * re-run touches only what changed (static hosts and rsync then see only those).
 */
export class SiteWriter {
  written = 0;
  unchanged = 0;
  readonly files: string[] = [];

  constructor(readonly root: string) {}

  /** Writes `content` to `file` (relative to the root) unless it is already there. */
  async write(file: string, content: string | Uint8Array): Promise<void> {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    const path = join(this.root, file);
    this.files.push(file);
    const old = await readFile(path).catch(() => undefined);
    if (old && sha256(old) === sha256(bytes)) {
      this.unchanged++;
      return;
    }
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
    this.written++;
  }

  /** Copies the file at `source` to `file` unless the same bytes are already there. */
  async copy(source: string, file: string): Promise<void> {
    await this.write(file, await readFile(source));
  }
}
