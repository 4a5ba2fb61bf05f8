import {
  createIdleLock,
  createVault,
  localSigner,
  nip07Signer,
  webStorageStore,
  wipeAll,
  type IdleLock,
  type Nip07,
  type Signer,
} from '@lifeline/client';
import { createStore } from './store.js';

/** Where the app stands with the user's key. */
export type SessionStatus = 'none' | 'locked' | 'backup' | 'ready' | 'reader';

/** The session as the UI sees it. The secret key itself is only ever inside the vault. */
export interface SessionState {
  status: SessionStatus;
  pubkey?: string;
  method?: 'local' | 'nip07';
}

/** Everything the app keeps on the device (vault, settings, outbox) lives in this store. */
export const kv = webStorageStore(localStorage);
const vault = createVault({ store: kv });
const NIP07_FLAG = 'signer:nip07';
const IDLE_KEY = 'settings:idleMinutes';

/** The session store the screens render from. */
export const sessionState = createStore<SessionState>({ status: 'none' });
let signer: Signer | undefined;
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

function ready(pubkey: string, method: 'local' | 'nip07', status: SessionStatus = 'ready'): void {
  signer = method === 'local' ? localSigner(vault) : nip07Signer(window.nostr as Nip07);
  sessionState.set({ status, pubkey, method });
  if (method === 'local') void startIdleLock();
}

async function startIdleLock(): Promise<void> {
  idle?.stop();
  const minutes = Number((await kv.get(IDLE_KEY)) ?? 15) || 15;
  idle = createIdleLock({ minutes, onLock: lock });
}

/** Restarts the idle countdown; called on user input. */
export function touch(): void {
  if (sessionState.get().status === 'ready' && sessionState.get().method === 'local') idle?.touch();
}

/** Reads the device's state at start: no account, a locked vault, or a NIP-07 extension. */
export async function restore(): Promise<void> {
  if ((await kv.get(NIP07_FLAG)) === '1' && window.nostr) {
    ready(await window.nostr.getPublicKey(), 'nip07');
  } else if (await vault.hasKey()) {
    sessionState.set({ status: 'locked' });
  }
}

/** Creates a new key under `passphrase`; returns the ncryptsec to show as a backup. */
export async function createAccount(passphrase: string): Promise<string> {
  const backup = await vault.create(passphrase, { replace: true });
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

/** Unlocks the vault; false on a wrong passphrase. */
export async function unlock(passphrase: string): Promise<boolean> {
  try {
    const { pubkey } = await vault.unlock(passphrase);
    ready(pubkey, 'local');
    return true;
  } catch {
    return false;
  }
}

/** Locks now: the vault zeroes the decrypted key and the signer is dropped. */
export function lock(): void {
  idle?.stop();
  vault.lock();
  signer = undefined;
  const { method } = sessionState.get();
  // With an extension there is nothing to lock here: "Lock" signs out, and a reload must not sign back in.
  if (method === 'nip07') void kv.delete(NIP07_FLAG);
  sessionState.set(method === 'nip07' ? { status: 'none' } : { status: 'locked' });
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

/** Panic wipe: locks, then removes every local trace (storage, IndexedDB, caches, service workers). */
export async function wipe(): Promise<void> {
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
