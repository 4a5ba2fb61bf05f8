import type Database from 'better-sqlite3';
import type { NostrEvent } from '@lifeline/nostr';
import type { ModerationRow } from '@lifeline/store';
import { Mutations } from './mutations.js';

/** One queued write, as plain data so it can cross to the writer thread. */
export type WriteOp =
  | { type: 'save'; jsons: string[] }
  | { type: 'deletion'; request: NostrEvent }
  | { type: 'vanish'; pubkey: string; until: number }
  | { type: 'purge'; now: number }
  | { type: 'remove'; ids: string[]; authors: string[] }
  | { type: 'moderate'; put: ModerationRow[]; remove: Array<Omit<ModerationRow, 'value'>> };

/** The outcome of one op; errors travel as messages. */
export type WriteResult = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Applies batches of writes: the whole batch is ONE transaction, each op in its own savepoint so
 * a failing op is rolled back alone. Runs wherever the write connection lives (normally the
 * writer thread), and returns only after COMMIT.
 */
export class WriteEngine {
  readonly #db: Database.Database;
  readonly #mutations: Mutations;

  constructor(db: Database.Database, inserted?: (id: string) => void) {
    this.#db = db;
    this.#mutations = new Mutations(db, inserted);
  }

  /** Commits `ops` and reports each op's result in order. */
  run(ops: readonly WriteOp[]): WriteResult[] {
    let results = this.#fast(ops);
    results ??= this.#isolated(ops);
    if (ops.some((op) => op.type !== 'save')) {
      // Old page images of removed events still sit in the WAL until it is checkpointed.
      try {
        this.#db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // Busy readers only delay the erasure to the next checkpoint; the commit already happened.
      }
    }
    return results;
  }

  /**
   * The common case: every op in one transaction without savepoints (a savepoint per op costs
   * about a third of the insert rate). Undefined when any op threw: the whole batch rolled back.
   */
  #fast(ops: readonly WriteOp[]): WriteResult[] | undefined {
    try {
      return this.#db.transaction(() => ops.map((op): WriteResult => ({ ok: true, value: this.#apply(op) })))();
    } catch {
      return undefined;
    }
  }

  /** The slow path after a failure: each op in its own savepoint, so only the failing op is lost. */
  #isolated(ops: readonly WriteOp[]): WriteResult[] {
    const results: WriteResult[] = [];
    try {
      this.#db.transaction(() => {
        for (const op of ops) {
          try {
            results.push({ ok: true, value: this.#db.transaction(() => this.#apply(op))() });
          } catch (error) {
            results.push({ ok: false, error: (error as Error)?.message ?? String(error) });
          }
        }
      })();
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      return ops.map(() => ({ ok: false, error: message }));
    }
    return results;
  }

  #apply(op: WriteOp): unknown {
    const m = this.#mutations;
    switch (op.type) {
      case 'save':
        return op.jsons.map((json) => m.save({ event: JSON.parse(json) as NostrEvent, json }));
      case 'deletion':
        return m.applyDeletion(op.request);
      case 'vanish':
        return m.vanish(op.pubkey, op.until);
      case 'purge':
        return m.purgeExpired(op.now);
      case 'remove':
        return m.removeEvents(op.ids, op.authors);
      case 'moderate':
        return m.moderate(op.put, op.remove);
    }
  }
}
