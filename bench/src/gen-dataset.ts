/** Generates the pre-signed dataset (authors + events JSONL) once; later runs reuse it. */
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { createInterface } from 'node:readline';
import { initNostrWasm } from 'nostr-wasm';
import { parseArgs } from './lib/args.js';
import { type Author, type DatasetMeta, datasetPaths, defaultDataDir, readAuthors } from './lib/dataset.js';
import type { GenWorkerData } from './gen-worker.js';
import { buildNativeSigner } from './lib/signer.js';

const args = parseArgs();
const dir = args.str('data', defaultDataDir);
const total = args.num('events', 1_000_000);
const authorCount = args.num('authors', 10_000);
const seed = args.num('seed', 2009);
const zipf = args.num('zipf', 0.8);
const workers = args.num('workers', cpus().length);
const chunkSize = 20_000;
const paths = datasetPaths(dir);

if (existsSync(paths.meta) && !args.flag('force')) {
  console.log(`dataset already present in ${dir} (use --force to regenerate)`);
  process.exit(0);
}
mkdirSync(paths.chunks, { recursive: true });

/** Keys derive from the seed, so an interrupted run resumes with the same authors. */
async function ensureAuthors(): Promise<Author[]> {
  if (existsSync(paths.authors)) {
    const existing = readAuthors(dir);
    if (existing.length === authorCount) return existing;
  }
  const nostr = await initNostrWasm();
  const authors: Author[] = [];
  for (let i = 0; i < authorCount; i++) {
    const sk = createHash('sha256').update(`lifeline-bench:${seed}:${i}`).digest();
    const pk = Buffer.from(nostr.getPublicKey(sk)).toString('hex');
    authors.push({ sk: sk.toString('hex'), pk });
  }
  writeFileSync(paths.authors, `${authors.map((a) => JSON.stringify(a)).join('\n')}\n`);
  return authors;
}

const authors = await ensureAuthors();
const chunkCount = Math.ceil(total / chunkSize);
const done = new Set(
  readdirSync(paths.chunks)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => Number(f.slice(0, 5))),
);
const todo: number[] = [];
for (let c = 0; c < chunkCount; c++) if (!done.has(c)) todo.push(c);
console.log(
  `${authors.length} authors; ${chunkCount - todo.length}/${chunkCount} chunks already signed; ${workers} workers`,
);

const started = performance.now();
const todoCount = todo.length;
let finished = 0;
const signer = args.str('signer', 'native') === 'native' ? buildNativeSigner(dir) : null;
console.log(signer === null ? 'signing with nostr-wasm' : `signing with ${signer}`);
const nowSec = Math.floor(Date.now() / 1000);
const workerData: GenWorkerData = { authors, total, seed, zipf, nowSec, chunkDir: paths.chunks, chunkSize, signer };
await Promise.all(
  Array.from({ length: Math.min(workers, todo.length) }, async () => {
    const worker = new Worker(new URL('./gen-worker.js', import.meta.url), { workerData });
    await new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (msg: number | 'ready') => {
        if (msg !== 'ready') {
          finished++;
          const rate = (finished * chunkSize) / ((performance.now() - started) / 1000);
          console.log(`chunk ${msg} signed (${finished}/${todoCount}, ${Math.round(rate)} events/s)`);
        }
        const next = todo.shift();
        if (next === undefined) {
          worker.postMessage(null);
          resolve();
        } else worker.postMessage(next);
      });
    });
  }),
);

// Concatenate chunks in order and count kinds for the meta file.
const kinds: Record<string, number> = {};
const out = createWriteStream(paths.events);
let events = 0;
for (let c = 0; c < chunkCount; c++) {
  const lines = createInterface({ input: createReadStream(join(paths.chunks, `${String(c).padStart(5, '0')}.jsonl`)) });
  for await (const line of lines) {
    if (line.length === 0) continue;
    const kind = /"kind":(\d+)/.exec(line)?.[1] ?? '?';
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    events++;
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
}
out.end();
await once(out, 'finish');
const meta: DatasetMeta = { events, authors: authors.length, seed, zipf, generatedAt: new Date().toISOString(), kinds };
writeFileSync(paths.meta, `${JSON.stringify(meta, null, 2)}\n`);
// The chunks only served resumption; events.jsonl now holds everything.
rmSync(paths.chunks, { recursive: true, force: true });
console.log(
  `wrote ${events} events to ${paths.events} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  kinds,
);
