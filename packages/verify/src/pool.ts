// A pool of worker threads that verifies event signatures in batches, off the main thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { NostrEvent } from '@lifeline/nostr';
import { isWellFormed, loadNative, packEvents, preferredBackend, type BackendName } from './backend.js';
import type { VerifyRequest, VerifyResponse, WorkerConfig } from './protocol.js';

/** Verifies Schnorr signatures over already-checked event ids. */
export interface Verifier {
  /** Resolves true iff `sig` is a valid BIP-340 signature of `id` by `pubkey`; rejects only if a worker dies. */
  verify(event: NostrEvent): Promise<boolean>;
  backend: BackendName;
  threads: number;
  /** Lets in-flight batches finish, then stops the workers. */
  close(): Promise<void>;
}

/** Options for createVerifier. */
export interface VerifierOptions {
  /** Worker threads; default: one fewer than the cores, at least one. */
  threads?: number;
  /** Default (`auto`): native when built, else wasm. */
  backend?: BackendName | 'auto';
  /** Largest batch sent in one message. */
  maxBatch?: number;
  /** Replaces the worker script; tests use it to simulate crashes. */
  workerUrl?: URL;
}

interface Pending {
  resolve(ok: boolean): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  inflight: Map<number, Pending[]>;
  load: number;
  dead: boolean;
}

/** Below this many queued events one worker takes them all; splitting costs more than it saves. */
const SPLIT_THRESHOLD = 64;

/** Starts a verifier pool; rejects if the native backend is asked for but not built. */
export async function createVerifier(options: VerifierOptions = {}): Promise<Verifier> {
  const backend = preferredBackend(options.backend);
  // Fail here rather than in a respawn loop of workers that cannot load it.
  if (backend === 'native' && !loadNative())
    throw new Error('native verify addon not built (run: node scripts/build-native.mjs)');
  const threads = Math.max(1, options.threads ?? availableParallelism() - 1);
  const maxBatch = options.maxBatch ?? 1024;
  const workerUrl = options.workerUrl ?? new URL('./worker.js', import.meta.url);
  const config: WorkerConfig = { backend };

  let queue: NostrEvent[] = [];
  let waiters: Pending[] = [];
  let scheduled = false;
  let closing = false;
  let seq = 0;
  let crashes = 0;
  const slots: Slot[] = [];
  let idle: (() => void) | undefined;

  const spawn = (index: number): void => {
    const slot: Slot = {
      worker: new Worker(workerUrl, { workerData: config }),
      inflight: new Map(),
      load: 0,
      dead: false,
    };
    slots[index] = slot;
    slot.worker.on('message', (res: VerifyResponse) => {
      crashes = 0;
      const batch = slot.inflight.get(res.seq);
      if (!batch) return;
      slot.inflight.delete(res.seq);
      slot.load -= batch.length;
      for (let i = 0; i < batch.length; i++) batch[i]!.resolve(res.verdicts[i] === 1);
      if (idle && slots.every((s) => s.inflight.size === 0)) idle();
      // Events that arrived while every worker was busy go now, as one batch.
      if (queue.length > 0 && !scheduled) flush();
    });
    const fail = (err: Error): void => {
      if (slot.dead) return;
      slot.dead = true;
      for (const batch of slot.inflight.values()) for (const p of batch) p.reject(err);
      slot.inflight.clear();
      slot.load = 0;
      // Waiting events go to another worker, or are rejected if none is alive.
      if (queue.length > 0 && !scheduled) flush();
      if (closing) {
        if (idle && slots.every((s) => s.inflight.size === 0)) idle();
        return;
      }
      // Back off when workers die at start-up (e.g. a broken build) instead of spinning.
      const delay = Math.min(5000, 50 * 2 ** crashes++) - 50;
      if (delay <= 0) spawn(index);
      else setTimeout(() => closing || spawn(index), delay).unref();
    };
    slot.worker.on('error', (err) => fail(new Error(`verify worker crashed: ${err.message}`)));
    slot.worker.on('exit', (code) => fail(new Error(`verify worker exited with code ${code}`)));
  };
  for (let i = 0; i < threads; i++) spawn(i);

  const send = (events: NostrEvent[], pending: Pending[]): void => {
    let slot = slots[0]!;
    for (const s of slots) if (!s.dead && (slot.dead || s.load < slot.load)) slot = s;
    const req: VerifyRequest = { seq: ++seq };
    const transfer: ArrayBuffer[] = [];
    if (backend === 'native') {
      req.records = packEvents(events);
      transfer.push(req.records.buffer as ArrayBuffer);
    } else {
      req.events = events;
    }
    if (slot.dead) {
      // Every worker is between crash and respawn; nothing would ever answer.
      for (const p of pending) p.reject(new Error('verify workers unavailable'));
      return;
    }
    slot.inflight.set(req.seq, pending);
    slot.load += events.length;
    slot.worker.postMessage(req, transfer);
  };

  /**
   * Sends the queue to the idle workers. While every live worker is busy the queue waits: the
   * first answer sends it as one batch, so batches grow with load instead of piling up in the
   * workers' message ports. `force` sends regardless (closing).
   */
  const flush = (force = false): void => {
    scheduled = false;
    if (queue.length === 0) return;
    const live = slots.filter((s) => !s.dead);
    const ready = live.filter((s) => s.inflight.size === 0).length;
    if (!force && live.length > 0 && ready === 0) return;
    const events = queue;
    const pending = waiters;
    queue = [];
    waiters = [];
    const parts = events.length < SPLIT_THRESHOLD ? 1 : Math.max(1, ready);
    const size = Math.min(maxBatch, Math.ceil(events.length / parts));
    for (let i = 0; i < events.length; i += size) {
      send(events.slice(i, i + size), pending.slice(i, i + size));
    }
  };

  return {
    backend,
    threads,
    verify(event) {
      if (closing) return Promise.reject(new Error('verifier is closed'));
      if (!isWellFormed(event)) return Promise.resolve(false);
      return new Promise<boolean>((resolve, reject) => {
        queue.push(event);
        waiters.push({ resolve, reject });
        // A microtask, not setImmediate: every event parsed from one socket read goes together,
        // and none waits for the event loop's check phase, where the relay's socket writes run.
        if (!scheduled) {
          scheduled = true;
          queueMicrotask(() => flush());
        }
      });
    },
    async close() {
      if (closing) return;
      closing = true;
      flush(true);
      if (slots.some((s) => s.inflight.size > 0)) await new Promise<void>((r) => (idle = r));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
