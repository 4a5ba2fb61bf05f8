import { nowSeconds, type Signer } from '@lifeline/client';
import { cleanImage, type CleanImage } from './strip.js';
import { BLOSSOM_AUTH_KIND, type MediaMeta } from '@lifeline/nostr';

/*
 * The one way the web app uploads an image: stripped on this device (strip.ts), then sent to this
 * node's Blossom server, which re-encodes it again. Used by the composer, the profile editor,
 * onboarding, the live-blog editor and the intake queue.
 */

/** Lowercase hex SHA-256 of a blob (Blossom addresses blobs by it). */
async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The unsigned kind-24242 upload authorization for one blob (Blossom BUD-02/BUD-11), valid for five minutes. */
function uploadAuthTemplate(hash: string, purpose: string, now = nowSeconds()) {
  return {
    kind: BLOSSOM_AUTH_KIND,
    created_at: now,
    content: purpose,
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

/** What the node stored: its URL, type and hash (of the node's own re-encoding) and the pixel size. */
export interface Uploaded {
  url: string;
  type: string;
  sha256: string;
  width: number;
  height: number;
}

/** Uploads an image already cleaned on this device (see cleanImage) to this node's Blossom server. */
export async function uploadClean(clean: CleanImage, signer: Signer, purpose = 'Upload an image'): Promise<Uploaded> {
  const hash = await sha256Hex(clean.blob);
  const token = await signer.signEvent(uploadAuthTemplate(hash, purpose));
  // Same origin: the node that served the app also stores its media; nothing goes to a third party.
  const res = await fetch('/upload', {
    method: 'PUT',
    body: clean.blob,
    headers: {
      authorization: `Nostr ${base64Utf8(JSON.stringify(token))}`,
      'content-type': clean.blob.type,
      'x-sha-256': hash,
    },
  });
  if (!res.ok) throw new Error(res.headers.get('x-reason') ?? `upload failed (${res.status})`);
  // The node re-encodes once more, so its hash may differ from ours; its URL is what readers fetch.
  // It does not resize, so the pixel size is the one we drew.
  const d = (await res.json()) as { url: string; type: string; sha256: string };
  return { url: d.url, type: d.type, sha256: d.sha256, width: clean.width, height: clean.height };
}

/** Strips an image on this device, then uploads the clean copy to this node's Blossom server; returns its URL. */
export async function uploadImage(file: Blob, signer: Signer, purpose?: string): Promise<string> {
  return (await uploadClean(await cleanImage(file), signer, purpose)).url;
}

/** The NIP-92 description of an uploaded image. */
export function mediaMeta(u: Uploaded, alt: string): MediaMeta {
  return { url: u.url, m: u.type, x: u.sha256, dim: `${u.width}x${u.height}`, alt };
}
