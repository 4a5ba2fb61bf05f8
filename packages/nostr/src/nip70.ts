import type { NostrEvent } from './types.js';

/** True when the event carries the NIP-70 `["-"]` tag: only its author may publish it. */
export function isProtected(event: Pick<NostrEvent, 'tags'>): boolean {
  for (const tag of event.tags) if (tag.length === 1 && tag[0] === '-') return true;
  return false;
}
