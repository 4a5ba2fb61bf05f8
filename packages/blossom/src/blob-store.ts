import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isHex64, nowSeconds } from '@lifeline/nostr';
import { BlobDb, type ListOptions } from './blob-db.js';
import type { BlobRecord } from './descriptor.js';

/** Temp and unindexed files younger than this are in use by some process, not left by a crash. */
const SWEEP_AGE_MS = 10 * 60 * 1000;

/** What happened to a delete request. */
export type RemoveOutcome = 'not-found' | 'not-owner' | 'owner-removed' | 'deleted';

/**
 * Blobs on disk under `dir/blobs/<sha256>`, indexed in `dir/media.db`. Files are written to
 * `dir/tmp/` and renamed into place, so a blob is either whole or absent. A blob lives while it
 * has an owner (a pubkey that uploaded it); when the last owner deletes it, its row is removed
 * and its file is overwritten with zeros and unlinked.
 */
export class BlobStore {
  private readonly db: BlobDb;
  private readonly blobs: string;
  private readonly tmp: string;

  private constructor(readonly dir: string) {
    this.blobs = join(dir, 'blobs');
    this.tmp = join(dir, 'tmp');
    mkdirSync(this.blobs, { recursive: true });
    mkdirSync(this.tmp, { recursive: true });
    this.db = new BlobDb(join(dir, 'media.db'));
  }

  /** Opens (creating if needed) a store and settles what a crash may have left half done. */
  static async open(dir: string): Promise<BlobStore> {
    const store = new BlobStore(dir);
    await store.sweep();
    return store;
  }

  /** A stored blob's metadata, or undefined. */
  get(sha256: string): BlobRecord | undefined {
    return isHex64(sha256) ? this.db.get(sha256) : undefined;
  }

  /** The file holding a blob's bytes. */
  pathOf(sha256: string): string {
    if (!isHex64(sha256)) throw new Error('not a sha256');
    return join(this.blobs, sha256);
  }

  /**
   * Stores bytes that are already clean. A blob the store has keeps its bytes and gains the owner.
   * Returns the owner's view of the blob (their upload time) and whether it was new.
   */
  async put(
    bytes: Buffer,
    type: string,
    owner: string | undefined,
    now = nowSeconds(),
  ): Promise<{ blob: BlobRecord; created: boolean }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const known = this.db.exclusive(() => (this.db.get(sha256) ? this.adopt(sha256, owner, now) : undefined));
    if (known) return { blob: known, created: false };
    const temp = join(this.tmp, `${sha256}.${randomUUID()}`);
    const file = await open(temp, 'wx', 0o600);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    // The check, the rename into place and the row are one write transaction: another process
    // deleting or uploading the same hash (a shared media directory) runs wholly before or after.
    const outcome = this.db.exclusive(() => {
      if (this.db.get(sha256)) return { blob: this.adopt(sha256, owner, now), created: false };
      renameSync(temp, this.pathOf(sha256));
      const blob = { sha256, size: bytes.length, type, uploaded: now };
      this.db.insert(blob, owner);
      return { blob, created: true };
    });
    if (!outcome.created) await unlink(temp);
    return outcome;
  }

  /** Has the owner's upload time for a blob (the time it first uploaded it), if they own it. */
  ownedBy(sha256: string, pubkey: string): number | undefined {
    return this.db.ownerUploaded(sha256, pubkey);
  }

  /** Removes an owner from a blob; the last owner's delete removes the blob for good. */
  async remove(sha256: string, pubkey: string): Promise<RemoveOutcome> {
    if (!this.get(sha256)) return 'not-found';
    const doomed = join(this.tmp, `${sha256}.deleted.${randomUUID()}`);
    // One write transaction: a re-upload of the same hash by any process sharing the directory
    // comes wholly before (and keeps the blob) or after (and gets a fresh file).
    const outcome = this.db.exclusive((): RemoveOutcome => {
      if (!this.db.get(sha256)) return 'not-found';
      if (this.db.ownerUploaded(sha256, pubkey) === undefined) return 'not-owner';
      if (!this.db.removeOwner(sha256, pubkey)) return 'owner-removed';
      renameSync(this.pathOf(sha256), doomed);
      return 'deleted';
    });
    if (outcome === 'deleted') await wipe(doomed);
    return outcome;
  }

  /** One owner's blobs, newest first; undefined for a cursor that is not one of theirs. */
  list(pubkey: string, opts: ListOptions): BlobRecord[] | undefined {
    return this.db.list(pubkey, opts);
  }

  /** Closes the index. */
  close(): void {
    this.db.close();
  }

  private adopt(sha256: string, owner: string | undefined, now: number): BlobRecord {
    const blob = this.db.get(sha256) as BlobRecord;
    if (!owner) return blob;
    this.db.addOwner(sha256, owner, now);
    return { ...blob, uploaded: this.db.ownerUploaded(sha256, owner) ?? now };
  }

  /**
   * Wipes temp files and files without a row; forgets rows without a file. Files younger than
   * `SWEEP_AGE_MS` are left: another process sharing the directory may be writing them (an upload
   * in tmp/) or about to commit their row. A row without its file is re-checked inside a write
   * transaction, so a blob another process is adding is never forgotten.
   */
  private async sweep(): Promise<void> {
    const old = (path: string) => {
      try {
        return Date.now() - statSync(path).mtimeMs > SWEEP_AGE_MS;
      } catch {
        return false; // gone meanwhile
      }
    };
    for (const name of readdirSync(this.tmp)) if (old(join(this.tmp, name))) await wipe(join(this.tmp, name));
    const known = this.db.allHashes();
    for (const name of readdirSync(this.blobs)) {
      if (!known.delete(name) && old(join(this.blobs, name))) await wipe(join(this.blobs, name));
    }
    for (const missing of known)
      this.db.exclusive(() => {
        if (!existsSync(this.pathOf(missing))) this.db.forget(missing);
      });
  }
}

/**
 * Overwrites a file with zeros, flushes, then unlinks it. On copy-on-write file systems and SSDs
 * the old blocks may survive in the device; docs/architecture.md says so.
 */
export async function wipe(path: string): Promise<void> {
  const size = statSync(path).size;
  const file = await open(path, 'r+');
  try {
    const zeros = Buffer.alloc(Math.min(size, 1 << 20));
    for (let at = 0; at < size; at += zeros.length) await file.write(zeros, 0, Math.min(zeros.length, size - at), at);
    await file.sync();
  } finally {
    await file.close();
  }
  await unlink(path);
}
