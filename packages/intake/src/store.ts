import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { wipe } from '@lifeline/blossom';
import type { Attachment, Channel, Message, SealedContact, Status, Via } from './message.js';

/** A message ready to store: the pipeline has cleaned its files and sealed its contact details. */
export interface NewMessage {
  channel: Channel;
  direction: 'in' | 'out';
  via?: Via;
  received: number;
  sender: string;
  text: string;
  pages: string[];
  contact: SealedContact | null;
  /** Keyed hashes of identifying tokens (leak-guard.ts). */
  guards: string[];
  files: Array<{ type: string; bytes: Buffer; page: number }>;
}

/** Filters and paging for the queue, newest first. */
export interface ListQuery {
  channel?: Channel;
  status?: Status;
  sender?: string;
  limit: number;
  /** The `cursor` of the previous page's last message (`received:sequence`; ties keep arrival order). */
  before?: string;
}

/** Fields the desk may change. */
export interface MessagePatch {
  status?: Status;
  corrected?: string | null;
  published?: string;
}

interface Row {
  id: string;
  channel: Channel;
  direction: 'in' | 'out';
  via: Via | null;
  received: number;
  sender: string;
  status: Status;
  text: string;
  corrected: string | null;
  pages: string;
  published: string | null;
  updated: number;
}

/**
 * The intake message store: its own SQLite file (`intake.db`) with secure_delete on and a rollback
 * journal, so deleted rows are overwritten in place and no WAL keeps old pages; attachment files
 * beside it, overwritten with zeros when removed. Contact details are only ever stored sealed.
 */
export class IntakeStore {
  private readonly db: Database.Database;
  private readonly files: string;

  constructor(readonly dir: string) {
    this.files = join(dir, 'files');
    mkdirSync(this.files, { recursive: true, mode: 0o700 });
    this.db = new Database(join(dir, 'intake.db'));
    this.db.pragma('journal_mode = DELETE');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS messages (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, channel TEXT NOT NULL, direction TEXT NOT NULL, via TEXT, received INTEGER NOT NULL,
        sender TEXT NOT NULL, status TEXT NOT NULL, text TEXT NOT NULL, corrected TEXT, pages TEXT NOT NULL,
        contact TEXT, guards TEXT NOT NULL, published TEXT, updated INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS messages_by_time ON messages (received, seq);
      CREATE INDEX IF NOT EXISTS messages_by_sender ON messages (sender, received);
      CREATE TABLE IF NOT EXISTS attachments (
        id TEXT PRIMARY KEY, message TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        type TEXT NOT NULL, size INTEGER NOT NULL, page INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS attachments_by_message ON attachments (message);
      CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    `);
  }

  /** Stores a message and its files (files first, fsynced, so a row never points at nothing). */
  async add(m: NewMessage): Promise<Message> {
    const id = randomBytes(16).toString('hex');
    const attachments: Attachment[] = [];
    for (const f of m.files) {
      const att = { id: randomBytes(16).toString('hex'), type: f.type, size: f.bytes.length, page: f.page };
      const file = await openFile(join(this.files, att.id), 'wx', 0o600);
      try {
        await file.writeFile(f.bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      attachments.push(att);
    }
    const insert = this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO messages (id, channel, direction, via, received, sender, status, text, corrected, pages, contact, guards, published, updated)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, NULL, ?)`,
        )
        .run(
          id,
          m.channel,
          m.direction,
          m.via ?? null,
          m.received,
          m.sender,
          m.direction === 'out' ? 'published' : 'new',
          m.text,
          JSON.stringify(m.pages),
          m.contact ? JSON.stringify(m.contact) : null,
          JSON.stringify(m.guards),
          m.received,
        );
      const att = this.db.prepare('INSERT INTO attachments (id, message, type, size, page) VALUES (?, ?, ?, ?, ?)');
      for (const a of attachments) att.run(a.id, id, a.type, a.size, a.page);
    });
    insert();
    return this.get(id) as Message;
  }

  /** One message, or undefined. */
  get(id: string): Message | undefined {
    const row = this.db.prepare('SELECT * FROM messages WHERE id = ?').get(id) as Row | undefined;
    return row && this.toMessage(row);
  }

  /** The sealed contact details of a message, for a member's client to open. */
  contact(id: string): SealedContact | null {
    const row = this.db.prepare('SELECT contact FROM messages WHERE id = ?').get(id) as
      | { contact: string | null }
      | undefined;
    return row?.contact ? (JSON.parse(row.contact) as SealedContact) : null;
  }

  /** The keyed hashes of every identifying token of a sender's messages (their whole thread). */
  guards(sender: string): Set<string> {
    const rows = this.db.prepare('SELECT guards FROM messages WHERE sender = ?').all(sender) as Array<{
      guards: string;
    }>;
    return new Set(rows.flatMap((r) => JSON.parse(r.guards) as string[]));
  }

  /** Newest first; `cursor` of the last item pages on. */
  list(q: ListQuery): { messages: Message[]; cursor: string | null } {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.channel) {
      where.push('channel = ?');
      args.push(q.channel);
    }
    if (q.status) {
      where.push('status = ?');
      args.push(q.status);
    }
    if (q.sender) {
      where.push('sender = ?');
      args.push(q.sender);
    }
    if (q.before) {
      const [t, seq] = q.before.split(':');
      where.push('(received < ? OR (received = ? AND seq < ?))');
      args.push(Number(t), Number(t), Number(seq));
    }
    const sql = `SELECT * FROM messages ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received DESC, seq DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...args, q.limit) as Array<Row & { seq: number }>;
    const messages = rows.map((r) => this.toMessage(r));
    const last = rows.at(-1);
    return { messages, cursor: last && rows.length === q.limit ? `${last.received}:${last.seq}` : null };
  }

  /** Applies a patch; undefined when no such message. */
  update(id: string, patch: MessagePatch, now: number): Message | undefined {
    const sets: string[] = ['updated = ?'];
    const args: unknown[] = [now];
    if (patch.status !== undefined) {
      sets.push('status = ?');
      args.push(patch.status);
    }
    if (patch.corrected !== undefined) {
      sets.push('corrected = ?');
      args.push(patch.corrected);
    }
    if (patch.published !== undefined) {
      sets.push('published = ?');
      args.push(patch.published);
    }
    const changed = this.db.prepare(`UPDATE messages SET ${sets.join(', ')} WHERE id = ?`).run(...args, id).changes;
    return changed ? this.get(id) : undefined;
  }

  /** The path of an attachment's file and its type, if the attachment exists. */
  file(attachmentId: string): { path: string; type: string; message: string } | undefined {
    const row = this.db.prepare('SELECT type, message FROM attachments WHERE id = ?').get(attachmentId) as
      | { type: string; message: string }
      | undefined;
    return row && { path: join(this.files, attachmentId), ...row };
  }

  /** Really deletes messages received before `cutoff`: rows (secure_delete) and files (overwritten). */
  async purge(cutoff: number): Promise<number> {
    const ids = (
      this.db.prepare('SELECT id FROM messages WHERE received < ?').all(cutoff) as Array<{ id: string }>
    ).map((r) => r.id);
    for (const id of ids) await this.remove(id);
    return ids.length;
  }

  /** Deletes one message, its attachments' rows and files. */
  async remove(id: string): Promise<boolean> {
    const files = this.db.prepare('SELECT id FROM attachments WHERE message = ?').all(id) as Array<{ id: string }>;
    const doomed: string[] = [];
    // Move files aside first so nothing serves them once the row is gone, then overwrite them.
    for (const f of files) {
      const to = join(this.files, `${f.id}.deleted`);
      renameSync(join(this.files, f.id), to);
      doomed.push(to);
    }
    const gone = this.db.prepare('DELETE FROM messages WHERE id = ?').run(id).changes > 0;
    for (const path of doomed) await wipe(path);
    return gone;
  }

  /** Overwrites files a crash left without a row. */
  async sweep(): Promise<void> {
    const known = new Set(
      (this.db.prepare('SELECT id FROM attachments').all() as Array<{ id: string }>).map((r) => r.id),
    );
    for (const name of readdirSync(this.files)) if (!known.has(name)) await wipe(join(this.files, name));
  }

  /** A channel's saved position (e.g. an IMAP mailbox's UID cursor). */
  getState(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM state WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  /** Saves a channel's position. */
  setState(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  /** Closes the database. */
  close(): void {
    this.db.close();
  }

  private toMessage(row: Row): Message {
    const attachments = this.db
      .prepare('SELECT id, type, size, page FROM attachments WHERE message = ? ORDER BY page, id')
      .all(row.id) as Attachment[];
    // Named fields only: the sealed contact and the guard hashes never leave through a Message.
    return {
      id: row.id,
      channel: row.channel,
      direction: row.direction,
      via: row.via,
      received: row.received,
      sender: row.sender,
      status: row.status,
      text: row.text,
      corrected: row.corrected,
      pages: JSON.parse(row.pages) as string[],
      attachments,
      published: row.published,
      updated: row.updated,
    };
  }
}
