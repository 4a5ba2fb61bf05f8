import type { Filter } from '@lifeline/nostr';
import type { SyncItems } from '@lifeline/store';
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

/** A query's first chunk and the keys of everything after it. */
export interface FirstChunk {
  jsons: string[];
  rest: ResultKeys;
}

/** What each kind of job answers. */
export interface ReadAnswers {
  query: FirstChunk;
  fetch: string[];
  count: number;
  sync: SyncItems;
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
        jsons: reader.jsons(keys.seqs.slice(0, end), job.now, cancelled),
        rest: { seqs: keys.seqs.slice(end), sizes: keys.sizes.slice(end) },
      };
    }
    case 'fetch':
      return reader.jsons(job.seqs, job.now, cancelled);
    case 'count':
      return reader.count(job.filters, job.now);
    case 'sync':
      return reader.syncItems(job.filters, job.now, job.max, cancelled);
  }
}
