import { spawn } from 'node:child_process';

/** Where gammu-smsd's outbox is: its configuration file, and the program that writes to it. */
export interface GammuOutbox {
  /** gammu-smsd's configuration (smsdrc): the backend (files, SQL) that holds the outbox. */
  config: string;
  /** gammu-smsd-inject (Debian gammu-smsd). */
  inject: string;
}

/**
 * Queues an SMS in gammu-smsd's outbox with `gammu-smsd-inject -c <config> TEXT <number> -unicode
 * -len <n>` (gammu-smsd-inject(1)); the text goes in on stdin, so it never shows in a process
 * list. gammu-smsd sends it through the modem on its next pass. Resolves with the outbox id.
 */
export function gammuInject(outbox: GammuOutbox, number: string, text: string, timeoutMs = 30_000): Promise<string> {
  number = number.replace(/[\s().-]/g, '');
  if (!/^\+?\d{3,20}$/.test(number)) return Promise.reject(new Error('gammu replies need a phone number'));
  return new Promise((resolve, reject) => {
    // -len counts UTF-16 units; a reply longer than one SMS is sent as a multipart message.
    const args = ['-c', outbox.config, 'TEXT', number, '-unicode', '-len', String(Math.max(1, text.length))];
    const child = spawn(outbox.inject, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
    child.stderr.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new Error(e.code === 'ENOENT' ? `${outbox.inject} is not installed (Debian: gammu-smsd)` : e.message));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`gammu-smsd-inject failed: ${out.trim().split('\n').pop() ?? code}`));
      resolve(/Written message with ID (.+)$/m.exec(out)?.[1]?.trim() ?? '');
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(text);
  });
}
