/** Worker for gen-dataset: signs one chunk of events at a time (signing is the slow part, so it runs on every core). */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { initNostrWasm } from 'nostr-wasm';
import { seededRandom } from '@lifeline/testkit';
import { NativeSigner } from './lib/signer.js';
import { zipfSampler } from './lib/random.js';
import { hashtags, postText, reactions } from './lib/text.js';

/** What the coordinator hands every worker once. */
export interface GenWorkerData {
  authors: { sk: string; pk: string }[];
  total: number;
  seed: number;
  zipf: number;
  nowSec: number;
  chunkDir: string;
  chunkSize: number;
  /** Path of the native signer, or null to sign with nostr-wasm (about 20x slower here). */
  signer: string | null;
}

interface Draft {
  kind: number;
  created_at: number;
  tags: string[][];
  content: string;
  id: string;
  pubkey: string;
  sig: string;
}

interface Recent {
  id: string;
  pk: string;
  line: string;
}

const THIRTY_DAYS = 30 * 24 * 3600;
const data = workerData as GenWorkerData;
const nostr = data.signer === null ? await initNostrWasm() : null;
const native = data.signer === null ? null : new NativeSigner(data.signer);
const secretKeys = data.authors.map((a) => Uint8Array.from(Buffer.from(a.sk, 'hex')));
const BATCH = 1000;

/** Fills id, pubkey and sig of each draft; `ranks` gives each draft's author. */
async function signAll(drafts: Draft[], ranks: number[]): Promise<void> {
  if (native === null || nostr !== null) {
    for (const [i, d] of drafts.entries()) nostr?.finalizeEvent(d, secretKeys[ranks[i] ?? 0] ?? new Uint8Array(32));
    return;
  }
  const pairs: [string, string][] = drafts.map((d, i) => {
    const author = data.authors[ranks[i] ?? 0];
    if (author === undefined) throw new Error('author index out of range');
    d.pubkey = author.pk;
    d.id = createHash('sha256')
      .update(JSON.stringify([0, d.pubkey, d.created_at, d.kind, d.tags, d.content]))
      .digest('hex');
    return [author.sk, d.id];
  });
  const sigs = await native.sign(pairs);
  for (const [i, d] of drafts.entries()) d.sig = sigs[i] ?? '';
}

async function generateChunk(chunk: number): Promise<void> {
  const rand = seededRandom(data.seed * 1_000_003 + chunk);
  const pickAuthor = zipfSampler(data.authors.length, data.zipf, rand);
  const recent: Recent[] = [];
  const lines: string[] = [];
  const start = chunk * data.chunkSize;
  const end = Math.min(data.total, start + data.chunkSize);
  for (let batchStart = start; batchStart < end; batchStart += BATCH) {
    const drafts: Draft[] = [];
    const ranks: number[] = [];
    for (let i = batchStart; i < Math.min(end, batchStart + BATCH); i++) {
      const rank = pickAuthor();
      // Time grows with the index, so loading the file in order looks like 30 days of live traffic.
      const createdAt =
        data.nowSec - THIRTY_DAYS + Math.floor((i / data.total) * THIRTY_DAYS) + Math.floor(rand() * 60);
      const target = recent.length > 0 ? recent[Math.floor(rand() * recent.length)] : undefined;
      const roll = rand();
      const event: Draft = { kind: 1, created_at: createdAt, tags: [], content: '', id: '', pubkey: '', sig: '' };
      if (target !== undefined && roll < 0.12) {
        // NIP-18 repost: content is the reposted event's JSON.
        event.kind = 6;
        event.content = target.line;
        event.tags = [
          ['e', target.id, ''],
          ['p', target.pk],
        ];
      } else if (target !== undefined && roll < 0.3) {
        event.kind = 7;
        event.content = reactions[Math.floor(rand() * reactions.length)] ?? '+';
        event.tags = [
          ['e', target.id],
          ['p', target.pk],
          ['k', '1'],
        ];
      } else {
        event.content = postText(rand);
        if (target !== undefined && rand() < 0.3) {
          // NIP-10 reply with marked e tag.
          event.tags.push(['e', target.id, '', 'root'], ['p', target.pk]);
        } else if (rand() < 0.1) {
          const mention = data.authors[Math.floor(rand() * data.authors.length)];
          if (mention !== undefined) event.tags.push(['p', mention.pk]);
        }
        if (rand() < 0.25) {
          const tag = hashtags[Math.floor(rand() * hashtags.length)] ?? 'news';
          event.content += ` #${tag}`;
          event.tags.push(['t', tag]);
        }
      }
      drafts.push(event);
      ranks.push(rank);
    }
    // Reposts embed their target's signed JSON, so only signed events enter `recent`.
    await signAll(drafts, ranks);
    for (const event of drafts) {
      const line = JSON.stringify({
        id: event.id,
        pubkey: event.pubkey,
        created_at: event.created_at,
        kind: event.kind,
        tags: event.tags,
        content: event.content,
        sig: event.sig,
      });
      lines.push(line);
      if (event.kind === 1) {
        if (recent.length < 2000) recent.push({ id: event.id, pk: event.pubkey, line });
        else recent[Math.floor(rand() * recent.length)] = { id: event.id, pk: event.pubkey, line };
      }
    }
  }
  const file = join(data.chunkDir, `${String(chunk).padStart(5, '0')}.jsonl`);
  writeFileSync(`${file}.tmp`, `${lines.join('\n')}\n`);
  renameSync(`${file}.tmp`, file);
}

parentPort?.on('message', (chunk: number | null) => {
  if (chunk === null) {
    native?.close();
    process.exit(0);
  }
  void generateChunk(chunk).then(() => parentPort?.postMessage(chunk));
});
parentPort?.postMessage('ready');
