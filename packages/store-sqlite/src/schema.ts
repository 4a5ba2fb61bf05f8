import Database from 'better-sqlite3';
import { indexedTagValue, normalizeText, tokenize } from '@lifeline/nostr';

/**
 * Tables and indexes. Ids and pubkeys are 32-byte BLOBs (half the size of hex, and memcmp order
 * equals hex order, so `ORDER BY id` is NIP-01's tie-break). `seq` is the rowid: insertion order.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY,
  id BLOB NOT NULL UNIQUE,
  pubkey BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  d TEXT,             -- replacement key part: '' replaceable, d tag addressable, NULL otherwise
  expiration INTEGER, -- NIP-40
  json TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS events_pubkey_time ON events(pubkey, created_at);
CREATE INDEX IF NOT EXISTS events_kind_time ON events(kind, created_at);
CREATE INDEX IF NOT EXISTS events_pubkey_kind_time ON events(pubkey, kind, created_at);
-- (created_at, id) covers NIP-77 record reads (and NIP-01's order) without touching the table;
-- expiration rides along so the live check needs no row either. It replaced events_time(created_at).
CREATE INDEX IF NOT EXISTS events_time_id ON events(created_at, id, expiration);
DROP INDEX IF EXISTS events_time;
CREATE INDEX IF NOT EXISTS events_expiration ON events(expiration) WHERE expiration IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_address ON events(kind, pubkey, d) WHERE d IS NOT NULL;

-- One row per single-letter tag (first value only, NIP-01); created_at copied so the primary key
-- walks a tag's events newest first without touching events.
CREATE TABLE IF NOT EXISTS tags (
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  event INTEGER NOT NULL,
  PRIMARY KEY (name, value, created_at, event)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tags_event ON tags(event);

-- Tombstones: NIP-09 ids (bound to the requesting author), addresses, NIP-62 vanished pubkeys.
CREATE TABLE IF NOT EXISTS deleted_ids (
  id BLOB NOT NULL, pubkey BLOB NOT NULL, PRIMARY KEY (id, pubkey)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS deleted_addresses (
  kind INTEGER NOT NULL, pubkey BLOB NOT NULL, d TEXT NOT NULL, until INTEGER NOT NULL,
  PRIMARY KEY (kind, pubkey, d)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS vanished (
  pubkey BLOB PRIMARY KEY, until INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

-- The operator's NIP-86 lists (bans, allow lists, kinds, relay info), one row per entry.
CREATE TABLE IF NOT EXISTS moderation (
  list TEXT NOT NULL, subject TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (list, subject)
) STRICT, WITHOUT ROWID;

-- Contentless: the text lives only as index terms. Rows are removed with the 'delete' command
-- and FTS5 secure-delete, which really erases the terms (contentless_delete only hides them).
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
  text, content='', tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
);
`;

/** Normalized words of an event as indexed: content plus `t` tags, as NIP-50 matching defines. */
export function searchText(content: string, tags: string[][]): string {
  const words = tokenize(content);
  for (const tag of tags) if (tag[0] === 't' && tag[1] !== undefined) words.push(...tokenize(tag[1]));
  return words.join(' ');
}

// Deleting from a contentless index needs the exact text that was indexed, so the index must be
// rebuilt whenever the normalization changes. A probe of the tricky cases detects that.
const PROBE = 'Ünïcode ĞÜŞ İran ميدان آزادي كتاب ۱۳۸۸ ٤ می‌روم ـ ً #تهران café ﬁ ２０';

function searchFingerprint(): string {
  return JSON.stringify([normalizeText(PROBE), searchText(PROBE, [['t', PROBE]])]);
}

/** Sets pragmas, creates the schema, and rebuilds the search index if normalization changed. */
export function initSchema(db: Database.Database, synchronous: 'FULL' | 'NORMAL'): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  // Deleted rows are overwritten with zeros, not merely unlinked (mission: deletion is real).
  db.pragma('secure_delete = ON');
  tuneForReads(db);
  db.exec(SCHEMA);
  db.prepare("INSERT INTO search(search, rank) VALUES ('secure-delete', 1)").run();
  refoldHashtags(db);
  const fingerprint = searchFingerprint();
  const row = db.prepare("SELECT value FROM meta WHERE key = 'search'").get() as { value: string } | undefined;
  if (row?.value === fingerprint) return;
  db.transaction(() => {
    db.prepare("INSERT INTO search(search) VALUES ('delete-all')").run();
    const insert = db.prepare('INSERT INTO search(rowid, text) VALUES (?, ?)');
    for (const r of db.prepare('SELECT seq, json FROM events').iterate() as Iterable<{ seq: number; json: string }>) {
      const event = JSON.parse(r.json) as { content: string; tags: string[][] };
      insert.run(r.seq, searchText(event.content, event.tags));
    }
    db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('search', ?)").run(fingerprint);
  })();
}

/**
 * `t` rows hold folded hashtags (indexedTagValue). A store written before folding, or under
 * another folding, has its `t` rows rewritten once; the probe's fold is the version stamp.
 */
function refoldHashtags(db: Database.Database): void {
  const fingerprint = indexedTagValue('t', PROBE);
  const row = db.prepare("SELECT value FROM meta WHERE key = 'hashtags'").get() as { value: string } | undefined;
  if (row?.value === fingerprint) return;
  db.transaction(() => {
    const rows = db.prepare("SELECT value, created_at, event FROM tags WHERE name = 't'").all() as Array<{
      value: string;
      created_at: number;
      event: number;
    }>;
    const drop = db.prepare("DELETE FROM tags WHERE name = 't' AND value = ? AND created_at = ? AND event = ?");
    const add = db.prepare("INSERT OR IGNORE INTO tags (name, value, created_at, event) VALUES ('t', ?, ?, ?)");
    for (const r of rows) {
      const folded = indexedTagValue('t', r.value);
      if (folded === r.value) continue;
      drop.run(r.value, r.created_at, r.event);
      add.run(folded, r.created_at, r.event);
    }
    db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('hashtags', ?)").run(fingerprint);
  })();
}

/** A 64 MiB page cache and in-memory temporary sorts: what every connection that queries uses. */
export function tuneForReads(db: Database.Database): void {
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
}

/** A reader thread's connection: read-only twice over (the open flag and `query_only`). */
export function openReadConnection(path: string): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  tuneForReads(db);
  db.pragma('query_only = ON');
  return db;
}
