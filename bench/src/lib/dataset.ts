/** Where the pre-signed bench dataset lives and how scenarios read it back. */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** One author of the dataset; `sk` is kept only in the gitignored data dir, to sign live events later. */
export interface Author {
  sk: string;
  pk: string;
}

/** Summary written once the dataset is complete; its presence means the events file is usable. */
export interface DatasetMeta {
  events: number;
  authors: number;
  seed: number;
  zipf: number;
  generatedAt: string;
  kinds: Record<string, number>;
}

/** Default data dir: `bench/.bench-data` (gitignored), resolved from this file so cwd does not matter. */
export const defaultDataDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '.bench-data');

/** File layout inside a data dir. */
export function datasetPaths(dir: string) {
  return {
    authors: join(dir, 'authors.jsonl'),
    events: join(dir, 'events.jsonl'),
    meta: join(dir, 'meta.json'),
    chunks: join(dir, 'chunks'),
  };
}

/** Reads meta.json, failing with a hint when the dataset has not been generated yet. */
export function readMeta(dir: string): DatasetMeta {
  const { meta } = datasetPaths(dir);
  if (!existsSync(meta)) throw new Error(`no dataset in ${dir}: run node bench/dist/gen-dataset.js first`);
  return JSON.parse(readFileSync(meta, 'utf8')) as DatasetMeta;
}

/** Loads all authors in rank order (rank 0 posts most). */
export function readAuthors(dir: string): Author[] {
  const text = readFileSync(datasetPaths(dir).authors, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Author);
}

/**
 * Streams raw event JSON lines [offset, offset+count). Lines stay strings so publishers can send them
 * without re-serializing (each line starts with `{"id":"<64 hex>"`).
 */
export async function* readEventLines(dir: string, offset = 0, count = Infinity): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(datasetPaths(dir).events), crlfDelay: Infinity });
  let index = 0;
  for await (const line of lines) {
    if (line.length === 0) continue;
    if (index >= offset + count) break;
    if (index++ >= offset) yield line;
  }
  lines.close();
}

/** The event id of a dataset line, read by position because lines are written id-first. */
export function lineId(line: string): string {
  return line.slice(7, 71);
}
