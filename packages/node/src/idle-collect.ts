import { performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How often the node looks at its memory (by default). */
const CHECK_MS = 5000;
/** Buffers worth a collection: external memory this far above the lowest level seen since the last one. */
const WORTH_BYTES = 8 * 1024 * 1024;
/** ...or V8 heap this far above its lowest size since the last one (heap the memory reducer may never give back). */
const WORTH_HEAP_BYTES = 24 * 1024 * 1024;
/** ...or V8's young generation this far above its smallest size (a burst grew it; it is empty once quiet). */
const WORTH_YOUNG_BYTES = 4 * 1024 * 1024;
/** Collections in a row for a young generation that stays grown; then it waits for the next burst. */
const YOUNG_TRIES = 3;
/** Between two of those: V8 judges its allocation rate over the last ~5 s, so a sooner try sees the same rate. */
const YOUNG_SPACING_MS = 5000;
/** Quiet: external memory moved less than this between two looks... */
const QUIET_BYTES = 1024 * 1024;
/** ...and the event loop was busy less than this share of the time between them. */
const QUIET_UTILIZATION = 0.05;

type Collect = () => void;

/** Bytes of V8's young generation (new space) in memory now. */
function youngBytes(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.physical_space_size ?? 0;
}

/** What V8's young generation starts at (one 1 MB semi-space), the size it shrinks back to. */
const YOUNG_START_BYTES = 1024 * 1024;

/**
 * V8's `gc`, which Node gives only to contexts created after the flag is set (the flag is read
 * when a context is made, so this one call is all it changes).
 */
function collector(): Collect | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as Collect) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Collects garbage when the node goes quiet after a burst that left memory behind.
 *
 * Stored query results cross from the reader threads as buffers, and sockets are written from
 * buffers: memory outside V8's heap, freed only when a collection finds it dead. V8 starts
 * collections as its own heap grows, and a burst of reads grows it little, so an idle node kept
 * 20-40 MB of dead buffers after twenty never-reading sockets until the next traffic arrived
 * (measured with process.memoryUsage().external; tests/src/relay/hostile.load.test.ts). One
 * collection when external memory has stayed `WORTH_BYTES` up while the event loop idled returns
 * them; a busy node never gets one (its own collections do the work, and a full collection's pause
 * would land on its clients), and a level that stays up because the buffers are alive costs one
 * collection, not one per look.
 *
 * A burst also grows V8's young generation, up to 16 MB a semi-space (32 MB committed and
 * resident), and V8 gives that back only in a collection made while its estimate of the
 * allocation rate is low (under ~1 KB/ms over the last ~5 s) or by its memory reducer, whose
 * timing varies: after a REQ flood the young generation stayed at 32 MB with under 3 MB in use for
 * 35-45 s, nothing in it alive (heap snapshots before and after held the same objects;
 * bench/RESULTS.md, "Memory after the attacks"). A collection right after the burst often keeps
 * it, since the rate estimate still includes the burst, so while it stays grown and the node
 * quiet this tries again `YOUNG_SPACING_MS` later, at most `YOUNG_TRIES` times per burst.
 */
export function collectWhenQuiet(everyMs = CHECK_MS): { stop(): void } {
  const collect = collector();
  if (!collect) return { stop() {} };
  // A full collection of a quiet node's heap (tens of MB) takes a few ms; the asynchronous kind
  // Node 20's V8 offers was measured to do nothing within 500 ms.
  let floor = process.memoryUsage().external;
  let heapFloor = process.memoryUsage().heapTotal;
  // Start-up may have grown it already: the floor is where V8 starts, not the first look.
  let youngFloor = Math.min(youngBytes(), YOUNG_START_BYTES);
  let youngTries = 0;
  let youngTried = 0;
  let last = floor;
  let loop = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const { external: now, heapTotal } = process.memoryUsage();
    const young = youngBytes();
    const busy = performance.eventLoopUtilization(loop).utilization;
    loop = performance.eventLoopUtilization();
    const quiet = Math.abs(now - last) < QUIET_BYTES && busy < QUIET_UTILIZATION;
    last = now;
    floor = Math.min(floor, now);
    heapFloor = Math.min(heapFloor, heapTotal);
    youngFloor = Math.min(youngFloor, young);
    // Traffic between two looks is a new burst: the young generation gets its tries again.
    if (!quiet) youngTries = 0;
    const youngGrown =
      young - youngFloor >= WORTH_YOUNG_BYTES &&
      youngTries < YOUNG_TRIES &&
      performance.now() - youngTried >= YOUNG_SPACING_MS;
    if (!quiet || (now - floor < WORTH_BYTES && heapTotal - heapFloor < WORTH_HEAP_BYTES && !youngGrown)) return;
    collect();
    const after = process.memoryUsage();
    floor = after.external;
    heapFloor = after.heapTotal;
    // Given back, or tried enough: either way the next try waits for the next burst.
    youngTries = youngBytes() - youngFloor < WORTH_YOUNG_BYTES ? YOUNG_TRIES : youngTries + 1;
    youngTried = performance.now();
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
