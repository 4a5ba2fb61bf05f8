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

/** An entry as claim lookup needs it: its id and the ids of the signed posts it embeds. */
export interface EntryRef {
  id: string;
  embeds: readonly string[];
}

/**
 * What the server-rendered live-blog pages and feeds show of the default desk: for each entry
 * with a claim opened by a member — on the entry itself, or else on a post it embeds (a
 * live-blogger quoting a witness) — its badge ("Confirmed · 3 independent sources") and a link
 * to the claim page of the web app.
 */
export function entryClaims(book: DeskBook, members: DeskMembership) {
  return (entries: readonly EntryRef[], lang: string): EntryClaims => {
    const states = new Map<string, EntryClaim>();
    const desk = members.desks()[0];
    if (desk) {
      for (const entry of entries) {
        let view = claimOn(book, desk, entry.id);
        for (const embedded of entry.embeds) view ??= claimOn(book, desk, embedded);
        if (!view) continue;
        const text = badgeText(badgeOf(view), lang.startsWith('fa') ? 'fa' : 'en', desk.states);
        states.set(entry.id, { state: view.state, text, href: `/#/claim/${view.id}` });
      }
    }
    return { version: book.version, changedAt: book.changedAt, states };
  };
}
