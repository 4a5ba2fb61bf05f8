// Messages between the verifier pool and its worker threads.
import type { NostrEvent } from '@lifeline/nostr';
import type { BackendName } from './backend.js';

/** What a worker is started with. */
export interface WorkerConfig {
  backend: BackendName;
}

/** One batch: packed records for the native backend, whole events for wasm (it re-hashes the id). */
export interface VerifyRequest {
  seq: number;
  records?: Uint8Array;
  events?: NostrEvent[];
}

/** One verdict byte per request item, in order; its buffer is transferred, not copied. */
export interface VerifyResponse {
  seq: number;
  verdicts: Uint8Array;
}
