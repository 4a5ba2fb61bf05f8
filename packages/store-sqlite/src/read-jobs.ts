import type { Filter, NostrEvent } from '@lifeline/nostr';
import type { StoredEvent, SyncItems } from '@lifeline/store';
import { Cancelled, type Reader, type ResultKeys } from './reader.js';

/**
 * How big one chunk of a streamed query may be: at most `bytes` of JSON or `events` events (never less
 * than one event).
 */
export interface ChunkBounds {
  bytes: number;
  events: number;
}

/** One unit of read work, as plain data so it can cross to a reader thread. */
export type ReadJob =
  /** Collect a query's keys and read its first chunk. */
  | { type: 'query'; filters: Filter[]; maxLimit: number; now: number; maxBytes: number; chunk: ChunkBounds }
  /** Read the JSON of one later chunk. */
  | { type: 'fetch'; seqs: number[]; now: number }
  | { type: 'count'; filters: Filter[]; now: number }
  /** NIP-77 sync records: (created_at, id) of every match, ascending. */
  | { type: 'sync'; filters: Filter[]; now: number; max: number };

/**
 * Events' JSON in one UTF-8 buffer: event i is bytes `ends[i-1] ?? 0` to `ends[i]`. From a reader
 * thread the buffer is transferred, not cloned: the events reach the relay as the bytes it sends,
 * with no copy on the way and no string on the main thread's heap.
 */
export interface JsonChunk {
  buffer: ArrayBuffer;
  ends: number[];
}

/** A query's first chunk and the keys of everything after it. */
export interface FirstChunk {
  chunk: JsonChunk;
  rest: ResultKeys;
}

/** What each kind of job answers. */
export interface ReadAnswers {
  query: FirstChunk;
  fetch: JsonChunk;
  count: number;
  sync: SyncItems;
}

/** Packs JSON strings into one chunk, in one allocation of exactly their UTF-8 size. */
export function packJsons(jsons: readonly string[]): JsonChunk {
  const ends: number[] = [];
  let total = 0;
  for (const json of jsons) ends.push((total += Buffer.byteLength(json)));
  // Not from Buffer's shared pool: the buffer must be whole to be transferred.
  const out = Buffer.allocUnsafeSlow(total);
  let at = 0;
  for (const json of jsons) at += out.write(json, at);
  return { buffer: out.buffer as ArrayBuffer, ends };
}

/** StoredEvents over a chunk's bytes (views, not copies); `json` and `event` are decoded on first read. */
export function storedChunk({ buffer, ends }: JsonChunk): StoredEvent[] {
  const out: StoredEvent[] = [];
  let start = 0;
  for (const end of ends) {
    const bytes = Buffer.from(buffer, start, end - start);
    let json: string | undefined;
    let event: NostrEvent | undefined;
    out.push({
      bytes,
      get json(): string {
        return (json ??= bytes.toString('utf8'));
      },
      get event(): NostrEvent {
        return (event ??= JSON.parse(this.json) as NostrEvent);
      },
    });
    start = end;
  }
  return out;
}

/** The buffers in a job's answer, to transfer rather than clone. */
export function transferable(answer: ReadAnswers[ReadJob['type']]): ArrayBuffer[] {
  if (typeof answer === 'number') return [];
  if ('timestamps' in answer) return [answer.timestamps.buffer as ArrayBuffer, answer.ids.buffer as ArrayBuffer];
  return ['buffer' in answer ? answer.buffer : answer.chunk.buffer];
}

/** Where the chunk starting at `from` ends (exclusive): one event at least, then while both bounds hold. */
export function chunkEnd(sizes: readonly number[], from: number, bounds: ChunkBounds): number {
  let end = Math.min(from + 1, sizes.length);
  let bytes = sizes[from] ?? 0;
  while (end < sizes.length && end - from < bounds.events && bytes + sizes[end]! <= bounds.bytes)
    bytes += sizes[end++]!;
  return end;
}

/** Runs one job against a reader; `cancelled` is polled before each filter and each fetched row. */
export function runReadJob(reader: Reader, job: ReadJob, cancelled: () => boolean): ReadAnswers[ReadJob['type']] {
  if (cancelled()) throw new Cancelled();
  switch (job.type) {
    case 'query': {
      const keys = reader.keys(job.filters, job.maxLimit, job.now, { maxBytes: job.maxBytes, cancelled });
      const end = chunkEnd(keys.sizes, 0, job.chunk);
      return {
        chunk: packJsons(reader.jsons(keys.seqs.slice(0, end), job.now, cancelled)),
        rest: { seqs: keys.seqs.slice(end), sizes: keys.sizes.slice(end) },
      };
    }
    case 'fetch':
      return packJsons(reader.jsons(job.seqs, job.now, cancelled));
    case 'count':
      return reader.count(job.filters, job.now);
    case 'sync':
      return reader.syncItems(job.filters, job.now, job.max, cancelled);
  }
}
