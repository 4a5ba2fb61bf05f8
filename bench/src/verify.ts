// Signature verification throughput: each backend in-thread (per CPU-second), then the pool (wall clock).
// Usage: node bench/dist/verify.js [events=20000] [authors=1000]
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { initNostrWasm } from 'nostr-wasm';
import type { NostrEvent } from '@lifeline/nostr';
import { createVerifier, loadBackend, type BackendName } from '@lifeline/verify';
// The raw addon and packing, to measure their costs apart from the pool.
import { loadNative, packEvents } from '@lifeline/verify/backend';

const count = Number(process.argv[2] ?? 20_000);
const authors = Number(process.argv[3] ?? 1_000);

/** Signs `n` kind-1 events spread over `keys` authors (nostr-wasm signs ~10x faster than pure JS). */
async function makeEvents(n: number, keys: number): Promise<NostrEvent[]> {
  const nostr = await initNostrWasm();
  const sks = Array.from({ length: keys }, () => nostr.generateSecretKey());
  return Array.from({ length: n }, (_, i) => {
    const e = {
      kind: 1,
      created_at: 1_700_000_000 + i,
      tags: [['t', 'iran']],
      content: `report ${i} from the street`,
    } as NostrEvent;
    nostr.finalizeEvent(e, sks[i % keys]!);
    return e;
  });
}

const rows: [string, number][] = [];
function record(label: string, ms: number, n = count): void {
  const rate = Math.round((n / ms) * 1000);
  rows.push([label, rate]);
  console.error(`${label.padEnd(48)} ${String(rate).padStart(8)} verifies/s`);
}

/** Process CPU milliseconds: unlike wall time, barely moved by other work on a shared machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Best of `rounds` runs in CPU time, after one warm-up (JIT, wasm tiering, a warm pubkey cache). */
function timeSync(label: string, run: () => Uint8Array, n = count, rounds = 3): void {
  run();
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t = cpuMs();
    const verdicts = run();
    best = Math.min(best, cpuMs() - t);
    if (verdicts.some((v) => v !== 1)) throw new Error(`${label}: a valid event failed`);
  }
  record(label, best, n);
}

async function timePool(backend: BackendName, threads: number, events: NostrEvent[]): Promise<void> {
  const v = await createVerifier({ backend, threads });
  await Promise.all(events.slice(0, 200).map((e) => v.verify(e))); // workers loaded and warm
  const t = performance.now();
  const results = await Promise.all(events.map((e) => v.verify(e)));
  record(`pool ${backend}, ${threads} thread${threads > 1 ? 's' : ''}`, performance.now() - t, events.length);
  await v.close();
  if (results.some((r) => !r)) throw new Error('pool: a valid event failed');
}

console.error(`signing ${count} events by ${authors} authors...`);
const events = await makeEvents(count, authors);

const wasm = await loadBackend('wasm');
const wasmSlice = events.slice(0, 5_000);
timeSync('wasm, main thread (includes id re-hash)', () => wasm.verifyEvents(wasmSlice), 5_000, 1);

const native = loadNative();
if (native) {
  const nb = await loadBackend('native');
  const records = packEvents(events);
  timeSync('native, main thread, pubkey cache on', () => native.verifyBatch(records, true));
  timeSync('native, main thread, pubkey cache off', () => native.verifyBatch(records, false));
  timeSync('native, main thread, via verifyEvents (hex packing)', () => nb.verifyEvents(events));
  const distinct = await makeEvents(5_000, 5_000);
  const distinctRecords = packEvents(distinct);
  timeSync('native, 5,000 distinct authors, cache on', () => native.verifyBatch(distinctRecords, true), 5_000);
  timeSync('native, 5,000 distinct authors, cache off', () => native.verifyBatch(distinctRecords, false), 5_000);
  timeSync('hex packing alone (main-thread cost, not a verify)', () => {
    packEvents(events);
    return new Uint8Array([1]);
  });
} else {
  console.error('native addon not built: skipping native rows');
}

for (const backend of native ? (['native', 'wasm'] as const) : (['wasm'] as const)) {
  for (const threads of [1, 2]) await timePool(backend, threads, backend === 'wasm' ? wasmSlice : events);
}

console.log(
  `\n${count} events, ${authors} authors; ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}; node ${process.version}\n`,
);
console.log('| case | verifies/s |\n|---|---:|');
for (const [label, rate] of rows) console.log(`| ${label} | ${rate.toLocaleString('en-US')} |`);
