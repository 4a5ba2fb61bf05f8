// The byte format of negentropy protocol v1 (hoytech/negentropy docs/negentropy-protocol-v1.md),
// which NIP-77 carries hex-encoded inside NEG-OPEN and NEG-MSG.

/** The first byte of every v1 message. */
export const NEG_PROTOCOL_VERSION = 0x61;
/** Bytes in a record id. */
export const NEG_ID_SIZE = 32;
/** Bytes in a range fingerprint. */
export const NEG_FINGERPRINT_SIZE = 16;
/** Range modes. */
export const NegMode = { Skip: 0, Fingerprint: 1, IdList: 2 } as const;

/**
 * An exclusive upper bound in (timestamp, id) space. `Infinity` stands for the spec's reserved
 * 2^64-1 timestamp; `prefix` is 0 to 32 bytes of id, the rest implied zero.
 */
export interface NegBound {
  timestamp: number;
  prefix: Uint8Array;
}

/** The bound below every record. */
export const NEG_MIN_BOUND: NegBound = { timestamp: 0, prefix: new Uint8Array(0) };
/** The bound above every record. */
export const NEG_MAX_BOUND: NegBound = { timestamp: Number.POSITIVE_INFINITY, prefix: new Uint8Array(0) };

/** Thrown for a message that does not follow the format; the text says why. */
export class NegentropyFormatError extends Error {}

/** A growable byte buffer. */
export class ByteWriter {
  #buf = new Uint8Array(64);
  #len = 0;

  /** Bytes written so far. */
  get length(): number {
    return this.#len;
  }

  #room(n: number): void {
    if (this.#len + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.#len));
    this.#buf = next;
  }

  /** Appends one byte. */
  byte(b: number): void {
    this.#room(1);
    this.#buf[this.#len++] = b;
  }

  /** Appends bytes. */
  bytes(b: Uint8Array): void {
    this.#room(b.length);
    this.#buf.set(b, this.#len);
    this.#len += b.length;
  }

  /** Appends a varint: base-128 digits, most significant first, high bit on all but the last. */
  varint(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`varint out of range: ${n}`);
    const digits: number[] = [];
    do {
      digits.push(n % 128);
      n = Math.floor(n / 128);
    } while (n > 0);
    this.#room(digits.length);
    for (let i = digits.length - 1; i >= 0; i--) this.#buf[this.#len++] = digits[i]! | (i > 0 ? 0x80 : 0);
  }

  /** A copy of what was written. */
  finish(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }
}

/** Reads a message front to back; every read past the end is a format error. */
export class ByteReader {
  #pos = 0;
  constructor(readonly buf: Uint8Array) {}

  /** Bytes read so far. */
  get position(): number {
    return this.#pos;
  }

  /** True while unread bytes remain. */
  get more(): boolean {
    return this.#pos < this.buf.length;
  }

  /** One byte. */
  byte(): number {
    if (this.#pos >= this.buf.length) throw new NegentropyFormatError('message ends early');
    return this.buf[this.#pos++]!;
  }

  /** `n` bytes (a view, not a copy). */
  bytes(n: number): Uint8Array {
    if (this.#pos + n > this.buf.length) throw new NegentropyFormatError('message ends early');
    const out = this.buf.subarray(this.#pos, this.#pos + n);
    this.#pos += n;
    return out;
  }

  /** A varint; values past 2^53 cannot be records of ours and are refused. */
  varint(): number {
    let n = 0;
    for (;;) {
      const b = this.byte();
      n = n * 128 + (b & 0x7f);
      if (n > Number.MAX_SAFE_INTEGER) throw new NegentropyFormatError('varint too large');
      if ((b & 0x80) === 0) return n;
    }
  }
}

/**
 * Timestamps in a message are deltas from the previous one (plus one; 0 is infinity), so the
 * state lives per message: one coder for writing, one for reading, both reset per message.
 */
export class BoundCoder {
  #lastOut = 0;
  #lastIn = 0;

  /** Starts a new message. */
  reset(): void {
    this.#lastOut = 0;
    this.#lastIn = 0;
  }

  /** The writing state, to `rewind` to when what was written after it is thrown away. */
  mark(): number {
    return this.#lastOut;
  }

  /** Returns the writing state to a `mark`. */
  rewind(mark: number): void {
    this.#lastOut = mark;
  }

  /** Writes a bound. */
  write(w: ByteWriter, bound: NegBound): void {
    if (bound.timestamp === Number.POSITIVE_INFINITY) {
      this.#lastOut = Number.POSITIVE_INFINITY;
      w.varint(0);
    } else {
      w.varint(bound.timestamp - this.#lastOut + 1);
      this.#lastOut = bound.timestamp;
    }
    w.varint(bound.prefix.length);
    w.bytes(bound.prefix);
  }

  /** Reads a bound. */
  read(r: ByteReader): NegBound {
    const encoded = r.varint();
    let timestamp: number;
    if (encoded === 0 || this.#lastIn === Number.POSITIVE_INFINITY) timestamp = Number.POSITIVE_INFINITY;
    else timestamp = this.#lastIn + encoded - 1;
    if (timestamp !== Number.POSITIVE_INFINITY && timestamp > Number.MAX_SAFE_INTEGER)
      throw new NegentropyFormatError('timestamp too large');
    this.#lastIn = timestamp;
    const len = r.varint();
    if (len > NEG_ID_SIZE) throw new NegentropyFormatError('bound id prefix longer than 32 bytes');
    return { timestamp, prefix: r.bytes(len).slice() };
  }
}
