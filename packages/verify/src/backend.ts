// In-thread signature verifiers: the native libsecp256k1 addon when built, nostr-wasm otherwise.
import { createRequire } from 'node:module';
import { isHex128, isHex64, type NostrEvent } from '@lifeline/nostr';

/** Which implementation checks signatures. */
export type BackendName = 'native' | 'wasm';

/** Bytes per packed record: 32-byte id (the signed message), 32-byte x-only pubkey, 64-byte sig. */
export const RECORD_BYTES = 128;

/** The native addon's surface (packages/verify/native/verify.c). */
export interface NativeAddon {
  /** One byte per 128-byte record: 1 valid, 0 invalid; `cache` (default on) reuses parsed pubkeys. */
  verifyBatch(records: Uint8Array, cache?: boolean): Uint8Array;
}

/** A loaded verifier for the current thread. */
export interface Backend {
  name: BackendName;
  /** One verdict byte per event (1 valid, 0 invalid); never throws on bad input. */
  verifyEvents(events: readonly NostrEvent[]): Uint8Array;
}

/** True when id, pubkey and sig are lowercase hex of the right length (NIP-01); anything else is invalid. */
export function isWellFormed(event: NostrEvent): boolean {
  return isHex64(event.id) && isHex64(event.pubkey) && isHex128(event.sig);
}

/** Packs well-formed events (see isWellFormed) into 128-byte records for the native addon. */
export function packEvents(events: readonly NostrEvent[]): Uint8Array {
  const buf = Buffer.allocUnsafeSlow(events.length * RECORD_BYTES);
  let off = 0;
  for (const e of events) {
    buf.write(e.id, off, 32, 'hex');
    buf.write(e.pubkey, off + 32, 32, 'hex');
    buf.write(e.sig, off + 64, 64, 'hex');
    off += RECORD_BYTES;
  }
  // A plain Uint8Array over its own ArrayBuffer, so it can be transferred to a worker.
  return new Uint8Array(buf.buffer, 0, buf.length);
}

let nativeAddon: NativeAddon | null | undefined;

/** The native addon if it was built and loads on this machine, else null (cached). */
export function loadNative(): NativeAddon | null {
  if (nativeAddon !== undefined) return nativeAddon;
  try {
    const require = createRequire(import.meta.url);
    nativeAddon = require('../native/build/Release/lifeline_verify.node') as NativeAddon;
  } catch {
    nativeAddon = null;
  }
  return nativeAddon;
}

/** The backend to use: the one asked for, else (`auto`) native when the addon is available. */
export function preferredBackend(asked: BackendName | 'auto' = 'auto'): BackendName {
  if (asked !== 'auto') return asked;
  return loadNative() ? 'native' : 'wasm';
}

function nativeBackend(addon: NativeAddon): Backend {
  return {
    name: 'native',
    verifyEvents(events) {
      const ok = events.filter(isWellFormed);
      const verdicts = addon.verifyBatch(packEvents(ok));
      if (ok.length === events.length) return verdicts;
      const out = new Uint8Array(events.length);
      for (let i = 0, j = 0; i < events.length; i++) {
        if (events[i] === ok[j]) out[i] = verdicts[j++]!;
      }
      return out;
    },
  };
}

async function wasmBackend(): Promise<Backend> {
  const { initNostrWasm } = await import('nostr-wasm');
  const nostr = await initNostrWasm();
  return {
    name: 'wasm',
    verifyEvents(events) {
      const out = new Uint8Array(events.length);
      for (let i = 0; i < events.length; i++) {
        const e = events[i]!;
        // nostr-wasm copies hex into fixed-size heap slots, so malformed hex must never reach it.
        if (!isWellFormed(e)) continue;
        try {
          // Also re-hashes the id (stricter than needed: callers already checked it).
          nostr.verifyEvent(e);
          out[i] = 1;
        } catch {
          out[i] = 0;
        }
      }
      return out;
    },
  };
}

const loaded = new Map<BackendName, Backend>();

/** Loads (once per thread) the named backend, or the preferred one; throws if native is asked for but absent. */
export async function loadBackend(name: BackendName = preferredBackend()): Promise<Backend> {
  const cached = loaded.get(name);
  if (cached) return cached;
  let backend: Backend;
  if (name === 'native') {
    const addon = loadNative();
    if (!addon) throw new Error('native verify addon not built (run: node scripts/build-native.mjs)');
    backend = nativeBackend(addon);
  } else {
    backend = await wasmBackend();
  }
  loaded.set(name, backend);
  return backend;
}

/**
 * Verifies one event's signature on the calling thread, for small callers such as the CLI.
 * Works at once with the native addon; with wasm only after `await loadBackend('wasm')`.
 */
export function verifySync(event: NostrEvent): boolean {
  const name = preferredBackend();
  let backend = loaded.get(name);
  if (!backend) {
    const addon = name === 'native' ? loadNative() : null;
    if (!addon) throw new Error(`verifySync: ${name} backend not loaded; await loadBackend() first`);
    backend = nativeBackend(addon);
    loaded.set(name, backend);
  }
  return backend.verifyEvents([event])[0] === 1;
}
