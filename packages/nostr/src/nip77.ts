import { bytesToHex } from '@noble/hashes/utils.js';
import type { NegentropyStorage } from './nip77-storage.js';
import {
  BoundCoder,
  ByteReader,
  ByteWriter,
  NEG_FINGERPRINT_SIZE,
  NEG_ID_SIZE,
  NEG_MAX_BOUND,
  NEG_MIN_BOUND,
  NEG_PROTOCOL_VERSION,
  NegMode,
  NegentropyFormatError,
  type NegBound,
} from './nip77-wire.js';

export * from './nip77-wire.js';
export * from './nip77-storage.js';
export * from './nip77-messages.js';

/**
 * How ranges are split (implementation-defined in the spec): into `buckets` fingerprinted
 * sub-ranges, or one id list when a range holds fewer than `idListBelow` records. The defaults
 * are the reference implementation's (16 and 32), so our messages are byte-for-byte its messages
 * in the conformance suite's delta test.
 */
export interface NegSplitting {
  buckets: number;
  idListBelow: number;
  /**
   * When a reply would pass the frame size limit, up to this share of the frame hands the ranges
   * it cannot split back as they came, one fingerprint each (the other side splits them next
   * round), before the rest of the universe is folded into one fingerprint. 0 (the reference)
   * folds at once, throwing away the other side's partition of the rest; a large share makes
   * both sides bounce the same ranges round after round. 1M records, 1% differing, 60 KB frames:
   * 0 sends 2.12%, 0.05 sends 2.07%, 0.25 2.11%, 1 never finishes (bench/dist/negentropy-memory.js).
   */
  keepRanges?: number;
}

/** The reference implementation's splitting. */
export const NEG_REFERENCE_SPLITTING: NegSplitting = { buckets: 16, idListBelow: 32 };

/**
 * Lifeline's own splitting, used by the relay and the sync client: narrower splits and shorter id
 * lists send about 2.7x fewer bytes when differences are spread thin (1M records, 1% differing:
 * 4.6 MB against 12.5 MB before hex), at the cost of a few more rounds; truncated replies keep a
 * little of the other side's partition. Any splitting interoperates.
 */
export const NEG_LIFELINE_SPLITTING: NegSplitting = { buckets: 4, idListBelow: 4, keepRanges: 0.05 };
/** Room kept under the frame size limit for the closing range of a truncated message. */
const FRAME_SLACK = 200;
/** The smallest frame size limit the protocol works with. */
export const NEG_MIN_FRAME_SIZE = 4096;

/** One round's result. `output` null means the initiator has learnt everything. */
export interface NegRound {
  output: Uint8Array | null;
  /** Ids this side has and the other lacks (reported to the initiator only). */
  have: string[];
  /** Ids the other side has and this side lacks (reported to the initiator only). */
  need: string[];
}

/**
 * One side of a negentropy v1 reconciliation (range-based set reconciliation). The initiator calls
 * `initiate()` and then `reconcile()` on each reply until the output is null; the responder only
 * calls `reconcile()` on each message it receives. With a frame size limit, every message stays
 * within it and the rest of the universe is folded into one trailing fingerprint for later rounds
 * (so, as the protocol says, an id may be reported more than once).
 */
export class Negentropy {
  readonly #storage: NegentropyStorage;
  readonly #frameSizeLimit: number;
  readonly #split_: NegSplitting;
  readonly #coder = new BoundCoder();
  #initiator = false;

  constructor(storage: NegentropyStorage, frameSizeLimit = 0, splitting: NegSplitting = NEG_REFERENCE_SPLITTING) {
    if (splitting.buckets < 2 || splitting.idListBelow < 1)
      throw new RangeError('a range must split into at least 2 buckets');
    if (frameSizeLimit !== 0 && frameSizeLimit < NEG_MIN_FRAME_SIZE)
      throw new RangeError(`frame size limit must be 0 or at least ${NEG_MIN_FRAME_SIZE}`);
    this.#storage = storage;
    this.#frameSizeLimit = frameSizeLimit;
    this.#split_ = splitting;
  }

  /** True once `initiate` was called. */
  get isInitiator(): boolean {
    return this.#initiator;
  }

  /** The first message: the whole universe, split into buckets (or one id list when small). */
  initiate(): Uint8Array {
    if (this.#initiator) throw new Error('already initiated');
    this.#initiator = true;
    this.#coder.reset();
    const w = new ByteWriter();
    w.byte(NEG_PROTOCOL_VERSION);
    this.#split(0, this.#storage.size, NEG_MAX_BOUND, w);
    return w.finish();
  }

  /** Processes the other side's message and builds the reply. Throws `NegentropyFormatError` on bad input. */
  reconcile(message: Uint8Array): NegRound {
    const have: string[] = [];
    const need: string[] = [];
    const r = new ByteReader(message);
    this.#coder.reset();
    const full = new ByteWriter();
    full.byte(NEG_PROTOCOL_VERSION);
    const version = r.byte();
    if (version < 0x60 || version > 0x6f) throw new NegentropyFormatError('invalid protocol version byte');
    if (version !== NEG_PROTOCOL_VERSION) {
      if (this.#initiator) throw new NegentropyFormatError(`unsupported protocol version ${version - 0x60}`);
      // The spec's downgrade: answer with the highest version we speak, alone.
      return { output: full.finish(), have, need };
    }
    const storage = this.#storage;
    const ranges = this.#read(r, message.length, have, need);
    // What handing each range back unsplit would cost from there to the end (keepRanges only).
    const keepAfter = new Float64Array(ranges.length + 1);
    for (let i = ranges.length - 1; i >= 0; i--) {
      const g = ranges[i]!;
      keepAfter[i] = keepAfter[i + 1]! + (g.settled ? 0 : 2 * g.boundBytes + 2 + NEG_FINGERPRINT_SIZE);
    }
    const keepShare = this.#split_.keepRanges ?? 0;
    const keepRanges = keepShare > 0;
    const keepCap = keepShare * this.#frameSizeLimit;
    let kept = 0;
    let prevBound: NegBound = NEG_MIN_BOUND;
    let skip = false;
    let keep = false;
    let progressed = false;
    for (let i = 0; i < ranges.length; i++) {
      const g = ranges[i]!;
      if (g.settled) {
        skip = true;
        prevBound = g.bound;
        continue;
      }
      const mark = this.#coder.mark();
      const o = new ByteWriter();
      if (skip) {
        this.#coder.write(o, prevBound);
        o.varint(NegMode.Skip);
      }
      if (!keep && g.mode === NegMode.IdList) {
        // The responder's ids for their id list, cut short (and the range with them) if the frame
        // would overflow; the rest of the universe then follows as one fingerprint.
        let upper = g.upper;
        let endBound = g.bound;
        for (let k = g.lower; k < g.upper; k++) {
          if (this.#exceeds(full.length + (k - g.lower) * NEG_ID_SIZE)) {
            endBound = storage.boundOf(k);
            upper = k;
            break;
          }
        }
        this.#coder.write(o, endBound);
        o.varint(NegMode.IdList);
        o.varint(upper - g.lower);
        for (let k = g.lower; k < upper; k++) o.bytes(storage.id(k));
        full.bytes(o.finish());
        skip = false;
        progressed = true;
        prevBound = g.bound;
        if (this.#exceeds(full.length)) {
          this.#fold(full, undefined, upper);
          break;
        }
        continue;
      }
      if (keep) {
        if (kept > keepCap) {
          this.#fold(full, skip ? prevBound : undefined, g.lower);
          break;
        }
        this.#coder.write(o, g.bound);
        o.varint(NegMode.Fingerprint);
        o.bytes(storage.fingerprint(g.lower, g.upper));
        kept += o.length;
      } else {
        this.#split(g.lower, g.upper, g.bound, o);
      }
      if (
        keepRanges &&
        !keep &&
        progressed &&
        this.#exceeds(full.length + o.length + Math.min(keepAfter[i + 1]!, keepCap + 100))
      ) {
        // Splitting this range would leave no room to hand the rest back as they came: from here
        // on each range goes back as one fingerprint of ours, for the other side to split.
        this.#coder.rewind(mark);
        keep = true;
        i--;
        continue;
      }
      if (this.#exceeds(full.length + o.length)) {
        // Over the limit: the rest of the universe goes back as one fingerprint for a later round.
        // (The reference folds from the end of this range, leaving out the range itself and any
        // pending skip; its fingerprint then never matches and the range is split next round.
        // Kept for byte equality with it; keepRanges folds exactly what is left.)
        this.#coder.rewind(mark);
        if (keepRanges) this.#fold(full, skip ? prevBound : undefined, g.lower);
        else this.#fold(full, undefined, g.upper);
        break;
      }
      full.bytes(o.finish());
      skip = false;
      progressed ||= !keep;
      prevBound = g.bound;
    }
    const done = full.length === 1 && this.#initiator;
    return { output: done ? null : full.finish(), have, need };
  }

  /**
   * Reads every range of a message and places it in our storage, so the reply can be planned
   * with the whole message in view. As initiator, id lists are settled here (have and need).
   */
  #read(r: ByteReader, messageLength: number, have: string[], need: string[]): InRange[] {
    const storage = this.#storage;
    const size = storage.size;
    const ranges: InRange[] = [];
    let prevIndex = 0;
    while (r.more) {
      const start = r.position;
      const bound = this.#coder.read(r);
      const mode = r.varint();
      const boundBytes = r.position - start;
      const lower = prevIndex;
      const upper = storage.lowerBound(prevIndex, size, bound);
      let settled = true;
      if (mode === NegMode.Fingerprint) {
        const theirs = r.bytes(NEG_FINGERPRINT_SIZE);
        settled = equalBytes(theirs, storage.fingerprint(lower, upper));
      } else if (mode === NegMode.IdList) {
        const count = r.varint();
        if (count * NEG_ID_SIZE > messageLength) throw new NegentropyFormatError('id list longer than the message');
        if (this.#initiator) {
          const theirIds = new Set<string>();
          for (let i = 0; i < count; i++) theirIds.add(bytesToHex(r.bytes(NEG_ID_SIZE)));
          for (let i = lower; i < upper; i++) {
            const k = storage.idHex(i);
            if (!theirIds.delete(k)) have.push(k);
          }
          for (const k of theirIds) need.push(k);
        } else {
          r.bytes(count * NEG_ID_SIZE);
          settled = false;
        }
      } else if (mode !== NegMode.Skip) {
        throw new NegentropyFormatError(`unknown range mode ${mode}`);
      }
      ranges.push({ bound, mode, lower, upper, settled, boundBytes });
      prevIndex = upper;
    }
    return ranges;
  }

  /** Closes a truncated message: a pending skip, then records [from, end) as one fingerprint. */
  #fold(w: ByteWriter, skipTo: NegBound | undefined, from: number): void {
    if (skipTo) {
      this.#coder.write(w, skipTo);
      w.varint(NegMode.Skip);
    }
    this.#coder.write(w, NEG_MAX_BOUND);
    w.varint(NegMode.Fingerprint);
    w.bytes(this.#storage.fingerprint(from, this.#storage.size));
  }

  /** Covers records [lower, upper) up to `upperBound`: one id list when few, else BUCKETS fingerprints. */
  #split(lower: number, upper: number, upperBound: NegBound, w: ByteWriter): void {
    const storage = this.#storage;
    const n = upper - lower;
    const { buckets, idListBelow } = this.#split_;
    // Never answer a range with a single fingerprint (the spec warns it may never terminate).
    if (n < Math.max(idListBelow, buckets)) {
      this.#coder.write(w, upperBound);
      w.varint(NegMode.IdList);
      w.varint(n);
      for (let i = lower; i < upper; i++) w.bytes(storage.id(i));
      return;
    }
    const per = Math.floor(n / buckets);
    const extra = n % buckets;
    let curr = lower;
    for (let b = 0; b < buckets; b++) {
      const start = curr;
      curr += per + (b < extra ? 1 : 0);
      const fp = storage.fingerprint(start, curr);
      this.#coder.write(w, curr === upper ? upperBound : storage.minimalBound(curr));
      w.varint(NegMode.Fingerprint);
      w.bytes(fp);
    }
  }

  #exceeds(bytes: number): boolean {
    return this.#frameSizeLimit !== 0 && bytes > this.#frameSizeLimit - FRAME_SLACK;
  }
}

/** A range of an incoming message, located in our records. */
interface InRange {
  bound: NegBound;
  mode: number;
  /** Our records in the range: [lower, upper). */
  lower: number;
  upper: number;
  /** Needs no answer: a skip, a fingerprint equal to ours, or (initiator) an id list. */
  settled: boolean;
  /** Bytes its bound and mode took in their message: about what handing it back costs. */
  boundBytes: number;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
