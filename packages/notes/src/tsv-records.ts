// Record-level reading of the public download's TSV files: plain or gzip (recognised by its magic
// bytes), streamed line by line. Fields are split on tabs; a field that starts with a double quote
// runs to its closing quote, across tabs and line breaks, with "" for a literal quote, as pandas
// reads these files for the reference scorer. Lines without quotes take the fast path.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** A file that cannot be read as the public format; the message names the file and line. */
export class NotesTsvError extends Error {
  override name = 'NotesTsvError';
}

/** Lines of a plain or gzip file (gzip recognised by its magic bytes), with 1-based numbers. */
async function* lines(path: string): AsyncGenerator<[string, number]> {
  let head: Buffer;
  try {
    const fh = await open(path, 'r');
    try {
      head = Buffer.alloc(2);
      await fh.read(head, 0, 2, 0);
    } finally {
      await fh.close();
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new NotesTsvError(`${path}: no such file`);
    if (e.code === 'EISDIR') throw new NotesTsvError(`${path}: is a directory`);
    throw new NotesTsvError(`${path}: cannot read (${e.code ?? e.message})`);
  }
  const raw = createReadStream(path);
  const gz = head[0] === 0x1f && head[1] === 0x8b;
  const stream = gz ? raw.pipe(createGunzip()) : raw;
  const failure: { err?: Error } = {};
  stream.on('error', (err: Error) => {
    failure.err = err;
  });
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of rl) {
      n++;
      yield [line, n];
    }
  } catch (err) {
    failure.err = err as Error;
  }
  if (failure.err)
    throw new NotesTsvError(`${path}: ${gz ? 'not a valid gzip file' : 'read failed'} (${failure.err.message})`);
}

/** A record that may continue over several lines because a quoted field holds a line break. */
class QuotedRecord {
  fields: string[] = [];
  field = '';
  inQuote = false;
  atFieldStart = true;

  /** Consumes one physical line; true when the record is complete. */
  feed(line: string): boolean {
    for (let i = 0; i < line.length; i++) {
      const c = line[i] as string;
      if (this.inQuote) {
        if (c !== '"') this.field += c;
        else if (line[i + 1] === '"') {
          this.field += '"';
          i++;
        } else this.inQuote = false;
      } else if (c === '\t') {
        this.fields.push(this.field);
        this.field = '';
        this.atFieldStart = true;
        continue;
      } else if (c === '"' && this.atFieldStart) this.inQuote = true;
      else this.field += c;
      this.atFieldStart = false;
    }
    if (this.inQuote) {
      this.field += '\n';
      return false;
    }
    this.fields.push(this.field);
    return true;
  }
}

/** The records of a TSV file as field arrays, each with the number of the line it starts on. */
export async function* records(path: string): AsyncGenerator<[string[], number]> {
  let pending: QuotedRecord | undefined;
  let startLine = 0;
  for await (const [line, n] of lines(path)) {
    if (!pending && !line.includes('"')) {
      yield [line.split('\t'), n];
      continue;
    }
    if (!pending) {
      pending = new QuotedRecord();
      startLine = n;
    }
    if (pending.feed(line)) {
      yield [pending.fields, startLine];
      pending = undefined;
    }
  }
  if (pending) throw new NotesTsvError(`${path} line ${startLine}: a quoted field is never closed`);
}
