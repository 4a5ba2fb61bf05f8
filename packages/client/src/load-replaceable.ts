import { pickNewestReplaceable } from './replaceable.js';
import type { RelayPool } from './pool.js';
import type { SignedEvent } from './types.js';

/** The newest version of a replaceable event found on the relays, and which relays answered. */
export interface LoadedReplaceable {
  event?: SignedEvent;
  /** Relays whose stored events were all seen (EOSE). None means nothing is known. */
  answered: string[];
  failed: string[];
}

/**
 * Loads the newest kind-0/3/10000/10002 event of `pubkey` from ALL given (or default) relays, so a
 * change is built on the latest version rather than whichever relay answered first.
 */
export async function loadNewestReplaceable(
  pool: RelayPool,
  kind: number,
  pubkey: string,
  opts: { relays?: string[]; timeoutMs?: number } = {},
): Promise<LoadedReplaceable> {
  const report = await pool.queryReport([{ kinds: [kind], authors: [pubkey] }], opts);
  const out: LoadedReplaceable = { answered: report.answered, failed: report.failed };
  const event = pickNewestReplaceable(report.events);
  if (event) out.event = event;
  return out;
}
