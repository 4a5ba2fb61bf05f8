// NIP-77's JSON wrapper around negentropy: the verbs and their hex payloads.

/** NIP-77 client verbs after framing checks; the relay validates filter and payload. */
export type NegClientMessage =
  | { type: 'NEG-OPEN'; subId: string; filter: unknown; message: string }
  | { type: 'NEG-MSG'; subId: string; message: string }
  | { type: 'NEG-CLOSE'; subId: string };

/** `["NEG-OPEN", subId, filter, hex]`: the initiator's first message. */
export function negOpenMessage(subId: string, filter: object, message: Uint8Array): string {
  return JSON.stringify(['NEG-OPEN', subId, filter, toHex(message)]);
}

/** `["NEG-MSG", subId, hex]`: every later message, in either direction. */
export function negMsgMessage(subId: string, message: Uint8Array): string {
  return JSON.stringify(['NEG-MSG', subId, toHex(message)]);
}

/** `["NEG-CLOSE", subId]`: the initiator is done. */
export function negCloseMessage(subId: string): string {
  return JSON.stringify(['NEG-CLOSE', subId]);
}

/** `["NEG-ERR", subId, reason]`: the relay ended the session; reason is NIP-01 prefixed (`blocked:`, `closed:`, …). */
export function negErrMessage(subId: string, reason: string): string {
  return JSON.stringify(['NEG-ERR', subId, reason]);
}

/** A relay-to-client NIP-77 frame, or undefined for any other frame. */
export type NegRelayMessage =
  | { type: 'NEG-MSG'; subId: string; message: string }
  | { type: 'NEG-ERR'; subId: string; reason: string };

/** Reads a relay frame already parsed as JSON; undefined when it is not a well-formed NEG-MSG or NEG-ERR. */
export function parseNegRelayMessage(frame: unknown): NegRelayMessage | undefined {
  if (!Array.isArray(frame) || frame.length < 3) return undefined;
  const [verb, subId, payload] = frame as unknown[];
  if (typeof subId !== 'string' || typeof payload !== 'string') return undefined;
  if (verb === 'NEG-MSG') return { type: 'NEG-MSG', subId, message: payload };
  if (verb === 'NEG-ERR') return { type: 'NEG-ERR', subId, reason: payload };
  return undefined;
}

const HEX = /^(?:[0-9a-f]{2})*$/i;

/** The bytes of a hex payload, or undefined when it is not even-length hex. */
export function negPayloadBytes(hex: string): Uint8Array | undefined {
  if (!HEX.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const HEX_DIGITS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX_DIGITS[bytes[i]!];
  return s;
}
