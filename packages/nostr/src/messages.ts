import type { NegClientMessage } from './nip77-messages.js';
import { reason } from './reasons.js';

/** A client-to-relay message after framing checks; payloads are validated by their handlers. */
export type ClientMessage =
  | { type: 'EVENT'; event: unknown }
  | { type: 'REQ'; subId: string; filters: unknown[] }
  | { type: 'CLOSE'; subId: string }
  | { type: 'COUNT'; subId: string; filters: unknown[] }
  | { type: 'AUTH'; event: unknown }
  | NegClientMessage
  /** `neg` marks a malformed NIP-77 frame, answered with NEG-ERR rather than CLOSED. */
  | { type: 'error'; reason: string; subId?: string; neg?: boolean };

/** NIP-01 caps subscription ids at 64 characters. */
export const MAX_SUB_ID_LENGTH = 64;

function error(message: string, subId?: string): ClientMessage {
  return subId === undefined
    ? { type: 'error', reason: reason('invalid', message) }
    : { type: 'error', reason: reason('invalid', message), subId };
}

/** A malformed NIP-77 frame whose subscription id was readable. */
function negError(message: string, subId: string): ClientMessage {
  return { type: 'error', reason: reason('invalid', message), subId, neg: true };
}

function isSubId(v: unknown): v is string {
  return typeof v === 'string' && v.length >= 1 && v.length <= MAX_SUB_ID_LENGTH;
}

/**
 * Parses one WebSocket text frame. Never throws: malformed input becomes `{ type: 'error' }`,
 * carrying the subscription id when it was readable so the relay can answer with CLOSED.
 */
export function parseClientMessage(raw: string): ClientMessage {
  let msg: unknown;
  try {
    msg = JSON.parse(raw);
  } catch {
    return error('message is not valid JSON');
  }
  if (!Array.isArray(msg) || msg.length === 0) return error('message must be a non-empty array');
  const [verb, a, ...rest] = msg as unknown[];
  switch (verb) {
    case 'EVENT':
    case 'AUTH':
      if (msg.length !== 2) return error(`${verb} takes exactly one event`);
      if (typeof a !== 'object' || a === null || Array.isArray(a)) {
        return error(`${verb} payload must be an object`);
      }
      return { type: verb, event: a };
    case 'REQ':
    case 'COUNT': {
      if (!isSubId(a)) return error('subscription id must be a string of 1 to 64 characters');
      if (rest.length === 0) return error(`${verb} needs at least one filter`, a);
      return { type: verb, subId: a, filters: rest };
    }
    case 'CLOSE':
      if (!isSubId(a)) return error('subscription id must be a string of 1 to 64 characters');
      if (msg.length !== 2) return error('CLOSE takes only a subscription id', a);
      return { type: 'CLOSE', subId: a };
    // NIP-77 negentropy sync.
    case 'NEG-OPEN':
      if (!isSubId(a)) return error('subscription id must be a string of 1 to 64 characters');
      if (msg.length !== 4 || typeof msg[3] !== 'string')
        return negError('NEG-OPEN takes a filter and a hex message', a);
      return { type: 'NEG-OPEN', subId: a, filter: msg[2], message: msg[3] };
    case 'NEG-MSG':
      if (!isSubId(a)) return error('subscription id must be a string of 1 to 64 characters');
      if (msg.length !== 3 || typeof msg[2] !== 'string') return negError('NEG-MSG takes a hex message', a);
      return { type: 'NEG-MSG', subId: a, message: msg[2] };
    case 'NEG-CLOSE':
      if (!isSubId(a)) return error('subscription id must be a string of 1 to 64 characters');
      return { type: 'NEG-CLOSE', subId: a };
    default:
      if (typeof verb !== 'string') return error('message type must be a string');
      return error(`unknown message type ${JSON.stringify(verb.slice(0, 20))}`);
  }
}

/**
 * `["EVENT", subId, event]` built around an event already serialized once, so the same bytes
 * are reused for every subscriber.
 */
export function eventMessage(subId: string, eventJson: string): string {
  return `["EVENT",${JSON.stringify(subId)},${eventJson}]`;
}

/** `["OK", id, accepted, message]` answering an EVENT (NIP-01). */
export function okMessage(id: string, ok: boolean, message: string): string {
  return JSON.stringify(['OK', id, ok, message]);
}

/** `["EOSE", subId]`: stored events are done, live ones follow. */
export function eoseMessage(subId: string): string {
  return JSON.stringify(['EOSE', subId]);
}

/** `["CLOSED", subId, message]`: the relay ended or refused a subscription. */
export function closedMessage(subId: string, message: string): string {
  return JSON.stringify(['CLOSED', subId, message]);
}

/** `["NOTICE", message]`: human-readable information not tied to a request. */
export function noticeMessage(message: string): string {
  return JSON.stringify(['NOTICE', message]);
}

/** `["COUNT", subId, {"count": n}]` answering a NIP-45 COUNT. */
export function countMessage(subId: string, count: number): string {
  return JSON.stringify(['COUNT', subId, { count }]);
}

/** `["AUTH", challenge]` sent by the relay to start NIP-42 authentication. */
export function authMessage(challenge: string): string {
  return JSON.stringify(['AUTH', challenge]);
}
