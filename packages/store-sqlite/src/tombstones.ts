import type Database from 'better-sqlite3';
import {
  DELETION_KIND,
  GIFT_WRAP_KIND,
  isHex64,
  replacementD,
  repostedEvent,
  VANISH_KIND,
  type NostrEvent,
} from '@lifeline/nostr';

/**
 * Reads the NIP-09 and NIP-62 tombstones: would a save of this event be refused as deleted?
 * The writer asks inside its transaction; the relay asks on the read connection before it
 * delivers a new event live, so deleted content is never re-spread while the write is pending.
 */
export class Tombstones {
  readonly #deletedId: Database.Statement;
  readonly #deletedAddress: Database.Statement;
  readonly #vanishedUntil: Database.Statement;

  constructor(db: Database.Database) {
    this.#deletedId = db.prepare('SELECT 1 FROM deleted_ids WHERE id = ? AND pubkey = ?').pluck();
    this.#deletedAddress = db
      .prepare('SELECT until FROM deleted_addresses WHERE kind = ? AND pubkey = ? AND d = ?')
      .pluck();
    this.#vanishedUntil = db.prepare('SELECT until FROM vanished WHERE pubkey = ?').pluck();
  }

  /** True when a NIP-09 deletion (of the event, or of the event it reposts) or a NIP-62 vanish covers it. */
  refuses(event: NostrEvent, d = replacementD(event)): boolean {
    const pubkey = Buffer.from(event.pubkey, 'hex');
    if (event.kind !== DELETION_KIND && this.#deletedId.get(Buffer.from(event.id, 'hex'), pubkey)) return true;
    // The request to vanish itself is kept (NIP-62 allows it), so mirrors that were away learn of it.
    if (event.kind !== VANISH_KIND && this.#vanishedAt(pubkey, event.created_at)) return true;
    // A repost of an event its author deleted is withheld (nostr/nip09.ts deletionWithholdsRepost).
    const copied = repostedEvent(event);
    if (copied && this.#deletedId.get(Buffer.from(copied.id, 'hex'), Buffer.from(copied.pubkey, 'hex'))) return true;
    if (event.kind === GIFT_WRAP_KIND) {
      for (const tag of event.tags) {
        if (tag[0] === 'p' && isHex64(tag[1]) && this.#vanishedAt(Buffer.from(tag[1], 'hex'), event.created_at))
          return true;
      }
    }
    if (d === undefined) return false;
    const until = this.#deletedAddress.get(event.kind, pubkey, d) as number | undefined;
    return until !== undefined && until >= event.created_at;
  }

  #vanishedAt(pubkey: Buffer, createdAt: number): boolean {
    const until = this.#vanishedUntil.get(pubkey) as number | undefined;
    return until !== undefined && until >= createdAt;
  }
}
