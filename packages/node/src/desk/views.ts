import { deskCoordinate, type DeskList } from '@lifeline/nostr';
import { badgeOf, type ClaimBadge, type ClaimView } from '@lifeline/verify-desk';
import type { DeskBook } from './book.js';

/** Final states: a claim in one has left the queue. */
const FINAL = new Set(['confirmed', 'false', 'misleading', 'inconclusive']);

/** A desk as the API describes it. */
export function deskSummary(desk: DeskList) {
  return {
    coordinate: deskCoordinate(desk.address),
    owner: desk.address.owner,
    d: desk.address.d,
    title: desk.title,
    members: [...desk.members],
    minSources: desk.minSources,
    primaryConfirms: desk.primaryConfirms,
    states: desk.states,
  };
}

/** The claim an event's badge shows: the newest claim on it opened by a member of `desk`. */
export function claimOn(book: DeskBook, desk: DeskList, target: string): ClaimView | undefined {
  const ids = book.claimsOn(target);
  for (let i = ids.length - 1; i >= 0; i--) {
    const claim = book.claims.get(ids[i]!);
    if (claim && desk.members.has(claim.by)) return book.compute(claim, desk);
  }
  return undefined;
}

/** Badges of events, by event id; events without a desk claim are left out. */
export function badges(book: DeskBook, desk: DeskList, ids: readonly string[]): Record<string, ClaimBadge> {
  const out: Record<string, ClaimBadge> = {};
  for (const id of ids) {
    const view = claimOn(book, desk, id);
    if (view) out[id] = badgeOf(view);
  }
  return out;
}

/** One line of the desk's queue. */
export interface QueueClaim extends ClaimBadge {
  text: string;
  lang: string;
  target: string;
  targetAuthor?: string;
  openedBy: string;
  openedAt: number;
  byMember: boolean;
  sources: number;
  suggestions: number;
  lastActivity: number;
}

/** Claims for the desk's queue: open ones (or all), suggested claims included and marked, newest activity first. */
export function queueClaims(book: DeskBook, desk: DeskList, filter: 'open' | 'all' | string): QueueClaim[] {
  const out: QueueClaim[] = [];
  for (const claim of book.claims.values()) {
    const view = book.compute(claim, desk);
    if (filter === 'open' ? FINAL.has(view.state) : filter !== 'all' && view.state !== filter) continue;
    out.push({
      ...badgeOf(view),
      text: view.text,
      lang: view.lang,
      target: view.target,
      targetAuthor: view.targetAuthor,
      openedBy: view.openedBy,
      openedAt: view.openedAt,
      byMember: view.byMember,
      sources: view.sources.filter((s) => s.credible || desk.members.has(s.by)).length,
      suggestions: view.sources.filter((s) => !desk.members.has(s.by)).length,
      lastActivity: Math.max(...view.history.map((h) => h.at)),
    });
  }
  return out.sort((a, b) => b.lastActivity - a.lastActivity).slice(0, 500);
}

/** NIP-56 reports no member has resolved, newest first. */
export function openReports(book: DeskBook, desk: DeskList) {
  const settled = new Set<string>();
  for (const l of book.labels.values()) if (l.type === 'report' && desk.members.has(l.by)) settled.add(l.report);
  return [...book.reports.values()]
    .filter((r) => !settled.has(r.id))
    .sort((a, b) => b.created_at - a.created_at)
    .slice(0, 500)
    .map((r) => {
      const p = r.tags.find((t) => t[0] === 'p');
      const e = r.tags.find((t) => t[0] === 'e');
      return {
        id: r.id,
        by: r.pubkey,
        at: r.created_at,
        // NIP-56: the report type is the third element of the p (or e) tag.
        type: e?.[2] || p?.[2] || 'other',
        pubkey: p?.[1],
        event: e?.[1],
        content: r.content.slice(0, 1000),
      };
    });
}
