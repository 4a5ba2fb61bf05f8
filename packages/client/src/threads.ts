import { isHex64 } from '@lifeline/nostr';
import type { SignedEvent } from './types.js';

/** An `e`-tag reference: the event id, a relay hint and (NIP-10) the author's pubkey. */
export interface EventRef {
  id: string;
  relay?: string;
  pubkey?: string;
}

/** Where a note sits in a thread (NIP-10). */
export interface ThreadRefs {
  /** The thread's first note; undefined for a top-level note. */
  root?: EventRef;
  /** The note this one answers directly (equals root for a direct reply to it). */
  reply?: EventRef;
  /** Other events cited (not parents). */
  mentions: EventRef[];
  /** Pubkeys from `p` tags: the people in the thread. */
  profiles: string[];
}

function ref(tag: string[]): EventRef {
  const r: EventRef = { id: tag[1]! };
  if (tag[2]) r.relay = tag[2];
  if (isHex64(tag[4])) r.pubkey = tag[4];
  return r;
}

/**
 * Reads NIP-10 thread references: marked `e` tags ("root", "reply", "mention") or, when no tag
 * carries a marker, the deprecated positional scheme (first = root, last = reply, the rest mentions).
 */
export function parseThread(event: Pick<SignedEvent, 'tags'>): ThreadRefs {
  const eTags = event.tags.filter((t) => t[0] === 'e' && isHex64(t[1]));
  const profiles = [...new Set(event.tags.filter((t) => t[0] === 'p' && isHex64(t[1])).map((t) => t[1]!))];
  const out: ThreadRefs = { mentions: [], profiles };
  const marked = eTags.some((t) => t[3] === 'root' || t[3] === 'reply' || t[3] === 'mention');
  if (marked) {
    for (const t of eTags) {
      if (t[3] === 'root') out.root ??= ref(t);
      else if (t[3] === 'reply') out.reply ??= ref(t);
      else out.mentions.push(ref(t));
    }
    // A reply to the root itself carries only the root marker.
    if (out.root && !out.reply) out.reply = out.root;
    if (!out.root && out.reply) out.root = out.reply;
    return out;
  }
  if (eTags.length === 0) return out;
  out.root = ref(eTags[0]!);
  out.reply = ref(eTags[eTags.length - 1]!);
  out.mentions = eTags.slice(1, -1).map(ref);
  return out;
}

/** The id of the event a note answers, if it is a reply. */
function parentId(event: Pick<SignedEvent, 'tags'>): string | undefined {
  return parseThread(event).reply?.id;
}

/** A note with its replies, oldest first. */
export interface ThreadNode {
  event: SignedEvent;
  children: ThreadNode[];
}

/** A thread view: the tree under the root (if loaded) and replies whose parent is missing. */
export interface ThreadTree {
  root?: ThreadNode;
  /** Replies whose parent was not among the events (deleted or not fetched), oldest first. */
  orphans: ThreadNode[];
}

/** Builds the reply tree of one thread from a bag of events (duplicates ignored). */
export function buildThreadTree(events: SignedEvent[], rootId: string): ThreadTree {
  const nodes = new Map<string, ThreadNode>();
  for (const e of events) if (!nodes.has(e.id)) nodes.set(e.id, { event: e, children: [] });
  const tree: ThreadTree = { orphans: [] };
  for (const node of nodes.values()) {
    if (node.event.id === rootId) {
      tree.root = node;
      continue;
    }
    const parent = parentId(node.event);
    const p = parent !== undefined && parent !== node.event.id ? nodes.get(parent) : undefined;
    if (p) p.children.push(node);
    else tree.orphans.push(node);
  }
  const oldestFirst = (a: ThreadNode, b: ThreadNode): number =>
    a.event.created_at - b.event.created_at || (a.event.id < b.event.id ? -1 : 1);
  for (const n of nodes.values()) n.children.sort(oldestFirst);
  tree.orphans.sort(oldestFirst);
  return tree;
}
