import {
  NEG_LIFELINE_SPLITTING,
  NEG_PROTOCOL_VERSION,
  Negentropy,
  NegentropyStorage,
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
 * relay's message size after hex encoding. A NOTICE or CLOSED before the first answer, a NEG-ERR
 * other than a size refusal, or no answer within `timeoutMs` means NIP-77 is not available.
 */
export function reconcile(
  link: RelayLink,
  filter: Filter,
  storage: NegentropyStorage | Promise<NegentropyStorage>,
  options: { frameBytes?: number; timeoutMs?: number; firstAnswerMs?: number; onRound?: (d: Differences) => void } = {},
): Promise<Differences> {
  const frameBytes = options.frameBytes ?? 60_000;
  let ne =
    storage instanceof NegentropyStorage ? new Negentropy(storage, frameBytes, NEG_LIFELINE_SPLITTING) : undefined;
  const subId = link.subId('neg');
  const found: Differences = { have: [], need: [], rounds: 0 };
  const timeoutMs = options.timeoutMs ?? 30_000;
  // The first answer waits for the relay to read its whole set (a million records on a busy
  // machine took over 30 s); a relay without NIP-77 says so at once with a NOTICE.
  const firstAnswerMs = options.firstAnswerMs ?? 180_000;
  return new Promise((resolve, reject) => {
    let answered = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (ms = timeoutMs) => {
      clearTimeout(timer);
      timer = setTimeout(() => end(new NegentropyUnsupported('no answer to NEG-OPEN/NEG-MSG')), ms);
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
      if (!ne) {
        // The answer to our empty opening: the relay has read its set; ours follows when read.
        arm(firstAnswerMs);
        void Promise.resolve(storage).then(
          (loaded) => {
            if (link.closed) return end(new Error('the link closed'));
            ne = new Negentropy(loaded, frameBytes, NEG_LIFELINE_SPLITTING);
            arm();
            link.send(negMsgMessage(subId, ne.initiate()));
          },
          (err: Error) => {
            link.send(negCloseMessage(subId));
            end(err);
          },
        );
        return;
      }
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
    arm(firstAnswerMs);
    // With our records still loading, NEG-OPEN carries an empty message (the version byte, no
    // ranges: the relay answers the same) so the relay reads its set while we read ours; our
    // first real message then goes as NEG-MSG. A responder answers each message on its own.
    link.send(negOpenMessage(subId, filter, ne ? ne.initiate() : new Uint8Array([NEG_PROTOCOL_VERSION])));
  });
}
