import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { NEG_FINGERPRINT_SIZE, NEG_ID_SIZE, type NegBound } from './nip77-wire.js';

/** A sha256 function; the node may pass a faster native one. */
export type Sha256 = (data: Uint8Array) => Uint8Array;

/**
 * The records one side reconciles: (timestamp, 32-byte id) pairs sorted by timestamp, then id.
 * Held as two flat arrays (not one object per record) so a million records cost 40 MB and no GC.
 */
export class NegentropyStorage {
  readonly timestamps: Float64Array;
  readonly ids: Uint8Array;
  readonly #view: DataView;
  readonly #sha256: Sha256;
  #prefix: Uint32Array | undefined;

  /** Use `fromItems` or `fromSorted`. */
  private constructor(timestamps: Float64Array, ids: Uint8Array, hash: Sha256) {
    if (ids.length !== timestamps.length * NEG_ID_SIZE) throw new RangeError('ids and timestamps differ in count');
    this.timestamps = timestamps;
    this.ids = ids;
    this.#view = new DataView(ids.buffer, ids.byteOffset, ids.byteLength);
    this.#sha256 = hash;
  }

  /** Storage over arrays already in (timestamp, id) order, e.g. from an ordered database scan. */
  static fromSorted(timestamps: Float64Array, ids: Uint8Array, hash: Sha256 = sha256): NegentropyStorage {
    const s = new NegentropyStorage(timestamps, ids, hash);
    for (let i = 1; i < s.size; i++) {
      if (s.#compareItems(i - 1, i) >= 0) throw new RangeError('records are not sorted, or repeat an id');
    }
    return s;
  }

  /** Storage over unsorted records (hex ids); sorts them and drops repeated ids. */
  static fromItems(items: Iterable<{ timestamp: number; id: string | Uint8Array }>, hash: Sha256 = sha256) {
    const list = [...items].map((it) => ({
      timestamp: it.timestamp,
      id: typeof it.id === 'string' ? hexToBytes(it.id) : it.id,
    }));
    for (const it of list) {
      if (it.id.length !== NEG_ID_SIZE) throw new RangeError('a record id must be 32 bytes');
      if (!Number.isSafeInteger(it.timestamp) || it.timestamp < 0) throw new RangeError('bad record timestamp');
    }
    list.sort((a, b) => a.timestamp - b.timestamp || compareBytes(a.id, b.id));
    const kept = list.filter((it, i) => i === 0 || compareBytes(list[i - 1]!.id, it.id) !== 0);
    const timestamps = new Float64Array(kept.length);
    const ids = new Uint8Array(kept.length * NEG_ID_SIZE);
    kept.forEach((it, i) => {
      timestamps[i] = it.timestamp;
      ids.set(it.id, i * NEG_ID_SIZE);
    });
    return new NegentropyStorage(timestamps, ids, hash);
  }

  /** Number of records. */
  get size(): number {
    return this.timestamps.length;
  }

  /** The id of record `i` (a view). */
  id(i: number): Uint8Array {
    return this.ids.subarray(i * NEG_ID_SIZE, (i + 1) * NEG_ID_SIZE);
  }

  /** The id of record `i` as hex. */
  idHex(i: number): string {
    return bytesToHex(this.id(i));
  }

  /** Record `i` as a bound carrying its whole id. */
  boundOf(i: number): NegBound {
    return { timestamp: this.timestamps[i]!, prefix: this.id(i).slice() };
  }

  /** The shortest bound that sorts above record `i - 1` and at or below record `i`. */
  minimalBound(i: number): NegBound {
    const ts = this.timestamps[i]!;
    if (ts !== this.timestamps[i - 1]) return { timestamp: ts, prefix: new Uint8Array(0) };
    const a = (i - 1) * NEG_ID_SIZE;
    const b = i * NEG_ID_SIZE;
    let shared = 0;
    while (shared < NEG_ID_SIZE && this.ids[a + shared] === this.ids[b + shared]) shared++;
    return { timestamp: ts, prefix: this.ids.slice(b, b + shared + 1) };
  }

  /** The first index in [lo, hi) whose record is at or above `bound` (hi when none is). */
  lowerBound(lo: number, hi: number, bound: NegBound): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#belowBound(mid, bound)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The spec's fingerprint of records [lo, hi): the ids added as 256-bit little-endian integers
   * mod 2^256, then the count as a varint, hashed with sha256 and cut to 16 bytes.
   */
  fingerprint(lo: number, hi: number): Uint8Array {
    // Running sums make any range's sum one subtraction, so a round costs the same whatever the
    // size of the ranges it fingerprints (a frame-limited sync fingerprints "the rest" every round).
    const prefix = (this.#prefix ??= this.#prefixSums());
    // The sum (32 bytes) then the count as a varint (at most 8 bytes below 2^53), hashed once.
    const buf = new Uint8Array(40);
    const out = new DataView(buf.buffer);
    let borrow = 0;
    for (let w = 0; w < 8; w++) {
      const d = prefix[hi * 8 + w]! - prefix[lo * 8 + w]! - borrow;
      borrow = d < 0 ? 1 : 0;
      out.setUint32(w * 4, d >>> 0, true);
    }
    const len = 32 + writeVarint(buf, 32, hi - lo);
    return this.#sha256(buf.subarray(0, len)).slice(0, NEG_FINGERPRINT_SIZE);
  }

  /** Sums of the first i ids (mod 2^256, little-endian 32-bit words) for i = 0..size. */
  #prefixSums(): Uint32Array {
    const view = this.#view;
    const prefix = new Uint32Array((this.size + 1) * 8);
    for (let i = 0; i < this.size; i++) {
      const off = i * NEG_ID_SIZE;
      let carry = 0;
      for (let w = 0; w < 8; w++) {
        const s = prefix[i * 8 + w]! + view.getUint32(off + w * 4, true) + carry;
        prefix[(i + 1) * 8 + w] = s;
        carry = s > 0xffffffff ? 1 : 0;
      }
    }
    return prefix;
  }

  #belowBound(i: number, bound: NegBound): boolean {
    const ts = this.timestamps[i]!;
    if (ts !== bound.timestamp) return ts < bound.timestamp;
    const off = i * NEG_ID_SIZE;
    for (let k = 0; k < NEG_ID_SIZE; k++) {
      const b = k < bound.prefix.length ? bound.prefix[k]! : 0;
      const a = this.ids[off + k]!;
      if (a !== b) return a < b;
    }
    return false;
  }

  #compareItems(i: number, j: number): number {
    const d = this.timestamps[i]! - this.timestamps[j]!;
    if (d !== 0) return d;
    return compareBytes(this.id(i), this.id(j));
  }
}

/** Lexicographic order of two byte strings. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Writes `n` as a varint at `at`; returns the bytes written. */
function writeVarint(buf: Uint8Array, at: number, n: number): number {
  let digits = 1;
  for (let m = Math.floor(n / 128); m > 0; m = Math.floor(m / 128)) digits++;
  for (let i = digits - 1; i >= 0; i--) {
    buf[at + i] = (n % 128) | (i < digits - 1 ? 0x80 : 0);
    n = Math.floor(n / 128);
  }
  return digits;
}
