import {
  COMMUNITY_NOTE_KIND,
  LABEL_KIND,
  NOTE_STATUS_NAMESPACE,
  newestStatuses,
  parseCommunityNote,
  type NostrEvent,
} from '@lifeline/nostr';
import type { HelpfulNote } from '@lifeline/liveblog';
import type { EventStore } from '@lifeline/store';

/** Entry ids per query: well under any backend's limit on values in one filter. */
const CHUNK = 500;

/** True for a note status label signed by the node (`labeler`). */
export const isStatusLabel = (event: NostrEvent, labeler: string) =>
  event.kind === LABEL_KIND &&
  labeler !== '' &&
  event.pubkey === labeler &&
  event.tags.some((t) => t[0] === 'L' && t[1] === NOTE_STATUS_NAMESPACE);

/**
 * The community notes on these entries that the node's newest label rates helpful, by entry id:
 * what readers of the server-rendered page see under each entry (no JavaScript needed).
 */
export async function entryNotes(
  store: EventStore,
  entryIds: string[],
  labeler: string,
): Promise<Map<string, HelpfulNote[]>> {
  const out = new Map<string, HelpfulNote[]>();
  if (!labeler) return out;
  for (let i = 0; i < entryIds.length; i += CHUNK) {
    const ids = entryIds.slice(i, i + CHUNK);
    const labels = (
      await store.query([{ kinds: [LABEL_KIND], authors: [labeler], '#E': ids }], { maxLimit: 10_000 })
    ).map((s) => s.event);
    const helpful = [...newestStatuses(labels, labeler).values()].filter(
      (l) => l.status === 'CURRENTLY_RATED_HELPFUL' && l.subject.kind === COMMUNITY_NOTE_KIND,
    );
    if (helpful.length === 0) continue;
    const notes = await store.query([{ ids: helpful.map((l) => l.subject.id) }], { maxLimit: helpful.length });
    const strength = new Map(helpful.map((l) => [l.subject.id, l.intercept ?? 0]));
    const parsed = notes
      .map((s) => parseCommunityNote(s.event))
      .flatMap((p) => (p.ok ? [p.value] : []))
      .sort((a, b) => (strength.get(b.id) ?? 0) - (strength.get(a.id) ?? 0));
    for (const n of parsed) {
      const list = out.get(n.subject.id) ?? [];
      list.push({ text: n.text, links: n.links });
      out.set(n.subject.id, list);
    }
  }
  return out;
}
