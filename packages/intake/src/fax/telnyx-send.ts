/** What sending a fax through Telnyx needs. */
export interface TelnyxFaxAccount {
  /** Base URL of the API (https://api.telnyx.com; a test points it at a local stand-in). */
  apiUrl: string;
  apiKey: string;
  /** The fax application (connection) id. */
  connectionId: string;
  /** The fax number sent from, E.164. */
  from: string;
}

/**
 * Sends a PDF as a fax through Telnyx's API v2: the document is uploaded to Telnyx's media
 * storage (`POST /v2/media`, multipart field `media`), so the node never has to serve it at a
 * public URL, then `POST /v2/faxes` sends it by `media_name`, with `store_media` off. Resolves
 * with the fax id; rejects with Telnyx's error text when it refuses.
 */
export async function telnyxSendFax(account: TelnyxFaxAccount, to: string, pdf: Buffer): Promise<string> {
  const base = `${account.apiUrl.replace(/\/+$/, '')}/v2`;
  const auth = { authorization: `Bearer ${account.apiKey}`, accept: 'application/json' };
  const form = new FormData();
  form.set('media', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'reply.pdf');
  const uploaded = await call(`${base}/media`, { method: 'POST', body: form, headers: auth }, 'the upload');
  const mediaName = (uploaded.data as { media_name?: unknown } | undefined)?.media_name;
  if (typeof mediaName !== 'string' || !mediaName) throw new Error('Telnyx did not name the uploaded page');
  const sent = await call(
    `${base}/faxes`,
    {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        connection_id: account.connectionId,
        media_name: mediaName,
        to: to.replace(/[^\d+]/g, ''),
        from: account.from,
        store_media: false,
      }),
    },
    'the fax',
  );
  const id = (sent.data as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : '';
}

async function call(url: string, init: RequestInit, what: string): Promise<{ data?: unknown }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
  const body = (await res.json().catch(() => ({}))) as {
    data?: unknown;
    errors?: Array<{ detail?: string; title?: string }>;
  };
  if (!res.ok) {
    const why = body.errors?.map((e) => e.detail ?? e.title).join('; ') ?? '';
    throw new Error(`Telnyx refused ${what} (${res.status})${why ? `: ${why}` : ''}`);
  }
  return body;
}
