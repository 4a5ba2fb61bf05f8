import { reason, type NostrEvent } from '@lifeline/nostr';
import { pubkeyRateLimit, type RejectSignedEvent } from '@lifeline/policies';
import { deskNamespace, parseDeskLabel } from '@lifeline/verify-desk';
import { MAX_SOURCES_PER_CLAIM, type DeskBook } from './book.js';
import type { DeskMembership } from './members.js';

/** Desk labels a non-member may publish per minute (suggestions, opinions), and the burst. */
export const SUGGESTIONS_PER_MINUTE = 6;
export const SUGGESTION_BURST = 10;

/**
 * The desk's rules at the relay, after the signature (so nothing forged reaches them):
 * - a malformed desk label is refused with `invalid:` and the rule it breaks;
 * - a member's Confirmed below the desk's rule is refused with `blocked:` and the count it lacks
 *   (from clients and gateways; imports and mirrors replay history, and every reader re-checks);
 * - non-members' desk labels are rate-limited per key, and a claim holds at most
 *   MAX_SOURCES_PER_CLAIM sources, so a flood of fresh keys can neither crowd a claim nor (as
 *   their labels never count) push it to Confirmed.
 */
export function deskPolicy(book: DeskBook, members: DeskMembership): RejectSignedEvent {
  const suggestions = pubkeyRateLimit({
    perMinute: SUGGESTIONS_PER_MINUTE,
    burst: SUGGESTION_BURST,
    sources: ['ws', 'gateway'],
  });
  return (input) => {
    const { event } = input;
    if (!deskNamespace(event)) return undefined;
    const parsed = parseDeskLabel(event as NostrEvent);
    if (!parsed.ok) return reason('invalid', `desk label: ${parsed.error}`);
    const label = parsed.label;
    const desks = members.desksOf(event.pubkey);
    if (!desks.length) {
      const limited = suggestions(input);
      if (limited) return reason('rate-limited', 'too many desk labels from a non-member key; try again in a minute');
    }
    if (label.type === 'source' && book.labelsOf(label.claim).length >= MAX_SOURCES_PER_CLAIM)
      return reason('blocked', `this claim already holds ${MAX_SOURCES_PER_CLAIM} sources and suggestions`);
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
