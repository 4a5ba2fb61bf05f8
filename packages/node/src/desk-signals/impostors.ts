import {
  type LookalikeVerdict,
  type ProfileSignals,
  editDistance,
  foldName,
  lookalike,
  MIN_FUZZY_LENGTH,
  namesLookAlike,
  profileNames,
} from '@lifeline/desk-signals';
import type { NostrEvent } from '@lifeline/nostr';

/*
 * The node's impostor index over kind-0 profiles. Protected accounts are those a desk trusts
 * (`isTrusted`) or that at least `minFollowers` kind-3 lists follow. Every profile whose name
 * looks like a protected account's is judged by @lifeline/desk-signals' `lookalike` (names alike
 * plus a disguise, the same avatar or a look-alike NIP-05); avatars are fetched and hashed only
 * for those pairs, never for every profile. A verdict is reported through `onVerdict` once per
 * change (the node publishes it as a label) and answered by `verdict(pubkey)`.
 */

interface Profile extends ProfileSignals {
  id: string;
  createdAt: number;
  picture?: string;
  keys: string[];
}

/** What the index needs from the rest of the node. */
export interface ImpostorDeps {
  minFollowers: number;
  /** True for accounts a desk trusts (its members, its "trusted" labels). */
  isTrusted(pubkey: string): boolean;
  /** Every account a desk trusts (a small set). */
  trusted(): Iterable<string>;
  /** dHash of an avatar URL, or undefined when unavailable (avatar fetching off, broken image). */
  avatarHash?(url: string): Promise<string | undefined>;
  onVerdict?(verdict: LookalikeVerdict): void;
  /** An account announced as an impostor no longer is (it changed its profile). */
  onCleared?(pubkey: string): void;
}

/** The index; feed it every stored kind 0 and 3 with `observe`. */
export class ImpostorIndex {
  readonly #deps: ImpostorDeps;
  readonly #profiles = new Map<string, Profile>();
  readonly #follows = new Map<string, { at: number; id: string; list: string[] }>();
  readonly #followers = new Map<string, number>();
  readonly #protected = new Set<string>();
  readonly #verdicts = new Map<string, LookalikeVerdict>();
  readonly #pending = new Set<Promise<void>>();
  readonly #announced = new Map<string, string>();
  /** Folded names of protected accounts, and their one-deletion variants, to the accounts. */
  readonly #protectedIndex = new Map<string, Set<string>>();
  readonly #indexedKeys = new Map<string, string[]>();
  #loading = false;

  constructor(deps: ImpostorDeps) {
    this.#deps = deps;
  }

  /** The current verdict on an account: whom it imitates, and why. */
  verdict(pubkey: string): LookalikeVerdict | undefined {
    return this.#verdicts.get(pubkey);
  }

  /** Number of kind-3 lists that follow `pubkey`. */
  followers(pubkey: string): number {
    return this.#followers.get(pubkey) ?? 0;
  }

  /** True when look-alikes of this account are flagged. */
  isProtected(pubkey: string): boolean {
    return this.#protected.has(pubkey) || this.#deps.isTrusted(pubkey);
  }

  /** Settles when every avatar comparison started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
  }

  /**
   * Remembers a verdict announced before a restart (the node's own stored label), so it is not
   * announced again; `reconcile` later withdraws the ones that no longer hold.
   */
  seedAnnounced(pubkey: string, imitates: string, reasons: string[]): void {
    this.#announced.set(pubkey, `${imitates}:${reasons.join()}`);
  }

  /** After the stored profiles were read: withdraws announced verdicts that no longer hold. */
  async reconcile(): Promise<void> {
    await this.settled();
    for (const pk of [...this.#announced.keys()]) this.#clearIfGone(pk);
  }

  /**
   * Reading stored events at start: profiles are judged once at `endLoading`, not at every follower
   * count that crosses the threshold on the way (which would rescan every profile each time).
   */
  beginLoading(): void {
    this.#loading = true;
  }

  /** Ends the start-up read: indexes the protected accounts and judges every other profile once. */
  endLoading(): void {
    this.#loading = false;
    for (const pk of this.#protectedKeys()) this.#indexProtected(pk);
    for (const p of this.#profiles.values()) if (!this.isProtected(p.pubkey)) this.#judge(p);
  }

  /** Takes a stored event; only kinds 0 and 3 matter. */
  observe(event: NostrEvent): void {
    if (event.kind === 0) this.#profile(event);
    else if (event.kind === 3) this.#contacts(event);
  }

  /** Re-judges everything against one account (its trust changed: a desk label or membership). */
  trustChanged(pubkey: string): void {
    if (!this.#loading) this.#recheckAgainst(pubkey);
  }

  #profile(event: NostrEvent): void {
    const held = this.#profiles.get(event.pubkey);
    // NIP-01: the newest replaceable event wins; on a tie, the lowest id.
    if (held && (held.createdAt > event.created_at || (held.createdAt === event.created_at && held.id <= event.id)))
      return;
    let content: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(event.content);
      if (!parsed || typeof parsed !== 'object') return;
      content = parsed as Record<string, unknown>;
    } catch {
      return;
    }
    const names = profileNames(content);
    const p: Profile = {
      pubkey: event.pubkey,
      id: event.id,
      createdAt: event.created_at,
      names,
      keys: names.map(foldName),
      ...(typeof content.nip05 === 'string' ? { nip05: content.nip05.slice(0, 200) } : {}),
      ...(typeof content.picture === 'string' && /^https?:\/\//.test(content.picture)
        ? { picture: content.picture.slice(0, 2000) }
        : {}),
    };
    if (held?.picture === p.picture && held?.avatarHash) p.avatarHash = held.avatarHash;
    this.#profiles.set(event.pubkey, p);
    if (this.#loading) return;
    if (this.isProtected(event.pubkey)) this.#recheckAgainst(event.pubkey);
    else this.#judge(p);
  }

  #contacts(event: NostrEvent): void {
    const held = this.#follows.get(event.pubkey);
    if (held && (held.at > event.created_at || (held.at === event.created_at && held.id <= event.id))) return;
    const list = [...new Set(event.tags.filter((t) => t[0] === 'p' && t[1]?.length === 64).map((t) => t[1]!))];
    for (const pk of held?.list ?? []) this.#followers.set(pk, (this.#followers.get(pk) ?? 1) - 1);
    for (const pk of list) {
      const n = (this.#followers.get(pk) ?? 0) + 1;
      this.#followers.set(pk, n);
      if (n >= this.#deps.minFollowers && !this.#protected.has(pk)) {
        this.#protected.add(pk);
        if (!this.#loading) this.#recheckAgainst(pk);
      }
    }
    this.#follows.set(event.pubkey, { at: event.created_at, id: event.id, list });
  }

  /** Judges every profile whose names could match this (newly) protected account's. */
  #recheckAgainst(pubkey: string): void {
    this.#indexProtected(pubkey);
    const original = this.#profiles.get(pubkey);
    if (!original || original.keys.length === 0) return;
    // A protected account is never an impostor (a namesake of another protected one is not judged).
    this.#verdicts.delete(pubkey);
    this.#clearIfGone(pubkey);
    for (const p of this.#profiles.values()) {
      if (p.pubkey === pubkey || !this.#mayMatch(p, original)) continue;
      this.#compare(p, original);
    }
  }

  /** Files a protected account's folded names (and one-deletion variants) for #judge's lookups. */
  #indexProtected(pubkey: string): void {
    for (const k of this.#indexedKeys.get(pubkey) ?? []) {
      const set = this.#protectedIndex.get(k);
      set?.delete(pubkey);
      if (set?.size === 0) this.#protectedIndex.delete(k);
    }
    const keys = [...new Set((this.#profiles.get(pubkey)?.keys ?? []).flatMap(variants))];
    this.#indexedKeys.set(pubkey, keys);
    for (const k of keys) {
      let set = this.#protectedIndex.get(k);
      if (!set) this.#protectedIndex.set(k, (set = new Set()));
      set.add(pubkey);
    }
  }

  /**
   * Judges one profile against the protected accounts whose folded names equal its own or lie one
   * edit away: by the symmetric-delete trick, two keys within one edit share a key among
   * themselves and their one-deletion variants, so a few map lookups replace a scan.
   */
  #judge(p: Profile): void {
    this.#verdicts.delete(p.pubkey);
    let waiting = false;
    const candidates = new Set<string>();
    for (const k of p.keys)
      for (const v of variants(k)) for (const pk of this.#protectedIndex.get(v) ?? []) candidates.add(pk);
    for (const pk of candidates) {
      if (!this.isProtected(pk)) continue;
      const original = this.#profiles.get(pk);
      if (!original || pk === p.pubkey || !this.#mayMatch(p, original)) continue;
      waiting = this.#compare(p, original) || waiting;
    }
    if (!waiting) this.#clearIfGone(p.pubkey);
  }

  #clearIfGone(pubkey: string): void {
    if (this.#verdicts.has(pubkey) || !this.#announced.has(pubkey)) return;
    this.#announced.delete(pubkey);
    this.#deps.onCleared?.(pubkey);
  }

  /** Every protected account (followers over the threshold, and desk-trusted). */
  *#protectedKeys(): Iterable<string> {
    yield* this.#protected;
    for (const pk of this.#deps.trusted()) if (!this.#protected.has(pk)) yield pk;
  }

  /** Cheap prefilter on folded names before the full rules. */
  #mayMatch(p: Profile, original: Profile): boolean {
    for (const a of p.keys)
      for (const b of original.keys) {
        if (a === b) return true;
        if (Math.min(a.length, b.length) >= MIN_FUZZY_LENGTH && editDistance(a, b, 1) <= 1) return true;
      }
    return false;
  }

  /** Judges one pair; true when the answer waits for avatar hashes. */
  #compare(p: Profile, original: Profile): boolean {
    if (this.isProtected(p.pubkey)) return false;
    const hash = this.#deps.avatarHash;
    const unhashed =
      hash &&
      p.picture &&
      original.picture &&
      (!p.avatarHash || !original.avatarHash) &&
      p.names.some((n) => original.names.some((m) => namesLookAlike(n, m)));
    if (!unhashed) {
      const found = lookalike(p, original);
      if (found) this.#record(found);
      return false;
    }
    // Names alike and both have pictures: judge once the avatars are hashed, so the verdict (and
    // the one label) says whether the picture was copied too.
    const job = (async () => {
      const [a, b] = await Promise.all([hash(p.picture!), hash(original.picture!)]);
      // The profiles may have changed while the images were fetched.
      if (this.#profiles.get(p.pubkey) !== p || this.#profiles.get(original.pubkey) !== original) return;
      if (a) p.avatarHash = a;
      if (b) original.avatarHash = b;
      const v = lookalike(p, original);
      if (v) this.#record(v);
      else this.#clearIfGone(p.pubkey);
    })();
    this.#pending.add(job);
    job.finally(() => this.#pending.delete(job)).catch(() => undefined);
    return true;
  }

  #record(v: LookalikeVerdict): void {
    this.#verdicts.set(v.pubkey, v);
    // Announced once per distinct verdict, not on every re-judgement of an unchanged profile.
    const said = `${v.imitates}:${v.reasons.join()}`;
    if (this.#announced.get(v.pubkey) === said) return;
    this.#announced.set(v.pubkey, said);
    this.#deps.onVerdict?.(v);
  }
}

/** A folded name and, when long enough for fuzzy matching, each form with one letter deleted. */
function variants(key: string): string[] {
  const chars = [...key];
  if (chars.length < MIN_FUZZY_LENGTH) return [key];
  const out = [key];
  for (let i = 0; i < chars.length; i++) out.push([...chars.slice(0, i), ...chars.slice(i + 1)].join(''));
  return out;
}
