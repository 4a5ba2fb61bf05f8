import { isHex64 } from '@lifeline/nostr';
import type { EventStore, RemovalTarget } from '@lifeline/store';
import type { ModerationStore } from './state.js';

/** What a method call needs: the durable lists and the store to erase from. */
export interface MethodDeps {
  moderation: ModerationStore;
  store: EventStore;
}

/** One NIP-86 answer: a result, or an error message (the lists then are unchanged). */
export type RpcAnswer = { result: unknown } | { error: string };

type Method = (params: unknown[], deps: MethodDeps) => Promise<unknown>;

/** A refused call: its message becomes the answer's `error`. */
class RpcError extends Error {}

const hex = (v: unknown, what: string): string => {
  if (typeof v !== 'string' || !isHex64(v)) throw new RpcError(`params[0] must be a 32-byte lowercase hex ${what}`);
  return v;
};
const why = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string' || v.length > 500)
    throw new RpcError('params[1], the reason, must be a string of at most 500 characters');
  return v;
};
const kindOf = (v: unknown): number => {
  if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 65535)
    throw new RpcError('params[0] must be a kind number (0 to 65535)');
  return v as number;
};
const text = (v: unknown, max: number): string => {
  if (typeof v !== 'string' || v.length > max)
    throw new RpcError(`params[0] must be a string of at most ${max} characters`);
  return v;
};
const entries = (record: Record<string, string>, key: 'pubkey' | 'id') =>
  Object.entries(record).map(([subject, reason]) => ({ [key]: subject, ...(reason ? { reason } : {}) }));

/**
 * An event that passed the policy just before the ban may still be on its way to the writer
 * (between the tombstone check and its save): erase now, and once more a moment later for those.
 */
async function eraseTwice(store: EventStore, target: RemovalTarget): Promise<void> {
  await store.removeEvents(target);
  setTimeout(() => void store.removeEvents(target).catch(() => undefined), SECOND_SWEEP_MS).unref();
}
const SECOND_SWEEP_MS = 1000;

/** How many NIP-56 reports are read for the moderation queue, newest first. */
const REPORTS_READ = 1000;

const NO_IPS = 'not offered: this relay keeps no IP addresses, so it cannot block one';
/** Methods answered only to say why they are not offered. */
const NOT_OFFERED = new Set(['blockip', 'unblockip', 'listblockedips']);

/** The NIP-86 methods this relay offers, by name. */
const METHODS: Record<string, Method> = {
  supportedmethods: async () => Object.keys(METHODS).filter((m) => !NOT_OFFERED.has(m)),
  banpubkey: async ([pk, reason], { moderation, store }) => {
    const pubkey = hex(pk, 'public key');
    await moderation.change((r) => r.banPubkey(pubkey, why(reason)));
    // Refused first (above), then erased.
    await eraseTwice(store, { authors: [pubkey] });
    return true;
  },
  unbanpubkey: async ([pk], { moderation }) => {
    const pubkey = hex(pk, 'public key');
    await moderation.change((r) => r.unbanPubkey(pubkey));
    return true;
  },
  listbannedpubkeys: async (_, { moderation }) => entries(moderation.rules.snapshot().bannedPubkeys, 'pubkey'),
  allowpubkey: async ([pk, reason], { moderation }) => {
    const pubkey = hex(pk, 'public key');
    await moderation.change((r) => r.allowPubkey(pubkey, why(reason)));
    return true;
  },
  unallowpubkey: async ([pk], { moderation }) => {
    const pubkey = hex(pk, 'public key');
    await moderation.change((r) => r.unallowPubkey(pubkey));
    return true;
  },
  listallowedpubkeys: async (_, { moderation }) => entries(moderation.rules.snapshot().allowedPubkeys, 'pubkey'),
  banevent: async ([eid, reason], { moderation, store }) => {
    const id = hex(eid, 'event id');
    await moderation.change((r) => r.banEvent(id, why(reason)));
    await eraseTwice(store, { ids: [id] });
    return true;
  },
  unbanevent: async ([eid], { moderation }) => {
    const id = hex(eid, 'event id');
    await moderation.change((r) => r.unbanEvent(id));
    return true;
  },
  allowevent: async ([eid, reason], { moderation }) => {
    const id = hex(eid, 'event id');
    await moderation.change((r) => r.allowEvent(id, why(reason)));
    return true;
  },
  listbannedevents: async (_, { moderation }) => entries(moderation.rules.snapshot().bannedEvents, 'id'),
  listallowedevents: async (_, { moderation }) => entries(moderation.rules.snapshot().allowedEvents, 'id'),
  listeventsneedingmoderation: async (_, deps) => needingModeration(deps),
  allowkind: async ([k], { moderation }) => {
    const kind = kindOf(k);
    await moderation.change((r) => r.allowKind(kind));
    return true;
  },
  disallowkind: async ([k], { moderation }) => {
    const kind = kindOf(k);
    await moderation.change((r) => r.disallowKind(kind));
    return true;
  },
  listallowedkinds: async (_, { moderation }) => moderation.rules.snapshot().allowedKinds,
  listdisallowedkinds: async (_, { moderation }) => moderation.rules.snapshot().disallowedKinds,
  changerelayname: async ([v], { moderation }) => {
    const name = text(v, 100);
    await moderation.change((r) => r.setInfo('name', name));
    return true;
  },
  changerelaydescription: async ([v], { moderation }) => {
    const description = text(v, 2000);
    await moderation.change((r) => r.setInfo('description', description));
    return true;
  },
  changerelayicon: async ([v], { moderation }) => {
    const icon = text(v, 2000);
    if (icon !== '' && !/^https?:\/\//.test(icon)) throw new RpcError('params[0] must be an http(s) URL');
    await moderation.change((r) => r.setInfo('icon', icon));
    return true;
  },
  blockip: async () => {
    throw new RpcError(NO_IPS);
  },
  unblockip: async () => {
    throw new RpcError(NO_IPS);
  },
  listblockedips: async () => {
    throw new RpcError(NO_IPS);
  },
};

/**
 * The NIP-56 reports' targets still stored and not yet decided (neither banned nor allowed), most
 * reported first, each with the report types and texts as its reason.
 */
async function needingModeration({ moderation, store }: MethodDeps): Promise<Array<{ id: string; reason: string }>> {
  const { bannedEvents, allowedEvents } = moderation.rules.snapshot();
  const reports = await store.query([{ kinds: [1984], limit: REPORTS_READ }], { maxLimit: REPORTS_READ });
  const byTarget = new Map<string, string[]>();
  for (const { event } of reports) {
    for (const tag of event.tags) {
      const id = tag[1];
      if (tag[0] !== 'e' || id === undefined || !isHex64(id) || id in bannedEvents || id in allowedEvents) continue;
      const said = [tag[2], event.content.slice(0, 200)].filter(Boolean).join(': ');
      byTarget.set(id, [...(byTarget.get(id) ?? []), said || 'reported']);
    }
  }
  const out: Array<{ id: string; reason: string; n: number }> = [];
  for (const [id, reasons] of byTarget) {
    if (await store.has(id)) out.push({ id, reason: [...new Set(reasons)].join('; '), n: reasons.length });
  }
  return out.sort((a, b) => b.n - a.n).map(({ id, reason }) => ({ id, reason }));
}

/** Runs one call; a bad method or bad params answers with an error and changes nothing. */
export async function callMethod(method: string, params: unknown[], deps: MethodDeps): Promise<RpcAnswer> {
  const run = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  if (!run) return { error: `unknown method "${method.slice(0, 60)}"; supportedmethods lists them` };
  try {
    return { result: await run(params, deps) };
  } catch (err) {
    if (err instanceof RpcError) return { error: err.message };
    throw err;
  }
}
