import Database from 'better-sqlite3';

/** A read-only view of a SQLite node's events in insertion order, for copying them elsewhere. */
export interface EventPages {
  /** Events stored, and how many of them have a position at or before `seq`. */
  counts(seq: number): { total: number; upTo: number };
  /** Up to `limit` events after position `seq`, in insertion order, each with its position. */
  after(seq: number, limit: number): { seq: number; json: string }[];
  close(): void;
}

/**
 * Opens a node's database file read-only. The position (the rowid) never changes for a stored event, so
 * a copy interrupted after position N resumes with `after(N)`.
 */
export function openEventPages(path: string): EventPages {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const total = db.prepare('SELECT count(*) FROM events').pluck();
  const upTo = db.prepare('SELECT count(*) FROM events WHERE seq <= ?').pluck();
  const page = db.prepare('SELECT seq, json FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
  return {
    counts: (seq) => ({ total: total.get() as number, upTo: upTo.get(seq) as number }),
    after: (seq, limit) => page.all(seq, limit) as { seq: number; json: string }[],
    close: () => db.close(),
  };
}
