import { nowSeconds, type Signer } from '@lifeline/client';
import { stripImage } from './strip.js';
import { BLOSSOM_AUTH_KIND } from '@lifeline/nostr';

/** Lowercase hex SHA-256 of a blob (Blossom addresses blobs by it). */
async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The unsigned kind-24242 upload authorization for one blob (Blossom BUD-02/BUD-11), valid for five minutes. */
function uploadAuthTemplate(hash: string, now = nowSeconds()) {
  return {
    kind: BLOSSOM_AUTH_KIND,
    created_at: now,
    content: 'Upload an image for a live-blog entry',
    tags: [
      ['t', 'upload'],
      ['x', hash],
      ['expiration', String(now + 300)],
    ],
  };
}

/** Base64 of a string's UTF-8 bytes (the `Authorization: Nostr` header value). */
function base64Utf8(text: string): string {
  let binary = '';
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Strips an image on this device, then uploads the clean copy to this node's Blossom server; returns its URL. */
export async function uploadImage(file: Blob, signer: Signer): Promise<string> {
  const clean = await stripImage(file);
  const hash = await sha256Hex(clean);
  const token = await signer.signEvent(uploadAuthTemplate(hash));
  // Same origin: the node that served the app also stores its media; nothing goes to a third party.
  const res = await fetch('/upload', {
    method: 'PUT',
    body: clean,
    headers: {
      authorization: `Nostr ${base64Utf8(JSON.stringify(token))}`,
      'content-type': clean.type,
      'x-sha-256': hash,
    },
  });
  if (!res.ok) throw new Error(res.headers.get('x-reason') ?? `upload failed (${res.status})`);
  // The node re-encodes once more, so its hash may differ from ours; its URL is what readers fetch.
  return ((await res.json()) as { url: string }).url;
}
