import { reason, type NostrEvent } from '@lifeline/nostr';
import { TokenBucket, pubkeyRateLimit, type RejectSignedEvent } from '@lifeline/policies';
import { deskNamespace, parseDeskLabel } from '@lifeline/verify-desk';
import { MAX_SOURCES_PER_CLAIM, type DeskBook } from './book.js';
import type { DeskMembership } from './members.js';

/** Desk labels a non-member may publish per minute (suggestions, opinions), and the burst. */
export const SUGGESTIONS_PER_MINUTE = 6;
export const SUGGESTION_BURST = 10;
/** Non-members' labels one claim takes per minute, from all keys together (fresh keys are free to make), and the burst. */
export const CLAIM_SUGGESTIONS_PER_MINUTE = 20;
export const CLAIM_SUGGESTION_BURST = 30;
/** Most claims whose suggestion buckets are remembered; the least recently used is forgotten. */
const MAX_CLAIM_BUCKETS = 10_000;

/**
 * The desk's rules at the relay, after the signature (so nothing forged reaches them):
 * - a malformed desk label is refused with `invalid:` and the rule it breaks;
 * - a member's Confirmed below the desk's rule is refused with `blocked:` and the count it lacks
 *   (from clients and gateways; imports and mirrors replay history, and every reader re-checks);
 * - non-members' desk labels are rate-limited per key and per claim (all keys together), and a
 *   claim takes at most MAX_SOURCES_PER_CLAIM suggested sources, so a flood of fresh keys can
 *   neither crowd a claim nor (as their labels never count) push it to Confirmed. Members are
 *   never limited here.
 */
export function deskPolicy(book: DeskBook, members: DeskMembership): RejectSignedEvent {
  const suggestions = pubkeyRateLimit({
    perMinute: SUGGESTIONS_PER_MINUTE,
    burst: SUGGESTION_BURST,
    sources: ['ws', 'gateway'],
  });
  const claimBuckets = new Map<string, TokenBucket>();
  const claimAdmits = (claim: string): boolean => {
    let bucket = claimBuckets.get(claim);
    if (bucket) claimBuckets.delete(claim);
    else {
      bucket = new TokenBucket(CLAIM_SUGGESTIONS_PER_MINUTE / 60, CLAIM_SUGGESTION_BURST);
      if (claimBuckets.size >= MAX_CLAIM_BUCKETS) claimBuckets.delete(claimBuckets.keys().next().value!);
    }
    claimBuckets.set(claim, bucket);
    return bucket.take();
  };
  return (input) => {
    const { event } = input;
    if (!deskNamespace(event)) return undefined;
    const parsed = parseDeskLabel(event as NostrEvent);
    if (!parsed.ok) return reason('invalid', `desk label: ${parsed.error}`);
    const label = parsed.label;
    const desks = members.desksOf(event.pubkey);
    if (!desks.length && input.source !== 'import' && input.source !== 'sync') {
      const limited = suggestions(input);
      if (limited) return reason('rate-limited', 'too many desk labels from a non-member key; try again in a minute');
      const claim = label.type === 'state' || label.type === 'source' ? label.claim : undefined;
      if (claim && !claimAdmits(claim))
        return reason('rate-limited', 'this claim is receiving too many suggestions; try again in a minute');
      if (
        label.type === 'source' &&
        book.labelsOf(label.claim).filter((l) => l.type === 'source' && !members.isMember(l.by)).length >=
          MAX_SOURCES_PER_CLAIM
      )
        return reason('blocked', `this claim already holds ${MAX_SOURCES_PER_CLAIM} suggested sources`);
    }
    if (label.type !== 'state' || label.state !== 'confirmed' || !desks.length) return undefined;
    // Imports and mirrors replay history whose sources may arrive later; readers re-check the rule anyway.
    if (input.source === 'import' || input.source === 'sync') return undefined;
    const claim = book.claims.get(label.claim);
    if (!claim) return reason('blocked', 'confirmation refused: the claim is not on this node');
    // The policy answers synchronously; a source attached a moment ago may not be read yet.
    if (book.reading(claim))
      return reason(
        'blocked',
        "confirmation refused: the claim's sources are still being read; send it again in a moment",
      );
    for (const desk of desks) {
      const view = book.compute(claim, desk, label);
      const entry = view.history.find((h) => h.id === label.id);
      if (entry?.ignored) return reason('blocked', `confirmation refused: ${entry.ignored}`);
    }
    return undefined;
  };
}
