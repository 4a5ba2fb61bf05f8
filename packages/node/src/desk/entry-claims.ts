import type { EntryClaim } from '@lifeline/liveblog';
import { badgeOf, badgeText } from '@lifeline/verify-desk';
import type { DeskBook } from './book.js';
import type { DeskMembership } from './members.js';
import { claimOn } from './views.js';

/** Claim states of live-blog entries, worded in the blog's language, and the version they were read at. */
export interface EntryClaims {
  version: number;
  changedAt: number;
  states: Map<string, EntryClaim>;
}

/**
 * What the server-rendered live-blog pages and feeds show of the default desk: for each entry
 * with a claim opened by a member, its badge ("Confirmed · 3 independent sources") and a link to
 * the claim page of the web app.
 */
export function entryClaims(book: DeskBook, members: DeskMembership) {
  return (entryIds: readonly string[], lang: string): EntryClaims => {
    const states = new Map<string, EntryClaim>();
    const desk = members.desks()[0];
    if (desk) {
      for (const id of entryIds) {
        const view = claimOn(book, desk, id);
        if (!view) continue;
        const text = badgeText(badgeOf(view), lang.startsWith('fa') ? 'fa' : 'en', desk.states);
        states.set(id, { state: view.state, text, href: `/#/claim/${view.id}` });
      }
    }
    return { version: book.version, changedAt: book.changedAt, states };
  };
}
