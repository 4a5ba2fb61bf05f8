import {
  NEG_LIFELINE_SPLITTING,
  Negentropy,
  type NegentropyStorage,
  negCloseMessage,
  negMsgMessage,
  negOpenMessage,
  negPayloadBytes,
  parseNegRelayMessage,
  type Filter,
} from '@lifeline/nostr';
import type { RelayLink } from './relay-link.js';

/** What a reconciliation found: ids only we have, ids only the relay has, and the rounds it took. */
export interface Differences {
  have: string[];
  need: string[];
  rounds: number;
}

/** The relay does not speak NIP-77 (or refused this session); the caller falls back to REQ paging. */
export class NegentropyUnsupported extends Error {}

/**
 * Runs NIP-77 as the initiator over a link: NEG-OPEN with our first message, NEG-MSG until our
 * side has nothing left to ask, NEG-CLOSE. Our messages stay under `frameBytes` so they fit the
 * relay's message size after hex encoding (60,000 bytes: 120 KB of hex, under the default 128 KiB). A NOTICE or CLOSED before the first answer, a NEG-ERR
 * other than a size refusal, or no answer within `timeoutMs` means NIP-77 is not available.
 */
export function reconcile(
  link: RelayLink,
  filter: Filter,
  storage: NegentropyStorage,
  options: { frameBytes?: number; timeoutMs?: number; onRound?: (d: Differences) => void } = {},
): Promise<Differences> {
  const ne = new Negentropy(storage, options.frameBytes ?? 60_000, NEG_LIFELINE_SPLITTING);
  const subId = link.subId('neg');
  const found: Differences = { have: [], need: [], rounds: 0 };
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    let answered = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => end(new NegentropyUnsupported('no answer to NEG-OPEN/NEG-MSG')), timeoutMs);
    };
    const end = (err?: Error) => {
      clearTimeout(timer);
      link.forget(subId);
      link.onOther = previous;
      if (err) reject(err);
      else resolve(found);
    };
    // Relays without NIP-77 answer an unknown verb with a NOTICE.
    const previous = link.onOther;
    link.onOther = (frame) => {
      if (!answered && frame[0] === 'NOTICE') end(new NegentropyUnsupported(String(frame[1])));
      else previous(frame);
    };
    link.listen(subId, (frame) => {
      if (frame[0] === 'CLOSED') return end(new NegentropyUnsupported(String(frame[2])));
      const msg = parseNegRelayMessage(frame);
      if (!msg) return;
      if (msg.type === 'NEG-ERR') {
        const refused = msg.reason.startsWith('blocked:') || link.closed;
        return end(
          refused ? new Error(`the relay refused to sync: ${msg.reason}`) : new NegentropyUnsupported(msg.reason),
        );
      }
      answered = true;
      const bytes = negPayloadBytes(msg.message);
      if (!bytes) return end(new Error('the relay sent a NEG-MSG that is not hex'));
      let round: ReturnType<Negentropy['reconcile']>;
      try {
        round = ne.reconcile(bytes);
      } catch (err) {
        link.send(negCloseMessage(subId));
        return end(err as Error);
      }
      found.rounds++;
      for (const id of round.have) found.have.push(id);
      for (const id of round.need) found.need.push(id);
      options.onRound?.(found);
      if (round.output === null) {
        link.send(negCloseMessage(subId));
        return end();
      }
      arm();
      link.send(negMsgMessage(subId, round.output));
    });
    arm();
    link.send(negOpenMessage(subId, filter, ne.initiate()));
  });
}
