import { ModerationRules, emptyModeration, type ModerationSnapshot } from '@lifeline/policies';
import type { EventStore, ModerationRow } from '@lifeline/store';

type Key = Omit<ModerationRow, 'value'>;

const ENTRY_LISTS = {
  'banned-pubkey': 'bannedPubkeys',
  'allowed-pubkey': 'allowedPubkeys',
  'banned-event': 'bannedEvents',
  'allowed-event': 'allowedEvents',
} as const;
const KIND_LISTS = { 'allowed-kind': 'allowedKinds', 'disallowed-kind': 'disallowedKinds' } as const;
const INFO_FIELDS = ['name', 'description', 'icon'] as const;

/** The lists as storage rows: one per banned or allowed subject, kind, and relay-info override. */
export function rowsOf(s: ModerationSnapshot): ModerationRow[] {
  const rows: ModerationRow[] = [];
  for (const [list, field] of Object.entries(ENTRY_LISTS))
    for (const [subject, value] of Object.entries(s[field])) rows.push({ list, subject, value });
  for (const [list, field] of Object.entries(KIND_LISTS))
    for (const kind of s[field]) rows.push({ list, subject: String(kind), value: '' });
  for (const field of INFO_FIELDS) if (s[field]) rows.push({ list: 'info', subject: field, value: s[field] });
  return rows;
}

/** The lists from storage rows; rows of lists this version does not know are ignored. */
export function snapshotOf(rows: readonly ModerationRow[]): ModerationSnapshot {
  const s = emptyModeration();
  for (const { list, subject, value } of rows) {
    if (list in ENTRY_LISTS) s[ENTRY_LISTS[list as keyof typeof ENTRY_LISTS]][subject] = value;
    else if (list in KIND_LISTS) s[KIND_LISTS[list as keyof typeof KIND_LISTS]].push(Number(subject));
    else if (list === 'info' && (INFO_FIELDS as readonly string[]).includes(subject))
      s[subject as (typeof INFO_FIELDS)[number]] = value;
  }
  s.allowedKinds.sort((a, b) => a - b);
  s.disallowedKinds.sort((a, b) => a - b);
  return s;
}

const keyOf = (r: Key) => `${r.list}\0${r.subject}`;

/** The rows to upsert and delete to go from `before` to `after`. */
export function diffRows(
  before: ModerationSnapshot,
  after: ModerationSnapshot,
): { put: ModerationRow[]; remove: Key[] } {
  const old = new Map(rowsOf(before).map((r) => [keyOf(r), r]));
  const now = rowsOf(after);
  const put = now.filter((r) => old.get(keyOf(r))?.value !== r.value);
  const kept = new Set(now.map(keyOf));
  const remove = [...old.values()].filter((r) => !kept.has(keyOf(r))).map(({ list, subject }) => ({ list, subject }));
  return { put, remove };
}

/**
 * The operator's lists in memory and in the event store (a table in SQLite or PostgreSQL, one row
 * per entry), so a restart keeps them and every process sharing a PostgreSQL database reads the
 * same ones (`refresh`). Each change writes only the rows it touched, so two processes changing
 * different entries at once do not undo each other.
 */
export class ModerationStore {
  readonly rules: ModerationRules;
  readonly #store: EventStore;
  /** Changes run one at a time, so each diff is against the lists the previous one left. */
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(store: EventStore, snapshot: ModerationSnapshot) {
    this.#store = store;
    this.rules = new ModerationRules(snapshot);
  }

  /** Reads the lists from the store. */
  static async open(store: EventStore): Promise<ModerationStore> {
    return new ModerationStore(store, snapshotOf(await store.moderationRows()));
  }

  /** Applies `change` and makes it durable before resolving; a failed write leaves the lists as they were. */
  change(change: (rules: ModerationRules) => void): Promise<void> {
    const run = async () => {
      const before = this.rules.snapshot();
      change(this.rules);
      const { put, remove } = diffRows(before, this.rules.snapshot());
      if (put.length === 0 && remove.length === 0) return;
      try {
        await this.#store.changeModeration(put, remove);
      } catch (err) {
        this.rules.replace(before);
        throw err;
      }
    };
    const done = this.#queue.then(run, run);
    this.#queue = done.catch(() => undefined);
    return done;
  }

  /** Reads the lists again: what other processes sharing the database changed. */
  refresh(): Promise<void> {
    const run = async () => this.rules.replace(snapshotOf(await this.#store.moderationRows()));
    const done = this.#queue.then(run, run);
    this.#queue = done.catch(() => undefined);
    return done;
  }
}
