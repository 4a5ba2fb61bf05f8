import {
  DELETION_KIND,
  deletionTargets,
  deletionWithholdsRepost,
  expirationOf,
  GENERIC_REPOST_KIND,
  GIFT_WRAP_KIND,
  indexedTagValue,
  isHex64,
  replacementD,
  REPOST_KIND,
  repostedEvent,
  type NostrEvent,
} from '@lifeline/nostr';
import type { ModerationRow, SaveOutcome, StoredEvent } from '@lifeline/store';
import type { Sql, TransactionSql } from 'postgres';
import type { FeedEntry } from './feed.js';
import { searchWords } from './search.js';

/** One queued write; every op of a batch runs, in order, inside the batch's one transaction. */
export type WriteOp =
  | { type: 'save'; events: StoredEvent[] }
  | { type: 'deletion'; request: NostrEvent }
  | { type: 'vanish'; pubkey: string; until: number; json?: string }
  | { type: 'purge'; now: number }
  | { type: 'remove'; ids: string[]; authors: string[] }
  | { type: 'moderate'; put: ModerationRow[]; remove: Array<Omit<ModerationRow, 'value'>> };

const SAVE_BATCH =
  'SELECT lifeline_save_batch($1::text[], $2::text[], $3::bigint[], $4::int[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::int[], $11::text[], $12::text[], $13::text[]) AS seqs';
const REFUSES =
  "SELECT lifeline_refuses(decode($1::text, 'hex'), decode($2::text, 'hex'), $3::bigint, $4::int, $5::text, $6::text[], $7::text) AS r";
const REPOSTS_OF = `SELECT e.seq, e.json FROM tags t JOIN events e ON e.seq = t.event
  WHERE t.name = 'e' AND t.value = ANY ($1::text[]) AND e.kind IN (${REPOST_KIND}, ${GENERIC_REPOST_KIND})`;

/** The `p` tag values of a gift wrap: a vanished recipient's wraps are refused (NIP-62). */
function wrappedFor(event: NostrEvent): string[] {
  if (event.kind !== GIFT_WRAP_KIND) return [];
  return event.tags.filter((t) => t[0] === 'p' && isHex64(t[1])).map((t) => t[1]!);
}

/** 'id pubkey' of the event a repost copies, for `lifeline_refuses`; null for anything else. */
function copiedOf(event: NostrEvent): string | null {
  const copied = repostedEvent(event);
  return copied ? `${copied.id} ${copied.pubkey}` : null;
}

/** What `lifeline_save_batch` answers per event, by code. */
function outcomeOf(seq: number): SaveOutcome {
  if (seq > 0) return { status: 'saved' };
  return { status: seq === -2 ? 'deleted' : seq === -3 ? 'superseded' : 'duplicate' };
}

/** The columns of `lifeline_save_batch` for events saved in this order. */
function saveColumns(events: readonly StoredEvent[]): unknown[] {
  const cols: unknown[][] = Array.from({ length: 13 }, () => []);
  const [ids, pubkeys, created, kinds, ds, exps, jsons, words, wrapped, tagEvents, tagNames, tagValues, copied] = cols;
  events.forEach(({ event, json }, i) => {
    ids!.push(event.id);
    pubkeys!.push(event.pubkey);
    created!.push(event.created_at);
    kinds!.push(event.kind);
    ds!.push(replacementD(event) ?? null);
    exps!.push(expirationOf(event) ?? null);
    jsons!.push(json);
    words!.push(searchWords(event.content, event.tags).join(' '));
    wrapped!.push(wrappedFor(event).join(' '));
    copied!.push(copiedOf(event));
    for (const [name, value] of event.tags) {
      // Single-letter tags, first value only (NIP-01). Text columns cannot hold NUL: such a value
      // is kept in the JSON but not indexed, so no filter finds the event by that tag.
      if (name?.length === 1 && value !== undefined && name !== '\0' && !value.includes('\0')) {
        tagEvents!.push(i + 1);
        tagNames!.push(name);
        tagValues!.push(indexedTagValue(name, value));
      }
    }
  });
  return cols;
}

/** Saves the events of consecutive save ops with one statement; resolves to each op's outcomes. */
async function saveGroup(
  tx: TransactionSql,
  ops: Extract<WriteOp, { type: 'save' }>[],
  feed: FeedEntry[],
): Promise<SaveOutcome[][]> {
  const events = ops.flatMap((op) => op.events);
  const [row] = await tx.unsafe(SAVE_BATCH, saveColumns(events) as never[], { prepare: true });
  const seqs = (row!.seqs as Array<number | string>).map(Number);
  // A deletion request reaches other processes when its deletion is applied (the 'deletion' op).
  seqs.forEach((seq, i) => {
    if (seq > 0 && events[i]!.event.kind !== DELETION_KIND) feed.push({ seq });
  });
  const outcomes = seqs.map(outcomeOf);
  let at = 0;
  return ops.map((op) => outcomes.slice(at, (at += op.events.length)));
}

/**
 * Runs ops in order inside `tx`; consecutive saves share one statement, and statements are sent
 * without waiting for each other's answers (pipelined on the transaction's connection). `feed`
 * receives, in op order, what other processes must deliver live (see feed.ts).
 */
export async function applyOps(
  tx: TransactionSql,
  ops: readonly WriteOp[],
  feed: FeedEntry[] = [],
): Promise<unknown[]> {
  const parts: Promise<unknown[]>[] = [];
  const entries: FeedEntry[][] = [];
  for (let i = 0; i < ops.length; ) {
    const op = ops[i]!;
    const mine: FeedEntry[] = [];
    entries.push(mine);
    if (op.type !== 'save') {
      if (op.type === 'deletion') mine.push({ json: JSON.stringify(op.request) });
      if (op.type === 'vanish' && op.json !== undefined) mine.push({ json: op.json });
      parts.push(applyOther(tx, op).then((r) => [r]));
      i++;
      continue;
    }
    const group: Extract<WriteOp, { type: 'save' }>[] = [];
    while (i < ops.length && ops[i]!.type === 'save') group.push(ops[i++] as Extract<WriteOp, { type: 'save' }>);
    parts.push(saveGroup(tx, group, mine));
  }
  const results = (await Promise.all(parts)).flat(1);
  feed.push(...entries.flat());
  return results;
}

/** One deletion, vanish or purge inside `tx`. */
function applyOther(tx: TransactionSql, op: Exclude<WriteOp, { type: 'save' }>): Promise<number> {
  switch (op.type) {
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
      const deleted = tx.unsafe(q, params as never[], { prepare: true }).then(([row]) => row!.n as number);
      return Promise.all([deleted, withholdReposts(tx, op.request, ids)]).then(([a, b]) => a + b);
    }
    case 'vanish':
      if (!isHex64(op.pubkey)) return Promise.resolve(0);
      return tx
        .unsafe('SELECT lifeline_vanish($1::text, $2::bigint) AS n', [op.pubkey, op.until] as never[], {
          prepare: true,
        })
        .then(([row]) => row!.n as number);
    case 'remove':
      // Tag rows go with the event (ON DELETE CASCADE); erase() later scrubs freed pages, as for NIP-09.
      return tx
        .unsafe(
          `DELETE FROM events WHERE id = ANY (ARRAY(SELECT decode(x, 'hex') FROM unnest($1::text[]) x))
           OR pubkey = ANY (ARRAY(SELECT decode(x, 'hex') FROM unnest($2::text[]) x))`,
          [op.ids.filter(isHex64), op.authors.filter(isHex64)] as never[],
          { prepare: true },
        )
        .then((r) => r.count);
    case 'moderate':
      return moderate(tx, op.put, op.remove);
    case 'purge':
      return tx
        .unsafe('DELETE FROM events WHERE expiration <= $1::bigint', [op.now] as never[], { prepare: true })
        .then((r) => r.count);
  }
}

/**
 * Removes the stored reposts of `ids` that the request withholds (nostr/nip09.ts). The tombstones
 * lifeline_delete wrote refuse later copies; this removes the earlier ones.
 */
async function withholdReposts(tx: TransactionSql, request: NostrEvent, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await tx.unsafe(REPOSTS_OF, [ids] as never[], { prepare: true });
  const seqs = rows.filter((r) => deletionWithholdsRepost(request, JSON.parse(r.json as string))).map((r) => r.seq);
  if (seqs.length === 0) return 0;
  const gone = await tx.unsafe('DELETE FROM events WHERE seq = ANY ($1::bigint[])', [seqs] as never[], {
    prepare: true,
  });
  return gone.count;
}

/** True when a NIP-09 deletion (of the event or of what it reposts) or a NIP-62 vanish committed so far covers it. */
export async function refuses(sql: Sql, event: NostrEvent): Promise<boolean> {
  const params = [
    event.id,
    event.pubkey,
    event.created_at,
    event.kind,
    replacementD(event) ?? null,
    wrappedFor(event),
    copiedOf(event),
  ];
  const [row] = await sql.unsafe(REFUSES, params as never[], { prepare: true });
  return row!.r === true;
}

/** Changes moderation rows inside `tx`; answers 0 (nothing erased). */
async function moderate(
  tx: TransactionSql,
  put: readonly ModerationRow[],
  remove: ReadonlyArray<Omit<ModerationRow, 'value'>>,
): Promise<number> {
  if (remove.length > 0)
    await tx.unsafe(
      'DELETE FROM moderation m USING unnest($1::text[], $2::text[]) AS r (list, subject) WHERE m.list = r.list AND m.subject = r.subject',
      [remove.map((r) => r.list), remove.map((r) => r.subject)] as never[],
      { prepare: true },
    );
  if (put.length > 0)
    await tx.unsafe(
      `INSERT INTO moderation (list, subject, value) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (list, subject) DO UPDATE SET value = excluded.value`,
      [put.map((r) => r.list), put.map((r) => r.subject), put.map((r) => r.value)] as never[],
      { prepare: true },
    );
  return 0;
}
