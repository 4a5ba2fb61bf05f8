import type { Sql } from 'postgres';

/** A pg_lsn ('16/B374D848') as a number that orders like it. */
export function lsnValue(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
}

/** Where stored queries went, for operators and tests. */
export interface ReadRouting {
  replica: number;
  primary: number;
  /** Reads that waited for the replica to replay this process's writes before running there. */
  waited: number;
}

/**
 * Sends stored queries to a streaming replica without losing read-your-writes. The store raises
 * `written` to the primary's WAL position after each commit of its own and before delivering
 * what other processes committed (`noteWritten`); a read runs on the replica only once the
 * replica has replayed that far (known from the last check, or checked now, polling for up to
 * `waitMs`), else on the primary. So a client that got OK, or saw an event live, and then
 * queries the same process finds it, however far the replica lags.
 */
export class ReadRouter {
  #written = 0n;
  #replayed = 0n;
  /** The last noteWritten failed: until one succeeds, every read goes to the primary. */
  #unknown = false;
  readonly routing: ReadRouting = { replica: 0, primary: 0, waited: 0 };

  constructor(
    private readonly primary: Sql,
    private readonly replica: Sql | undefined,
    private readonly waitMs = 20,
  ) {}

  /** Whether reads may go to a replica at all. */
  get enabled(): boolean {
    return this.replica !== undefined;
  }

  /** Records the primary's current WAL position as written (a no-op without a replica). */
  async noteWritten(): Promise<void> {
    if (!this.replica) return;
    try {
      const [row] = await this.primary.unsafe('SELECT pg_current_wal_insert_lsn()::text AS lsn', [], { prepare: true });
      const lsn = lsnValue(row!.lsn as string);
      if (lsn > this.#written) this.#written = lsn;
      this.#unknown = false;
    } catch {
      this.#unknown = true;
    }
  }

  /** The connection pool the next stored query should use. */
  async pick(): Promise<Sql> {
    const replica = this.replica;
    if (!replica) return this.primary;
    if (this.#unknown) {
      this.routing.primary++;
      return this.primary;
    }
    const target = this.#written;
    if (this.#replayed >= target) {
      this.routing.replica++;
      return replica;
    }
    const deadline = Date.now() + this.waitMs;
    for (let first = true; ; first = false) {
      try {
        const [row] = await replica.unsafe('SELECT pg_last_wal_replay_lsn()::text AS lsn', [], { prepare: true });
        // NULL: not a standby (a misconfigured URL) — its data is current, like the primary's.
        const lsn = row!.lsn === null ? target : lsnValue(row!.lsn as string);
        if (lsn > this.#replayed) this.#replayed = lsn;
      } catch {
        break; // a replica that cannot answer: the primary serves
      }
      if (this.#replayed >= target) {
        if (first) this.routing.replica++;
        else this.routing.waited++;
        return replica;
      }
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    this.routing.primary++;
    return this.primary;
  }
}
