import { reason } from '@lifeline/nostr';
import { implementsNip, type RejectEvent } from './types.js';

/** The operator's moderation lists as plain data: what NIP-86 changes and what is kept on disk. */
export interface ModerationSnapshot {
  bannedPubkeys: Record<string, string>;
  allowedPubkeys: Record<string, string>;
  bannedEvents: Record<string, string>;
  allowedEvents: Record<string, string>;
  allowedKinds: number[];
  disallowedKinds: number[];
  /** NIP-11 overrides set with changerelayname/description/icon; empty means the configured one. */
  name: string;
  description: string;
  icon: string;
}

/** Kinds that are always accepted: a user must always be able to ask for their own events' removal. */
const REMOVAL_KINDS = new Set([5, 62]);

/** An empty snapshot: nothing banned, every kind allowed. */
export function emptyModeration(): ModerationSnapshot {
  return {
    bannedPubkeys: {},
    allowedPubkeys: {},
    bannedEvents: {},
    allowedEvents: {},
    allowedKinds: [],
    disallowedKinds: [],
    name: '',
    description: '',
    icon: '',
  };
}

/**
 * The moderation lists in memory, with NIP-86's rules for how they interact (banning removes from
 * the allow list and the reverse). Pure: whoever owns it persists `snapshot()` after each change.
 */
export class ModerationRules {
  #s: ModerationSnapshot;

  constructor(snapshot: ModerationSnapshot = emptyModeration()) {
    this.#s = structuredClone(snapshot);
  }

  /** Replaces every list (after reading them again from storage, or to undo a change that failed to persist). */
  replace(snapshot: ModerationSnapshot): void {
    this.#s = structuredClone(snapshot);
  }

  /** A copy of the current lists. */
  snapshot(): ModerationSnapshot {
    return structuredClone(this.#s);
  }

  banPubkey(pubkey: string, why: string): void {
    delete this.#s.allowedPubkeys[pubkey];
    this.#s.bannedPubkeys[pubkey] = why;
  }
  unbanPubkey(pubkey: string): void {
    delete this.#s.bannedPubkeys[pubkey];
  }
  allowPubkey(pubkey: string, why: string): void {
    delete this.#s.bannedPubkeys[pubkey];
    this.#s.allowedPubkeys[pubkey] = why;
  }
  unallowPubkey(pubkey: string): void {
    delete this.#s.allowedPubkeys[pubkey];
  }
  banEvent(id: string, why: string): void {
    delete this.#s.allowedEvents[id];
    this.#s.bannedEvents[id] = why;
  }
  unbanEvent(id: string): void {
    delete this.#s.bannedEvents[id];
  }
  allowEvent(id: string, why: string): void {
    delete this.#s.bannedEvents[id];
    this.#s.allowedEvents[id] = why;
  }
  allowKind(kind: number): void {
    this.#s.disallowedKinds = this.#s.disallowedKinds.filter((k) => k !== kind);
    if (!this.#s.allowedKinds.includes(kind))
      this.#s.allowedKinds = [...this.#s.allowedKinds, kind].sort((a, b) => a - b);
  }
  disallowKind(kind: number): void {
    this.#s.allowedKinds = this.#s.allowedKinds.filter((k) => k !== kind);
    if (!this.#s.disallowedKinds.includes(kind))
      this.#s.disallowedKinds = [...this.#s.disallowedKinds, kind].sort((a, b) => a - b);
  }
  setInfo(field: 'name' | 'description' | 'icon', value: string): void {
    this.#s[field] = value;
  }

  /** Why an event by `pubkey` with `id` and `kind` is refused, or undefined when it may enter. */
  refusal(pubkey: string, id: string, kind: number): string | undefined {
    const s = this.#s;
    if (id in s.bannedEvents) return withWhy('this event was removed by the operator', s.bannedEvents[id]!);
    if (pubkey in s.bannedPubkeys) return withWhy('this pubkey is banned by the operator', s.bannedPubkeys[pubkey]!);
    const allowList = Object.keys(s.allowedPubkeys).length > 0;
    if (allowList && !(pubkey in s.allowedPubkeys)) return 'only pubkeys on the operator’s allow list may publish here';
    if (REMOVAL_KINDS.has(kind)) return undefined;
    if (s.disallowedKinds.includes(kind)) return `kind ${kind} is not accepted by this relay`;
    if (s.allowedKinds.length > 0 && !s.allowedKinds.includes(kind))
      return `kind ${kind} is not accepted by this relay`;
    return undefined;
  }
}

const withWhy = (what: string, why: string) => (why ? `${what} (${why})` : what);

/**
 * Refuses what the operator banned through NIP-86 (`blocked: …` with the reason): banned events and
 * pubkeys, pubkeys outside a non-empty allow list, kinds outside the kind lists. The node's own
 * events pass (the operator runs it). `advertise` lists NIP-86 in NIP-11 (only when admins exist).
 */
export function moderationPolicy(rules: ModerationRules, advertise: boolean): RejectEvent {
  const hook = ({ event, source }: Parameters<RejectEvent>[0]) => {
    if (source === 'node') return undefined;
    const why = rules.refusal(event.pubkey, event.id, event.kind);
    return why === undefined ? undefined : reason('blocked', why);
  };
  return advertise ? implementsNip(86, hook) : hook;
}
