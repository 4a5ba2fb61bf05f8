// TEMPORARY stand-ins until @lifeline/client exports these (see /tmp/coord/client-requests.md). Not to be committed.
import type { SignedEvent, EventTemplate } from '@lifeline/client';
export * from '@lifeline/client';
export { checkRepost, checkFetchedOriginal, quoteTarget, looksLikeTextRetweet, type AuthenticityResult } from '../../../packages/client/dist/authenticity.js';
export { impersonationCheck } from '../../../packages/client/dist/impersonation.js';
export { normalizeHashtag } from '../../../packages/client/dist/nostr-pure.js';
export function mergeNewest(a: SignedEvent[], b: SignedEvent[]): SignedEvent[] {
  const m = new Map<string, SignedEvent>();
  for (const e of [...a, ...b]) m.set(e.id, e);
  return [...m.values()].sort((x, y) => y.created_at - x.created_at || (x.id < y.id ? -1 : 1));
}
export function formatTime(ts: number, o: { locale: string; timeZone: string }): string {
  return new Intl.DateTimeFormat(o.locale === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: o.timeZone }).format(ts * 1000);
}
const now = () => Math.floor(Date.now() / 1000);
export function buildFollowList(latest: SignedEvent | null, tags: string[][]): EventTemplate {
  return { kind: 3, created_at: Math.max(now(), (latest?.created_at ?? 0) + 1), tags, content: latest?.content ?? '' };
}
export function buildMuteList(latest: SignedEvent | null, pks: string[]): EventTemplate {
  return { kind: 10000, created_at: Math.max(now(), (latest?.created_at ?? 0) + 1), tags: pks.map((p) => ['p', p]), content: '' };
}
export function buildRelayList(rs: { url: string }[]): EventTemplate {
  return { kind: 10002, created_at: now(), tags: rs.map((r) => ['r', r.url]), content: '' };
}
const KEY = 'outbox:';
export function createOutbox({ store }: { store: import('@lifeline/client').KeyValueStore }) {
  return {
    add: (e: SignedEvent) => store.set(KEY + e.id, JSON.stringify(e)),
    remove: (id: string) => store.delete(KEY + id),
    async pending() {
      const out: SignedEvent[] = [];
      for (const k of await store.keys(KEY)) { const v = await store.get(k); if (v) out.push(JSON.parse(v)); }
      return out;
    },
  };
}
export function classifyNotification(e: SignedEvent, me: string): 'reply' | 'mention' | 'repost' | 'like' | 'quote' | undefined {
  if (e.kind === 7) return 'like';
  if (e.kind === 6) return 'repost';
  if (e.tags.some((t) => t[0] === 'q')) return 'quote';
  if (e.tags.some((t) => t[0] === 'e')) return 'reply';
  return e.tags.some((t) => t[0] === 'p' && t[1] === me) ? 'mention' : undefined;
}
