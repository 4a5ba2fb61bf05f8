import type { Filter, NostrEvent } from '@lifeline/nostr';

/**
 * Where an event entered the node; every source goes through the same pipeline and policies.
 * `gateway` (intake: email, SMS, fax) and `sync` (mirroring peers) are the sources of the coming
 * intake and mirror features; the policies already treat them as designed. `node` is the node's own
 * identity publishing what it computed (note statuses, impostor flags).
 */
export type EventSource = 'ws' | 'import' | 'gateway' | 'sync' | 'node';

/** What a policy may know about a client. Deliberately never an IP address. */
export interface ClientInfo {
  /** Process-unique connection number. */
  connectionId: number;
  /** Pubkeys this connection has authenticated as (NIP-42). */
  authed: ReadonlySet<string>;
}

/** One event on its way in. */
export interface EventInput {
  event: NostrEvent;
  source: EventSource;
  /** Present for events that came over a WebSocket. */
  client?: ClientInfo;
  /** Current time, unix seconds. */
  now: number;
}

/** A policy's verdict: undefined lets the event through; a string (built with `reason()`) rejects it. */
export type Verdict = string | undefined;

/** Rejects events before the signature is checked: cheap, stateless checks. */
export type RejectEvent = ((input: EventInput) => Verdict) & ImplementsNip;
/** Rejects events after their signature checked out: stateful checks such as per-author rate limits. */
export type RejectSignedEvent = ((input: EventInput) => Verdict) & ImplementsNip;
/** Rejects a REQ or COUNT's filters. */
export type RejectFilter = ((filters: readonly Filter[], client: ClientInfo | undefined) => Verdict) & ImplementsNip;

/** A hook that implements a NIP says which (khatru derives NIP-11 from the hooks that are set). */
export interface ImplementsNip {
  readonly nip?: number;
}

/** Marks `hook` as the implementation of NIP-`nip`, for the NIP-11 `supported_nips` list. */
export function implementsNip<F extends (...args: never[]) => unknown>(nip: number, hook: F): F & ImplementsNip {
  return Object.assign(hook, { nip });
}

/** The NIPs that the configured hooks implement, in order of first appearance. */
export function policyNips(policies: Policies): number[] {
  const hooks = [...policies.rejectEvent, ...policies.rejectSignedEvent, ...policies.rejectFilter];
  return [...new Set(hooks.flatMap((h) => (h.nip === undefined ? [] : [h.nip])))];
}

/** The hook arrays the relay runs, in order, stopping at the first rejection. */
export interface Policies {
  rejectEvent: RejectEvent[];
  rejectSignedEvent: RejectSignedEvent[];
  rejectFilter: RejectFilter[];
}
