import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The list of files the last export wrote, so the next one can remove what is no longer exported. */
const MANIFEST = '.lifeline-site.json';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * Writes the files of a static copy, skipping each whose bytes on disk already hash the same, so a
 * re-run touches only what changed (static hosts and rsync then see only those).
 */
export class SiteWriter {
  written = 0;
  unchanged = 0;
  removed = 0;
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

  /**
   * Removes files an earlier export wrote that this one did not (a deleted entry's page, a post
   * gone under NIP-09), then records this export's files. Only files listed by an earlier run are
   * ever removed, so other things kept in the folder survive.
   */
  async finish(): Promise<void> {
    const keep = new Set(this.files);
    const listed = await readFile(join(this.root, MANIFEST), 'utf8')
      .then((t) => JSON.parse(t) as unknown)
      .catch(() => []);
    for (const f of Array.isArray(listed) ? listed : [])
      if (typeof f === 'string' && !keep.has(f) && !f.split('/').includes('..')) {
        await rm(join(this.root, f), { force: true });
        this.removed++;
      }
    const manifest = JSON.stringify([...keep].sort());
    if (JSON.stringify(listed) !== manifest) {
      await mkdir(this.root, { recursive: true });
      await writeFile(join(this.root, MANIFEST), manifest);
    }
  }

  /** Copies the file at `source` to `file` unless the same bytes are already there. */
  async copy(source: string, file: string): Promise<void> {
    await this.write(file, await readFile(source));
  }
}
