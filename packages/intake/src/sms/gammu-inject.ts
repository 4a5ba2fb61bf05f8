import { lastLine, runTool } from '../run-tool.js';

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
export async function gammuInject(
  outbox: GammuOutbox,
  number: string,
  text: string,
  timeoutMs = 30_000,
): Promise<string> {
  number = number.replace(/[\s().-]/g, '');
  if (!/^\+?\d{3,20}$/.test(number)) throw new Error('gammu replies need a phone number');
  // -len counts UTF-16 units; a reply longer than one SMS is sent as a multipart message.
  const args = ['-c', outbox.config, 'TEXT', number, '-unicode', '-len', String(Math.max(1, text.length))];
  const run = await runTool({ command: outbox.inject, args, input: text, timeoutMs, debian: 'gammu-smsd' });
  if (run.code !== 0) throw new Error(`gammu-smsd-inject failed: ${lastLine(run)}`);
  return /Written message with ID (.+)$/m.exec(run.tail)?.[1]?.trim() ?? '';
}
