import { type Intake, NoDeskError } from '../intake.js';
import { emailToArrival } from './parse.js';
import { smtpError } from './smtp.js';

/**
 * The SMTP intake's message handler: parse, then into the queue. No desk is a temporary failure
 * (451: the sending server keeps the mail and retries); mail that cannot be read is refused (554).
 */
export function deliverEmail(
  intake: Intake,
  via: 'smtp' | 'imap' = 'smtp',
): (raw: Buffer, envelopeFrom: string) => Promise<void> {
  return async (raw, envelopeFrom) => {
    let arrival: Awaited<ReturnType<typeof emailToArrival>>;
    try {
      arrival = await emailToArrival(raw, envelopeFrom);
    } catch (err) {
      throw smtpError(554, `5.6.0 the message could not be read: ${(err as Error).message.slice(0, 100)}`);
    }
    try {
      await intake.receive({ ...arrival, via });
    } catch (err) {
      if (err instanceof NoDeskError) throw smtpError(451, '4.3.0 this intake has no desk yet, try again later');
      throw err;
    }
  };
}
