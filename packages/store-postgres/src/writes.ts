import { deletionTargets, expirationOf, GIFT_WRAP_KIND, isHex64, replacementD, type NostrEvent } from '@lifeline/nostr';
import type { SaveOutcome, StoredEvent } from '@lifeline/store';
import type { Sql, TransactionSql } from 'postgres';
import { searchWords } from './search.js';

/** One queued write; every op of a batch runs, in order, inside the batch's one transaction. */
export type WriteOp =
  | { type: 'save'; events: StoredEvent[] }
  | { type: 'deletion'; request: NostrEvent }
  | { type: 'vanish'; pubkey: string; until: number }
  | { type: 'purge'; now: number };

const SAVE =
  'SELECT lifeline_save($1::text, $2::text, $3::bigint, $4::int, $5::text, $6::bigint, $7::text, $8::text[], $9::text[], $10::text[], $11::text[]) AS s';
const REFUSES =
  "SELECT lifeline_refuses(decode($1::text, 'hex'), decode($2::text, 'hex'), $3::bigint, $4::int, $5::text, $6::text[]) AS r";

/** The `p` tag values of a gift wrap: a vanished recipient's wraps are refused (NIP-62). */
function wrappedFor(event: NostrEvent): string[] {
  if (event.kind !== GIFT_WRAP_KIND) return [];
  return event.tags.filter((t) => t[0] === 'p' && isHex64(t[1])).map((t) => t[1]!);
}

/** The parameters of `lifeline_save` for one event. */
function saveParams({ event, json }: StoredEvent): unknown[] {
  const names: string[] = [];
  const values: string[] = [];
  for (const [name, value] of event.tags) {
    // Single-letter tags, first value only (NIP-01). Text columns cannot hold NUL: such a value is
    // stored in the JSON but not indexed, so no filter finds it by that tag.
    if (name?.length === 1 && value !== undefined && name !== '\0' && !value.includes('\0')) {
      names.push(name);
      values.push(value);
    }
  }
  return [
    event.id,
    event.pubkey,
    event.created_at,
    event.kind,
    replacementD(event) ?? null,
    expirationOf(event) ?? null,
    json,
    searchWords(event.content, event.tags),
    names,
    values,
    wrappedFor(event),
  ];
}

/** Runs one op inside `tx`; its statements are sent without waiting, so a batch is pipelined. */
export function applyOp(tx: TransactionSql, op: WriteOp): Promise<unknown> {
  switch (op.type) {
    case 'save':
      return Promise.all(
        op.events.map(async (e) => {
          const [row] = await tx.unsafe(SAVE, saveParams(e) as never[], { prepare: true });
          return { status: row!.s as SaveOutcome['status'] } as SaveOutcome;
        }),
      );
    case 'deletion': {
      const { ids, addresses } = deletionTargets(op.request);
      const q = 'SELECT lifeline_delete($1::text, $2::bigint, $3::text[], $4::int[], $5::text[]) AS n';
      const params = [
        op.request.pubkey,
        op.request.created_at,
        [...ids],
        addresses.map((a) => a.kind),
        addresses.map((a) => a.d),
      ];
      return tx.unsafe(q, params as never[], { prepare: true }).then(([row]) => row!.n as number);
    }
    case 'vanish':
      if (!isHex64(op.pubkey)) return Promise.resolve(0);
      return tx
        .unsafe('SELECT lifeline_vanish($1::text, $2::bigint) AS n', [op.pubkey, op.until] as never[], {
          prepare: true,
        })
        .then(([row]) => row!.n as number);
    case 'purge':
      return tx
        .unsafe('DELETE FROM events WHERE expiration <= $1::bigint', [op.now] as never[], { prepare: true })
        .then((r) => r.count);
  }
}

/** True when a NIP-09 deletion or NIP-62 vanish committed so far covers the event. */
export async function refuses(sql: Sql, event: NostrEvent): Promise<boolean> {
  const params = [event.id, event.pubkey, event.created_at, event.kind, replacementD(event) ?? null, wrappedFor(event)];
  const [row] = await sql.unsafe(REFUSES, params as never[], { prepare: true });
  return row!.r === true;
}
