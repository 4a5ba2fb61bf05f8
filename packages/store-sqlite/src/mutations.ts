import type Database from 'better-sqlite3';
import {
  DELETION_KIND,
  GIFT_WRAP_KIND,
  GENERIC_REPOST_KIND,
  REPOST_KIND,
  deletionTargets,
  deletionWithholdsRepost,
  expirationOf,
  indexedTagValue,
  isHex64,
  replacementD,
  type NostrEvent,
} from '@lifeline/nostr';
import type { ModerationRow, SaveOutcome, StoredEvent } from '@lifeline/store';
import { searchText } from './schema.js';
import { Tombstones } from './tombstones.js';

interface Row {
  seq: number;
  json: string;
}
interface AddressRow extends Row {
  id: Buffer;
  created_at: number;
}

const hex = (s: string): Buffer => Buffer.from(s, 'hex');

function prepareStatements(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    hasId: p('SELECT 1 FROM events WHERE id = ?').pluck(),
    byId: p('SELECT seq, pubkey, kind, json FROM events WHERE id = ?'),
    byAddress: p('SELECT seq, id, created_at, json FROM events WHERE kind = ? AND pubkey = ? AND d = ?'),
    insertEvent: p(
      'INSERT INTO events (id, pubkey, created_at, kind, d, expiration, json) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    insertTag: p('INSERT OR IGNORE INTO tags (name, value, created_at, event) VALUES (?, ?, ?, ?)'),
    insertText: p('INSERT INTO search (rowid, text) VALUES (?, ?)'),
    deleteText: p("INSERT INTO search (search, rowid, text) VALUES ('delete', ?, ?)"),
    deleteTags: p('DELETE FROM tags WHERE event = ?'),
    deleteEvent: p('DELETE FROM events WHERE seq = ?'),
    tombstoneId: p('INSERT OR IGNORE INTO deleted_ids (id, pubkey) VALUES (?, ?)'),
    tombstoneAddress: p(
      `INSERT INTO deleted_addresses (kind, pubkey, d, until) VALUES (?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET until = max(until, excluded.until)`,
    ),
    tombstonePubkey: p(
      `INSERT INTO vanished (pubkey, until) VALUES (?, ?)
       ON CONFLICT DO UPDATE SET until = max(until, excluded.until)`,
    ),
    byAuthorUntil: p('SELECT seq, json FROM events WHERE pubkey = ? AND created_at <= ?'),
    wrapsUntil: p(
      `SELECT e.seq, e.json FROM tags t JOIN events e ON e.seq = t.event
       WHERE t.name = 'p' AND t.value = ? AND t.created_at <= ? AND e.kind = ${GIFT_WRAP_KIND}`,
    ),
    repostsOf: p(
      `SELECT e.seq, e.json FROM tags t JOIN events e ON e.seq = t.event
       WHERE t.name = 'e' AND t.value = ? AND e.kind IN (${REPOST_KIND}, ${GENERIC_REPOST_KIND})`,
    ),
    expired: p('SELECT seq, json FROM events WHERE expiration <= ?'),
    byAuthor: p('SELECT seq, json FROM events WHERE pubkey = ?'),
    putModeration: p(
      'INSERT INTO moderation (list, subject, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value',
    ),
    deleteModeration: p('DELETE FROM moderation WHERE list = ? AND subject = ?'),
  };
}

/** The write-side statements; every method runs inside the writer's transaction. */
export class Mutations {
  readonly #s: ReturnType<typeof prepareStatements>;
  readonly #tombstones: Tombstones;

  constructor(
    db: Database.Database,
    /** Told the id of every event inserted (the shared id filter). */
    private readonly inserted?: (id: string) => void,
  ) {
    this.#s = prepareStatements(db);
    this.#tombstones = new Tombstones(db);
  }

  /** Stores one event unless it is a duplicate, refused by a tombstone, or superseded. */
  save({ event, json }: StoredEvent): SaveOutcome {
    const s = this.#s;
    const id = hex(event.id);
    const pubkey = hex(event.pubkey);
    if (s.hasId.get(id)) return { status: 'duplicate' };
    const d = replacementD(event);
    if (this.#tombstones.refuses(event, d)) return { status: 'deleted' };
    if (d !== undefined) {
      const current = s.byAddress.get(event.kind, pubkey, d) as AddressRow | undefined;
      if (current) {
        const newer =
          event.created_at > current.created_at ||
          (event.created_at === current.created_at && Buffer.compare(id, current.id) < 0);
        if (!newer) return { status: 'superseded' };
        this.remove(current);
      }
    }
    const { created_at, kind } = event;
    const expiration = expirationOf(event) ?? null;
    const seq = s.insertEvent.run(id, pubkey, created_at, kind, d ?? null, expiration, json).lastInsertRowid;
    this.inserted?.(event.id);
    for (const tag of event.tags) {
      const [name, value] = tag;
      if (name !== undefined && name.length === 1 && value !== undefined) {
        s.insertTag.run(name, indexedTagValue(name, value), created_at, seq);
      }
    }
    const text = searchText(event.content, event.tags);
    if (text !== '') s.insertText.run(seq, text);
    return { status: 'saved' };
  }

  /** Erases one event: its search terms, tags and row (secure_delete zeroes the freed bytes). */
  remove(row: Row): void {
    const event = JSON.parse(row.json) as NostrEvent;
    const text = searchText(event.content, event.tags);
    // The contentless index needs the exact indexed text to erase its terms.
    if (text !== '') this.#s.deleteText.run(row.seq, text);
    this.#s.deleteTags.run(row.seq);
    this.#s.deleteEvent.run(row.seq);
  }

  /** NIP-09: removes the requester's own referenced events and their reposts, and records tombstones. */
  applyDeletion(request: NostrEvent): number {
    const s = this.#s;
    const { ids, addresses } = deletionTargets(request);
    const author = hex(request.pubkey);
    let removed = 0;
    for (const target of ids) {
      const id = hex(target);
      s.tombstoneId.run(id, author);
      const row = s.byId.get(id) as (Row & { pubkey: Buffer; kind: number }) | undefined;
      if (row?.pubkey.equals(author) && row.kind !== DELETION_KIND) {
        this.remove(row);
        removed++;
      }
      removed += this.#withholdReposts(request, target);
    }
    for (const { kind, d } of addresses) {
      s.tombstoneAddress.run(kind, author, d, request.created_at);
      const row = s.byAddress.get(kind, author, d) as AddressRow | undefined;
      if (row && row.created_at <= request.created_at) {
        this.remove(row);
        removed++;
      }
    }
    return removed;
  }

  /** Removes the stored reposts of `id` that the request withholds (its author's own event). */
  #withholdReposts(request: NostrEvent, id: string): number {
    let removed = 0;
    for (const row of this.#s.repostsOf.all(id) as Row[]) {
      if (!deletionWithholdsRepost(request, JSON.parse(row.json) as NostrEvent)) continue;
      this.remove(row);
      removed++;
    }
    return removed;
  }

  /** NIP-62: removes the pubkey's events and gift wraps p-tagging it, up to `until`. */
  vanish(pubkey: string, until: number): number {
    const s = this.#s;
    if (!isHex64(pubkey)) return 0;
    const key = hex(pubkey);
    s.tombstonePubkey.run(key, until);
    const rows = [...(s.byAuthorUntil.all(key, until) as Row[]), ...(s.wrapsUntil.all(pubkey, until) as Row[])];
    const seen = new Set<number>();
    for (const row of rows) {
      if (seen.has(row.seq)) continue;
      seen.add(row.seq);
      this.remove(row);
    }
    return seen.size;
  }

  /** Operator moderation: erases events by id and every event of the authors, leaving no tombstone. */
  removeEvents(ids: readonly string[], authors: readonly string[]): number {
    const s = this.#s;
    const rows: Row[] = [];
    for (const id of ids) if (isHex64(id)) rows.push(...((s.byId.all(hex(id)) as Row[]) ?? []));
    for (const author of authors) if (isHex64(author)) rows.push(...(s.byAuthor.all(hex(author)) as Row[]));
    const seen = new Set<number>();
    for (const row of rows) {
      if (seen.has(row.seq)) continue;
      seen.add(row.seq);
      this.remove(row);
    }
    return seen.size;
  }

  /** Changes rows of the operator's moderation lists. */
  moderate(put: readonly ModerationRow[], remove: ReadonlyArray<Omit<ModerationRow, 'value'>>): number {
    for (const r of remove) this.#s.deleteModeration.run(r.list, r.subject);
    for (const r of put) this.#s.putModeration.run(r.list, r.subject, r.value);
    return 0;
  }

  /** Removes events whose NIP-40 expiration is at or before `now`. */
  purgeExpired(now: number): number {
    const rows = this.#s.expired.all(now) as Row[];
    for (const row of rows) this.remove(row);
    return rows.length;
  }
}
