import Database from 'better-sqlite3';
import type { BlobRecord } from './descriptor.js';

/** Options for listing one owner's blobs, newest first (BUD-12). */
export interface ListOptions {
  limit: number;
  /** sha256 of the last blob of the previous page. */
  cursor?: string;
  since?: number;
  until?: number;
}

/**
 * The media index: one row per blob and one per (blob, owner). Its own small SQLite file with
 * secure_delete on, so removed rows are overwritten on disk instead of lingering in free pages.
 */
export class BlobDb {
  private readonly db: Database.Database;

  constructor(path: string) {
    // Several node processes may share the media directory (`serve --workers`): a writer waits
    // for another's transaction instead of failing at once.
    this.db = new Database(path, { timeout: 10_000 });
    this.db.pragma('secure_delete = ON');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, type TEXT NOT NULL, created INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS owners (sha256 TEXT NOT NULL REFERENCES blobs(sha256), pubkey TEXT NOT NULL, uploaded INTEGER NOT NULL,
        PRIMARY KEY (sha256, pubkey)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS owners_by_pubkey ON owners (pubkey, uploaded, sha256);
    `);
  }

  /**
   * Runs `fn` in a write transaction taken at BEGIN (IMMEDIATE), so a check and the change made
   * on it are atomic across every process sharing the file, not only within this one.
   */
  exclusive<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** The blob's row, with its creation time as `uploaded`. */
  get(sha256: string): BlobRecord | undefined {
    return this.db.prepare('SELECT sha256, size, type, created AS uploaded FROM blobs WHERE sha256 = ?').get(sha256) as
      | BlobRecord
      | undefined;
  }

  /** When this owner uploaded the blob, if they did. */
  ownerUploaded(sha256: string, pubkey: string): number | undefined {
    const row = this.db.prepare('SELECT uploaded FROM owners WHERE sha256 = ? AND pubkey = ?').get(sha256, pubkey) as
      | { uploaded: number }
      | undefined;
    return row?.uploaded;
  }

  /** Records a new blob and, if given, its first owner, in one transaction. */
  insert(blob: BlobRecord, owner: string | undefined): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO blobs (sha256, size, type, created) VALUES (?, ?, ?, ?)')
        .run(blob.sha256, blob.size, blob.type, blob.uploaded);
      if (owner) this.addOwner(blob.sha256, owner, blob.uploaded);
    })();
  }

  /** Adds an owner; an existing ownership keeps its first upload time. */
  addOwner(sha256: string, pubkey: string, uploaded: number): void {
    this.db
      .prepare('INSERT OR IGNORE INTO owners (sha256, pubkey, uploaded) VALUES (?, ?, ?)')
      .run(sha256, pubkey, uploaded);
  }

  /** Removes one owner; when none is left the blob row goes too. Returns whether the blob row was deleted. */
  removeOwner(sha256: string, pubkey: string): boolean {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM owners WHERE sha256 = ? AND pubkey = ?').run(sha256, pubkey);
      const left = this.db.prepare('SELECT 1 FROM owners WHERE sha256 = ? LIMIT 1').get(sha256);
      if (left) return false;
      this.db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(sha256);
      return true;
    })();
  }

  /** Deletes a blob row and its owners (used when its file turned out to be missing). */
  forget(sha256: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM owners WHERE sha256 = ?').run(sha256);
      this.db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(sha256);
    })();
  }

  /** Every blob hash (for the consistency sweep at open). */
  allHashes(): Set<string> {
    return new Set(this.db.prepare('SELECT sha256 FROM blobs').pluck().all() as string[]);
  }

  /** One owner's blobs, newest upload first; undefined when the cursor names no blob of theirs. */
  list(pubkey: string, opts: ListOptions): BlobRecord[] | undefined {
    let after: { uploaded: number; sha256: string } = { uploaded: Number.MAX_SAFE_INTEGER, sha256: 'g' };
    if (opts.cursor) {
      const uploaded = this.ownerUploaded(opts.cursor, pubkey);
      if (uploaded === undefined) return undefined;
      after = { uploaded, sha256: opts.cursor };
    }
    return this.db
      .prepare(
        `SELECT b.sha256, b.size, b.type, o.uploaded FROM owners o JOIN blobs b ON b.sha256 = o.sha256
         WHERE o.pubkey = ? AND (o.uploaded, o.sha256) < (?, ?) AND o.uploaded >= ? AND o.uploaded <= ?
         ORDER BY o.uploaded DESC, o.sha256 DESC LIMIT ?`,
      )
      .all(
        pubkey,
        after.uploaded,
        after.sha256,
        opts.since ?? 0,
        opts.until ?? Number.MAX_SAFE_INTEGER,
        opts.limit,
      ) as BlobRecord[];
  }

  /** Closes the database file. */
  close(): void {
    this.db.close();
  }
}
