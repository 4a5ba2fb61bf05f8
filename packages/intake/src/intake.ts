import { cleanUpload, sniffType, type UploadPolicy } from '@lifeline/blossom';
import { guardHashes } from './leak-guard.js';
import type { Arrival, Message } from './message.js';
import { sealContact } from './seal.js';
import { senderId } from './sender-id.js';
import type { IntakeStore } from './store.js';

/** A document (fax) turned into page images and their text, with header lines set apart. */
export interface DocumentPages {
  pages: Array<{ png: Buffer; text: string }>;
  /** Fax header lines (TSI/CSID, sender's number): they go only into the sealed contact details. */
  headers: string[];
  /** Pages past the reader's limit, not read. */
  skippedPages?: number;
}

/** Turns a PDF or TIFF into pages; absent when fax intake is off. */
export type DocumentReader = (bytes: Buffer, type: string) => Promise<DocumentPages>;

/** What the pipeline needs. */
export interface IntakeDeps {
  store: IntakeStore;
  secret: Uint8Array;
  /** The desk members' pubkeys (hex) that contact details are sealed to. */
  members: () => Promise<readonly string[]>;
  /** Images accepted and how large (the media server's policy). */
  images: UploadPolicy;
  documents?: DocumentReader;
  now?: () => number;
}

/** Refused because no desk is configured: contact details would have nobody to be sealed to. */
export class NoDeskError extends Error {
  constructor() {
    super('intake needs a desk (--desk) to seal contact details to, and none has members');
  }
}

const DOCUMENT_TYPES = new Set(['application/pdf', 'image/tiff']);

/**
 * The one way into the review queue: cleans attachments (images re-encoded without metadata,
 * faxes read into pages), seals the contact details to the desk, derives the pseudonymous sender
 * id and stores the message. Nothing here publishes anything.
 */
export class Intake {
  constructor(private readonly deps: IntakeDeps) {}

  /** Takes one arrival into the queue. Throws NoDeskError when there is no desk to seal to. */
  async receive(arrival: Arrival): Promise<Message> {
    const members = await this.deps.members();
    if (members.length === 0) throw new NoDeskError();
    const files: Array<{ type: string; bytes: Buffer; page: number }> = [];
    const pages: string[] = [];
    const headers: string[] = [];
    let skippedPages = 0;
    const dropped: Array<{ name: string; type: string; size: number; reason: string }> = [];
    for (const f of arrival.attachments) {
      const type = sniffType(f.bytes);
      if (type && DOCUMENT_TYPES.has(type) && this.deps.documents) {
        const doc = await this.deps.documents(f.bytes, type).catch((err: Error) => err);
        if (doc instanceof Error) {
          dropped.push({ name: f.name, type, size: f.bytes.length, reason: doc.message });
          continue;
        }
        for (const p of doc.pages) {
          pages.push(p.text);
          files.push({ type: 'image/png', bytes: p.png, page: pages.length });
        }
        headers.push(...doc.headers);
        skippedPages += doc.skippedPages ?? 0;
        continue;
      }
      const clean = await cleanUpload(f.bytes, this.deps.images);
      if (clean.ok) files.push({ type: clean.type, bytes: clean.bytes, page: 0 });
      else dropped.push({ name: f.name, type: type ?? f.type, size: f.bytes.length, reason: clean.refusal.reason });
    }
    const contact = {
      ...arrival.contact,
      address: arrival.address,
      ...(headers.length ? { faxHeaders: headers } : {}),
      ...(dropped.length ? { dropped } : {}),
      ...(skippedPages ? { skippedPages } : {}),
    };
    const sealed = sealContact(contact, members);
    const text = arrival.text || pages.join('\n\n');
    return this.deps.store.add({
      // A fax that came as an email attachment (fax-to-email) is a fax to the desk.
      channel: arrival.channel === 'email' && pages.length > 0 ? 'fax' : arrival.channel,
      direction: 'in',
      ...(arrival.via ? { via: arrival.via } : {}),
      received: arrival.received ?? this.now(),
      sender: senderId(this.deps.secret, arrival.channel, arrival.address),
      text,
      pages,
      contact: sealed,
      guards: guardHashes(this.deps.secret, `${arrival.address}\n${JSON.stringify(contact)}`),
      files,
    });
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : Math.floor(Date.now() / 1000);
  }
}
