import { createInterface } from 'node:readline';

/**
 * Reads a line from the terminal without echoing it (for passphrases). Refuses when stdin is not
 * a terminal, because a piped passphrase would be echoed or logged somewhere we cannot see.
 */
export function readSecret(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return Promise.reject(new Error('no terminal to ask for a passphrase; use --passphrase'));
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: stdin, output: process.stderr, terminal: true });
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
      reject(new Error('cancelled'));
    });
  });
}
