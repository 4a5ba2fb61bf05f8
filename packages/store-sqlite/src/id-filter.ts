/**
 * A Bloom filter of stored event ids in shared memory: the writer thread adds every id it
 * inserts (and, at start-up, every id already stored); the relay's thread asks it before
 * touching the database. A "no" is certain, so a new event — nearly every event — is known to
 * be new without a disk read on the event loop; a "maybe" falls back to the id index.
 *
 * Event ids are SHA-256 digests, already uniform, so the k bit positions are simply k 32-bit
 * slices of the id: no hashing. Sized for ten bits per id with room to double (about 1% false
 * positives then); beyond that the rate rises gradually, which costs lookups, never answers.
 */
export class IdFilter {
  /** Bit positions per id (k), taken from the first K 32-bit slices of the id. */
  static readonly K = 7;
  readonly #words: Int32Array;
  readonly #mask: number;
  /** Word 0 is the ready flag (1 once every stored id has been added). */
  readonly #header: Int32Array;

  private constructor(readonly buffer: SharedArrayBuffer) {
    this.#header = new Int32Array(buffer, 0, 1);
    this.#words = new Int32Array(buffer, 4);
    this.#mask = this.#words.length * 32 - 1;
  }

  /** A filter for a store that holds `stored` events now. */
  static create(stored: number): IdFilter {
    const wanted = Math.max(1 << 20, stored * 2 * 10);
    const bits = 2 ** Math.ceil(Math.log2(wanted));
    return new IdFilter(new SharedArrayBuffer(4 + bits / 8));
  }

  /** The same filter seen from another thread. */
  static attach(buffer: SharedArrayBuffer): IdFilter {
    return new IdFilter(buffer);
  }

  /** True once every id stored before start-up has been added: until then a "no" proves nothing. */
  get ready(): boolean {
    return Atomics.load(this.#header, 0) === 1;
  }

  /** Marks the start-up scan done. */
  markReady(): void {
    Atomics.store(this.#header, 0, 1);
  }

  /** Adds a 64-character hex id. */
  add(id: string): void {
    for (let k = 0; k < IdFilter.K; k++) {
      const bit = slice(id, k) & this.#mask;
      Atomics.or(this.#words, bit >>> 5, 1 << (bit & 31));
    }
  }

  /** False when the id was certainly never added; true when it may have been. */
  mightHave(id: string): boolean {
    for (let k = 0; k < IdFilter.K; k++) {
      const bit = slice(id, k) & this.#mask;
      if ((Atomics.load(this.#words, bit >>> 5) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** The k-th 32-bit slice of a hex id, as an unsigned integer. */
function slice(id: string, k: number): number {
  let v = 0;
  for (let i = k * 8; i < k * 8 + 8; i++) {
    const c = id.charCodeAt(i);
    v = (v << 4) | (c <= 57 ? c - 48 : c - 87); // '0'-'9', 'a'-'f' (ids are validated lowercase hex)
  }
  return v >>> 0;
}
