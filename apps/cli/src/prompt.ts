import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { UsageError } from './args.js';

/**
 * Asks for a passphrase so it never appears on the command line (shell history, `ps`): typed
 * without echo on a terminal, twice when `confirm` (the two must match), or else read as the first
 * line of standard input (`lifeline keygen --passphrase < file`).
 */
export async function askPassphrase(confirm: boolean): Promise<string> {
  if (!process.stdin.isTTY) return nonEmpty(await firstLine(process.stdin));
  const passphrase = nonEmpty(await readHidden('passphrase: '));
  if (confirm && (await readHidden('again: ')) !== passphrase)
    throw new UsageError('the two passphrases differ; nothing was written');
  return passphrase;
}

function nonEmpty(passphrase: string | undefined): string {
  if (passphrase === undefined) {
    throw new UsageError(
      'no passphrase: standard input is empty or closed; type it on a terminal, or pipe it in as one line',
    );
  }
  if (passphrase === '') throw new UsageError('the passphrase is empty');
  return passphrase;
}

/** The first line of a stream without its line ending; undefined when the stream ends with nothing. */
function firstLine(input: Readable): Promise<string | undefined> {
  return new Promise((resolve) => {
    const rl = createInterface({ input, crlfDelay: Infinity });
    let line: string | undefined;
    rl.once('line', (text) => {
      line = text;
      rl.close();
    });
    rl.once('close', () => {
      input.destroy();
      resolve(line);
    });
    // A closed descriptor (`<&-`) errors instead of ending: the same as nothing to read.
    input.once('error', () => rl.close());
  });
}

/** Reads a line from the terminal without echoing it. */
function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    // readline echoes through _writeToOutput; muting it after the prompt hides the typing.
    const muted = rl as unknown as { _writeToOutput: (s: string) => void };
    let prompted = false;
    const write = muted._writeToOutput.bind(rl);
    muted._writeToOutput = (s: string) => {
      if (!prompted) write(s);
    };
    rl.question(prompt, (answer) => {
      process.stderr.write('\n');
      rl.close();
      resolve(answer);
    });
    prompted = true;
    rl.once('SIGINT', () => {
      rl.close();
      reject(new UsageError('cancelled'));
    });
  });
}
