import { deletedOriginals, deletionRequestFilters, type OriginalRef } from '@lifeline/client';
import { pool } from './relays.js';
import { createStore } from './store.js';

/*
 * Which originals shown inside reposts and quotes their authors deleted (docs/protocol.md "Deleted
 * posts and reposts"). Every card rendered in one tick joins one lookup: one kind-5 query per
 * screen, not one per card. Held in memory only.
 */

const DEBOUNCE_MS = 30;
const LOOKUP_TIMEOUT_MS = 5000;

/** Per original id: true deleted, false checked and not deleted. Unknown ids are not in it. */
const known = new Map<string, boolean>();
const pending = new Map<string, OriginalRef>();
let scheduled = false;

/** Bumped whenever an answer arrives, so cards re-render. */
export const deletedTick = createStore(0);

/** True deleted, false not deleted, undefined still being asked (the lookup is scheduled). */
export function originalDeleted(original: OriginalRef): boolean | undefined {
  const answer = known.get(original.id);
  if (answer !== undefined) return answer;
  pending.set(`${original.id}:${original.pubkey}`, original);
  if (!scheduled) {
    scheduled = true;
    setTimeout(() => void lookUp(), DEBOUNCE_MS);
  }
  return undefined;
}

/** Records the user's own deletion at once, so reposts of it on screen hide before any relay answers. */
export function markOriginalDeleted(id: string): void {
  known.set(id, true);
  deletedTick.set((n) => n + 1);
}

/** Forgets every answer (lock, wipe). */
export function forgetDeletedOriginals(): void {
  known.clear();
  pending.clear();
}

async function lookUp(): Promise<void> {
  scheduled = false;
  const asked = [...pending.values()];
  pending.clear();
  if (asked.length === 0) return;
  const requests = await pool
    .query(deletionRequestFilters(asked), { timeoutMs: LOOKUP_TIMEOUT_MS })
    .catch(() => undefined);
  // A failed lookup counts as not deleted: the card shows the post, as it did before this check.
  const deleted = requests ? deletedOriginals(asked, requests) : new Set<string>();
  for (const o of asked) if (known.get(o.id) !== true) known.set(o.id, deleted.has(o.id));
  deletedTick.set((n) => n + 1);
}
