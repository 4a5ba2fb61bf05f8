import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How often the node looks at its memory (by default). */
const CHECK_MS = 5000;
/** Buffers worth a collection: external memory this far above the lowest level seen since the last one. */
const WORTH_BYTES = 8 * 1024 * 1024;
/** ...or V8 heap this far above its lowest size since the last one (heap the memory reducer may never give back). */
const WORTH_HEAP_BYTES = 24 * 1024 * 1024;
/** Quiet: external memory moved less than this between two looks... */
const QUIET_BYTES = 1024 * 1024;
/** ...and the event loop was busy less than this share of the time between them. */
const QUIET_UTILIZATION = 0.05;

type Collect = () => void;

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
 * Collects garbage once when the node goes quiet after a burst that left buffers behind.
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
 */
export function collectWhenQuiet(everyMs = CHECK_MS): { stop(): void } {
  const collect = collector();
  if (!collect) return { stop() {} };
  // A full collection of a quiet node's heap (tens of MB) takes a few ms; the asynchronous kind
  // Node 20's V8 offers was measured to do nothing within 500 ms.
  let floor = process.memoryUsage().external;
  let heapFloor = process.memoryUsage().heapTotal;
  let last = floor;
  let loop = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const { external: now, heapTotal } = process.memoryUsage();
    const busy = performance.eventLoopUtilization(loop).utilization;
    loop = performance.eventLoopUtilization();
    const quiet = Math.abs(now - last) < QUIET_BYTES && busy < QUIET_UTILIZATION;
    last = now;
    floor = Math.min(floor, now);
    heapFloor = Math.min(heapFloor, heapTotal);
    if (!quiet || (now - floor < WORTH_BYTES && heapTotal - heapFloor < WORTH_HEAP_BYTES)) return;
    collect();
    const after = process.memoryUsage();
    floor = after.external;
    heapFloor = after.heapTotal;
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
