import {
  createIdleLock,
  forgetPairing,
  hasPairing,
  openPairing,
  savePairing,
  createVault,
  localSigner,
  nip07Signer,
  webStorageStore,
  wipeAll,
  type IdleLock,
  type Nip07,
  type Signer,
} from '@lifeline/client';
import type { NostrConnectOffer, RemoteSigner } from '@lifeline/client/nip46';
import { createStore } from './store.js';

/** Where the app stands with the user's key. */
export type SessionStatus = 'none' | 'locked' | 'backup' | 'ready' | 'reader';

/** The session as the UI sees it. The secret key itself is only ever inside the vault. */
export interface SessionState {
  status: SessionStatus;
  pubkey?: string;
  method?: SignInMethod;
}

/** How the user signs: the local vault, a NIP-07 extension, or a NIP-46 remote signer. */
export type SignInMethod = 'local' | 'nip07' | 'nip46';

/** Everything the app keeps on the device (vault, settings, outbox) lives in this store. */
export const kv = webStorageStore(localStorage);
const vault = createVault({ store: kv });
const NIP07_FLAG = 'signer:nip07';
const IDLE_KEY = 'settings:idleMinutes';

/** The session store the screens render from. */
export const sessionState = createStore<SessionState>({ status: 'none' });
let signer: Signer | undefined;
/** The open NIP-46 connection, closed (client key zeroed) by lock and wipe. */
let remote: RemoteSigner | undefined;
let idle: IdleLock | undefined;

/** The signed-in user's hex public key ('' when reading without an account or signed out). */
export function me(): string {
  return sessionState.get().pubkey ?? '';
}

/** The signer for the unlocked account (throws when locked). */
export function currentSigner(): Signer {
  if (!signer) throw new Error('locked');
  return signer;
}

function ready(pubkey: string, method: SignInMethod, status: SessionStatus = 'ready'): void {
  signer = method === 'local' ? localSigner(vault) : method === 'nip46' ? remote : nip07Signer(window.nostr as Nip07);
  sessionState.set({ status, pubkey, method });
  // A remote signer's client key is held in memory like the vault's key, so it locks when idle too.
  if (method !== 'nip07') void startIdleLock();
}

async function startIdleLock(): Promise<void> {
  idle?.stop();
  const minutes = Number((await kv.get(IDLE_KEY)) ?? 15) || 15;
  idle = createIdleLock({ minutes, onLock: lock });
}

/** Restarts the idle countdown; called on user input. */
export function touch(): void {
  if (sessionState.get().status === 'ready' && sessionState.get().method !== 'nip07') idle?.touch();
}

/** Reads the device's state at start: no account, a locked vault, or a NIP-07 extension. */
export async function restore(): Promise<void> {
  if ((await kv.get(NIP07_FLAG)) === '1' && window.nostr) {
    ready(await window.nostr.getPublicKey(), 'nip07');
  } else if (await vault.hasKey()) {
    sessionState.set({ status: 'locked' });
  } else if (await hasPairing(kv)) {
    sessionState.set({ status: 'locked', method: 'nip46' });
  }
}

/** Creates a new key under `passphrase`; returns the ncryptsec to show as a backup. */
export async function createAccount(passphrase: string): Promise<string> {
  const backup = await vault.create(passphrase, { replace: true });
  await forgetPairing(kv); // one account per device: a new key replaces a remote signer's pairing
  ready(backup.pubkey, 'local', 'backup');
  return backup.ncryptsec;
}

/** Reads without an account: timelines, threads, profiles and search, nothing signed, nothing stored. */
export function readOnly(): void {
  sessionState.set({ status: 'reader' });
}

/** Leaves reading mode for the sign-in screen. */
export function signIn(): void {
  sessionState.set({ status: 'none' });
}

/** Leaves the backup screen. */
export function finishOnboarding(): void {
  sessionState.set((s) => ({ ...s, status: 'ready' }));
}

/** Imports an nsec/hex key (encrypted under `passphrase`) or an ncryptsec (opened by it). */
export async function importKey(secret: string, passphrase: string): Promise<void> {
  const backup = await vault.importKey(secret, passphrase, { replace: true });
  await forgetPairing(kv);
  ready(backup.pubkey, 'local');
}

/** Uses a NIP-07 extension; false when the browser has none. */
export async function useExtension(): Promise<boolean> {
  if (!window.nostr) return false;
  const pubkey = await window.nostr.getPublicKey();
  await kv.set(NIP07_FLAG, '1');
  ready(pubkey, 'nip07');
  return true;
}

/** Unlocks the vault (or the stored NIP-46 pairing); false on a wrong passphrase. */
export async function unlock(passphrase: string): Promise<boolean> {
  try {
    if (sessionState.get().method === 'nip46') {
      const pairing = await openPairing(kv, passphrase);
      const { remoteSigner } = await nip46();
      remote = remoteSigner(pairing, remoteOptions);
      ready(pairing.user, 'nip46');
      return true;
    }
    const { pubkey } = await vault.unlock(passphrase);
    ready(pubkey, 'local');
    return true;
  } catch {
    return false;
  }
}

/** The NIP-46 client, loaded on first use so people who never pair do not download it. */
function nip46() {
  return import('@lifeline/client/nip46');
}

/** The signer may ask for approval on a web page (NIP-46 auth challenge); the UI shows the link. */
export const signerAuthUrl = createStore<string>('');
const remoteOptions = { onAuthUrl: (url: string) => signerAuthUrl.set(url) };

/**
 * Pairs with a remote signer from its bunker:// address, stores the pairing under `passphrase`
 * (NIP-49) and signs in. Throws with a message for the user (bad address, refused, no answer).
 */
export async function useRemoteSigner(uri: string, passphrase: string): Promise<void> {
  checkNewPassphrase(passphrase);
  const { pairWithBunker } = await nip46();
  await adoptRemote(await pairWithBunker(uri, remoteOptions), passphrase);
}

/** Starts a nostrconnect:// offer for the signer app to scan; `adoptOffer` finishes it. */
export async function offerRemoteSigner(relays: string[]): Promise<NostrConnectOffer> {
  const { offerNostrConnect } = await nip46();
  return offerNostrConnect(relays, 'Lifeline', remoteOptions);
}

/** Signs in with the signer that answered `offer`, storing the pairing under `passphrase`. */
export async function adoptOffer(offer: NostrConnectOffer, passphrase: string): Promise<void> {
  checkNewPassphrase(passphrase);
  await adoptRemote(await offer.paired, passphrase);
}

async function adoptRemote(next: RemoteSigner, passphrase: string): Promise<void> {
  try {
    // Stored with a copy of the client key: closing the session zeroes the one in memory.
    await savePairing(kv, { ...next.pairing, clientSecret: next.pairing.clientSecret.slice() }, passphrase);
  } catch (err) {
    next.close();
    throw err;
  }
  await vault.wipe(); // one account per device: a remote signer replaces a stored local key
  remote?.close();
  remote = next;
  ready(next.pairing.user, 'nip46');
}

function checkNewPassphrase(passphrase: string): void {
  if (passphrase.length < 8) throw new Error('Use a passphrase of at least 8 characters.');
}

/** Locks now: the vault zeroes the decrypted key, a remote signer's client key is zeroed, the signer is dropped. */
export function lock(): void {
  idle?.stop();
  vault.lock();
  remote?.close();
  remote = undefined;
  signerAuthUrl.set('');
  signer = undefined;
  const { method } = sessionState.get();
  // With an extension there is nothing to lock here: "Lock" signs out, and a reload must not sign back in.
  if (method === 'nip07') void kv.delete(NIP07_FLAG);
  sessionState.set(
    method === 'nip07' ? { status: 'none' } : method === 'nip46' ? { status: 'locked', method } : { status: 'locked' },
  );
}

/** The stored ncryptsec, for the settings backup view. */
export function exportNcryptsec(): Promise<string> {
  return vault.exportNcryptsec();
}

/** Sets the idle-lock delay in minutes. */
export async function setIdleMinutes(minutes: number): Promise<void> {
  await kv.set(IDLE_KEY, String(minutes));
  await startIdleLock();
}

let wiped = false;

/** Whether this page ran the panic wipe: nothing it removed (the service worker) may be set up again. */
export function wipedHere(): boolean {
  return wiped;
}

/** Panic wipe: locks, then removes every local trace (storage, IndexedDB, caches, service workers). */
export async function wipe(): Promise<void> {
  wiped = true;
  lock();
  // kv holds the vault's ciphertext, the outbox and settings; the rest of the origin's storage goes too.
  await wipeAll([kv], {
    webStorages: webStorages(),
    indexedDB,
    ...('caches' in window ? { caches } : {}),
    ...(navigator.serviceWorker ? { serviceWorker: promptServiceWorker(navigator.serviceWorker) } : {}),
  });
  sessionState.set({ status: 'none' });
}

/**
 * The service worker container for the wipe, whose unregister never holds the wipe for more than 3 s:
 * the browser queues it behind a pending update check of /sw.js, which hangs while the node's address
 * swallows packets. The unregistration still completes when that check ends; its cache is gone already.
 */
function promptServiceWorker(container: ServiceWorkerContainer) {
  return {
    getRegistrations: async () =>
      (await container.getRegistrations()).map((r) => ({
        unregister: () =>
          Promise.race([
            r.unregister(),
            new Promise<boolean>((_, reject) =>
              setTimeout(() => reject(new Error('service worker removal pending (node unreachable)')), 3000),
            ),
          ]),
      })),
  };
}

/** localStorage and sessionStorage, or what of them the browser allows (disabled storage throws on access). */
function webStorages(): Storage[] {
  try {
    return [localStorage, sessionStorage];
  } catch {
    return [];
  }
}

declare global {
  interface Window {
    nostr?: Nip07;
  }
}
