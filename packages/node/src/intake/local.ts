import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { readLimited } from '@lifeline/blossom';
import { CHANNELS, type Channel, type Intake } from '@lifeline/intake';
import { badRequest, httpError } from '../http/errors.js';
import { receive } from './sms.js';

/** The file holding the token `lifeline intake` presents; only the node's user (and whom the operator allows) can read it. */
export const LOCAL_TOKEN_FILE = 'local-token';

/** Reads, creating on first use, the local hand-over token in the intake directory. */
export function localToken(dir: string): string {
  const path = join(dir, LOCAL_TOKEN_FILE);
  if (!existsSync(path)) writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  return readFileSync(path, 'utf8').trim();
}

/**
 * POST /api/intake/local: a message handed over on this machine by `lifeline intake sms` or
 * `lifeline intake fax` (gammu-smsd and HylaFAX hooks), authorized by the token file. The body is
 * JSON: channel, address, text, contact and files as base64.
 */
export function localRoutes(intake: Intake, token: string, maxBytes: number) {
  const expected = Buffer.from(`Bearer ${token}`);
  return (app: Hono) => {
    app.post('/api/intake/local', async (c) => {
      const got = Buffer.from(c.req.header('authorization') ?? '');
      if (got.length !== expected.length || !timingSafeEqual(got, expected))
        throw httpError('unauthorized', 'the local intake token does not match <data>/intake/local-token');
      const read = await readLimited(c.req.raw.body, maxBytes);
      if (!read.ok) throw read.tooLarge ? httpError('too-large') : httpError('aborted');
      let body: { channel?: unknown; address?: unknown; text?: unknown; contact?: unknown; files?: unknown };
      try {
        body = JSON.parse(read.bytes.toString('utf8'));
      } catch {
        throw badRequest('the body is not JSON');
      }
      await receive(intake, () => {
        if (!CHANNELS.includes(body.channel as Channel))
          throw new Error(`channel must be one of ${CHANNELS.join(', ')}`);
        if (typeof body.address !== 'string' || !body.address) throw new Error('address is required');
        const files = Array.isArray(body.files)
          ? (body.files as Array<{ name?: string; type?: string; base64?: string }>)
          : [];
        return {
          channel: body.channel as Channel,
          via: body.channel === 'fax' ? 'hylafax' : 'gammu',
          address: body.address,
          text: typeof body.text === 'string' ? body.text : '',
          contact: typeof body.contact === 'object' && body.contact ? (body.contact as Record<string, unknown>) : {},
          attachments: files.map((f) => ({
            name: String(f.name ?? 'file'),
            type: String(f.type ?? ''),
            bytes: Buffer.from(String(f.base64 ?? ''), 'base64'),
          })),
        };
      });
      return c.json({ ok: true });
    });
  };
}
