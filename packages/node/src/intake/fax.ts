import type { Hono } from 'hono';
import { readLimited } from '@lifeline/blossom';
import { telnyxFax, verifyTelnyx, type Intake } from '@lifeline/intake';
import { nowSeconds } from '@lifeline/nostr';
import { badRequest, httpError } from '../http/errors.js';
import { receive } from './sms.js';

/** Largest webhook body read; the fax itself is fetched from media_url. */
const MAX_WEBHOOK = 64 * 1024;

/**
 * A fax provider's webhook (Telnyx `fax.received`): the Ed25519 signature is checked on the raw
 * body before anything else, then the document is fetched from `media_url` (bounded in size and
 * time) and read like any other fax. Other event types are acknowledged and ignored.
 */
export function faxWebhookRoutes(intake: Intake, publicKey: string, maxBytes: number) {
  return (app: Hono) => {
    app.post('/api/intake/fax/telnyx', async (c) => {
      const read = await readLimited(c.req.raw.body, MAX_WEBHOOK);
      if (!read.ok) throw read.tooLarge ? httpError('too-large') : httpError('aborted');
      const ok = verifyTelnyx(
        publicKey,
        c.req.header('telnyx-timestamp'),
        read.bytes,
        c.req.header('telnyx-signature-ed25519'),
        nowSeconds(),
      );
      if (!ok) throw httpError('bad-signature');
      let fax: ReturnType<typeof telnyxFax>;
      try {
        fax = telnyxFax(JSON.parse(read.bytes.toString('utf8')));
      } catch (err) {
        throw badRequest(err instanceof SyntaxError ? 'the body is not JSON' : (err as Error).message);
      }
      if (!fax) return c.json({ ignored: true });
      const document = await fetchLimited(fax.mediaUrl, maxBytes);
      const { mediaUrl: _, ...details } = fax;
      await receive(intake, () => ({
        channel: 'fax',
        via: 'telnyx',
        address: fax.from || 'unknown',
        contact: { provider: 'telnyx', ...details },
        text: '',
        attachments: [{ name: 'fax', type: '', bytes: document }],
      }));
      return c.json({ ok: true });
    });
  };
}

/** Downloads the fax document, refusing more than `maxBytes` or a minute; failures are 502 so the provider retries. */
async function fetchLimited(url: string, maxBytes: number): Promise<Buffer> {
  const res = await fetch(url, { signal: AbortSignal.timeout(60_000), redirect: 'follow' }).catch(() => undefined);
  if (!res?.ok) throw httpError('upstream', 'the fax document could not be fetched from media_url');
  const body = await readLimited(res.body, maxBytes);
  if (!body.ok)
    throw httpError(
      body.tooLarge ? 'too-large' : 'upstream',
      body.tooLarge ? `the fax is over ${maxBytes} bytes` : undefined,
    );
  return body.bytes;
}
