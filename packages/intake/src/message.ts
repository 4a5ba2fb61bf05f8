/** The channels a witness can reach the desk through. */
export const CHANNELS = ['email', 'sms', 'fax'] as const;
/** One of CHANNELS. */
export type Channel = (typeof CHANNELS)[number];

/** The gateway a message came through (not identifying): replies go back the same way. */
export type Via = 'smtp' | 'imap' | 'twilio' | 'smssync' | 'gammu' | 'hylafax' | 'telnyx' | 'desk';

/** Where a message is in the review queue. */
export const STATUSES = ['new', 'in-review', 'published', 'discarded'] as const;
/** One of STATUSES. */
export type Status = (typeof STATUSES)[number];

/**
 * What arrives on a channel, before the pipeline: the address and everything that identifies the
 * sender are in `contact`, which is sealed to the desk and never stored in clear.
 */
export interface Arrival {
  channel: Channel;
  /** The sender's address as the channel gave it (email address, phone number, fax number). */
  address: string;
  /** Everything identifying: From/Received headers, fax header line, gateway ids. Sealed, never stored in clear. */
  contact: Record<string, unknown>;
  /** The message text (email body, SMS text); for faxes, filled in by OCR. */
  text: string;
  /** Files as received; images are re-encoded without metadata before storing. */
  attachments: IncomingFile[];
  /** Seconds since the epoch; defaults to now. */
  received?: number;
  /** The gateway it came through. */
  via?: Via;
}

/** A file as it arrived, before cleaning. */
export interface IncomingFile {
  name: string;
  /** The type the sender claimed; the pipeline sniffs the bytes and trusts that instead. */
  type: string;
  bytes: Buffer;
}

/** A stored attachment, as the review queue sees it. */
export interface Attachment {
  id: string;
  /** The sniffed, cleaned type. */
  type: string;
  size: number;
  /** Page number for fax pages (1-based); 0 for other files. */
  page: number;
}

/** Contact details sealed with NIP-44 to each desk member: an ephemeral sender key and one ciphertext per member. */
export interface SealedContact {
  /** The ephemeral pubkey the node encrypted with (its secret key was never stored). */
  pubkey: string;
  /** Member pubkey -> NIP-44 v2 payload. */
  to: Record<string, string>;
}

/** A message in the review queue: everything but the contact details, which stay sealed. */
export interface Message {
  id: string;
  channel: Channel;
  /** `in` for what a witness sent, `out` for the desk's replies. */
  direction: 'in' | 'out';
  /** The gateway it came through (`desk` for the desk's replies). */
  via: Via | null;
  received: number;
  /** HMAC of the normalised address under the node's secret: one thread per sender. */
  sender: string;
  status: Status;
  /** The text as received (or OCR'd). */
  text: string;
  /** The desk's corrected text, if any. */
  corrected: string | null;
  /** OCR text per fax page (empty for other channels). */
  pages: string[];
  attachments: Attachment[];
  /** Id of the event the message was published as. */
  published: string | null;
  updated: number;
}
