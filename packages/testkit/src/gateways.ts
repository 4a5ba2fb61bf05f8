import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/*
 * Local HTTP servers that stand for third-party gateways (Twilio, Telnyx) in tests: they check
 * each request the way the provider documents it (authentication, required fields) and keep what
 * they were given, so a test can see exactly what left the node.
 */

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** A message Twilio's stand-in accepted. */
export interface TwilioSent {
  To: string;
  From: string;
  Body: string;
}

/** Twilio's REST API and media host, as far as intake uses them. */
export interface TwilioStandIn {
  url: string;
  sent: TwilioSent[];
  /** Requests refused (bad auth or fields), for "nothing was sent" checks. */
  refused: number;
  /** Adds an MMS file and returns its MediaUrl (under this account, answered by a redirect to the "CDN"). */
  media(bytes: Buffer, type: string): string;
  /** Media requests that reached the file (after auth). */
  mediaFetched: number;
  close(): Promise<void>;
}

/**
 * Stands for Twilio: `POST /2010-04-01/Accounts/<sid>/Messages.json` needs basic auth with the
 * account SID and auth token and a form with To, Body and From (or MessagingServiceSid), and
 * answers 201 with a message SID; media URLs need the same basic auth and redirect (307) to a
 * CDN path that does not, like Twilio's.
 */
export async function startTwilioStandIn(accountSid: string, authToken: string): Promise<TwilioStandIn> {
  const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const files = new Map<string, { bytes: Buffer; type: string }>();
  const state = { sent: [] as TwilioSent[], refused: 0, mediaFetched: 0 };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const cdn = /^\/cdn\/([0-9a-f]+)$/.exec(path);
    if (req.method === 'GET' && cdn) {
      const f = files.get(cdn[1] as string);
      if (!f) return json(res, 404, { message: 'not found' });
      state.mediaFetched++;
      return res.writeHead(200, { 'content-type': f.type, 'content-length': f.bytes.length }).end(f.bytes);
    }
    if (req.headers.authorization !== expected) {
      state.refused++;
      return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
    }
    const media = new RegExp(`^/2010-04-01/Accounts/${accountSid}/Messages/MM[0-9a-f]+/Media/(ME[0-9a-f]+)$`).exec(
      path,
    );
    if (req.method === 'GET' && media)
      return res.writeHead(307, { location: `/cdn/${(media[1] as string).slice(2)}` }).end();
    if (req.method !== 'POST' || path !== `/2010-04-01/Accounts/${accountSid}/Messages.json`)
      return json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
      state.refused++;
      return json(res, 400, { code: 20001, message: 'expected a form body', status: 400 });
    }
    const form = new URLSearchParams((await body(req)).toString('utf8'));
    const from = form.get('From') ?? form.get('MessagingServiceSid') ?? '';
    if (!form.get('To') || !from || !form.get('Body')) {
      state.refused++;
      return json(res, 400, { code: 21602, message: 'Message body, To and From are required', status: 400 });
    }
    state.sent.push({ To: form.get('To') as string, From: from, Body: form.get('Body') as string });
    json(res, 201, { sid: `SM${randomBytes(16).toString('hex')}`, status: 'queued' });
  });
  const url = await listen(server);
  return {
    url,
    sent: state.sent,
    get refused() {
      return state.refused;
    },
    get mediaFetched() {
      return state.mediaFetched;
    },
    media(bytes, type) {
      const id = randomBytes(16).toString('hex');
      files.set(id, { bytes, type });
      return `${url}/2010-04-01/Accounts/${accountSid}/Messages/MM${randomBytes(16).toString('hex')}/Media/ME${id}`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A fax Telnyx's stand-in accepted. */
export interface TelnyxFaxSent {
  to: string;
  from: string;
  connectionId: string;
  /** The document uploaded to media storage and named in the fax. */
  pdf: Buffer;
}

/** Telnyx's media storage and fax API, as far as fax replies use them. */
export interface TelnyxStandIn {
  url: string;
  faxes: TelnyxFaxSent[];
  refused: number;
  close(): Promise<void>;
}

/**
 * Stands for Telnyx API v2: `POST /v2/media` (Bearer key, multipart with a `media` file) answers
 * a media_name; `POST /v2/faxes` (Bearer key, JSON with connection_id, a known media_name, `to`
 * and `from` in E.164) answers 202 with a fax id.
 */
export async function startTelnyxStandIn(apiKey: string): Promise<TelnyxStandIn> {
  const stored = new Map<string, Buffer>();
  const state = { faxes: [] as TelnyxFaxSent[], refused: 0 };
  const refuse = (res: ServerResponse, status: number, detail: string) => {
    state.refused++;
    json(res, status, { errors: [{ code: String(status), title: 'refused', detail }] });
  };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.headers.authorization !== `Bearer ${apiKey}`) return refuse(res, 401, 'Authentication failed');
    const raw = await body(req);
    if (req.method === 'POST' && path === '/v2/media') {
      const type = String(req.headers['content-type'] ?? '');
      if (!type.startsWith('multipart/form-data')) return refuse(res, 422, 'expected multipart/form-data');
      const form = await new Request('http://x', {
        method: 'POST',
        headers: { 'content-type': type },
        body: new Uint8Array(raw),
      }).formData();
      const file = form.get('media');
      if (!(file instanceof Blob)) return refuse(res, 422, 'media is required');
      const name = randomBytes(8).toString('hex');
      stored.set(name, Buffer.from(await file.arrayBuffer()));
      return json(res, 201, { data: { media_name: name } });
    }
    if (req.method === 'POST' && path === '/v2/faxes') {
      let b: Record<string, unknown>;
      try {
        b = JSON.parse(raw.toString('utf8'));
      } catch {
        return refuse(res, 422, 'the body is not JSON');
      }
      const e164 = (v: unknown) => typeof v === 'string' && /^\+[1-9]\d{6,14}$/.test(v);
      const pdf = typeof b.media_name === 'string' ? stored.get(b.media_name) : undefined;
      if (!pdf) return refuse(res, 422, 'media_name names no uploaded media');
      if (!e164(b.to) || !e164(b.from) || typeof b.connection_id !== 'string' || !b.connection_id)
        return refuse(res, 422, 'to, from (E.164) and connection_id are required');
      state.faxes.push({ to: b.to as string, from: b.from as string, connectionId: b.connection_id, pdf });
      return json(res, 202, { data: { id: randomBytes(8).toString('hex'), status: 'queued' } });
    }
    refuse(res, 404, 'not found');
  });
  const url = await listen(server);
  return {
    url,
    faxes: state.faxes,
    get refused() {
      return state.refused;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
