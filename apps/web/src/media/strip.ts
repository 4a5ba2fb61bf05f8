import type { Signer } from '@lifeline/client';

/**
 * Re-encodes an image in the browser so EXIF, GPS, XMP and comments never leave the device: the
 * pixels are drawn to a canvas and exported fresh (a canvas carries no metadata). The node strips
 * again on upload; this is the first line, on the user's own machine.
 */
export async function stripImage(file: Blob): Promise<Blob> {
  // imageOrientation: 'from-image' applies the EXIF rotation before the tag is dropped.
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
  bitmap.close();
  const type = file.type === 'image/png' ? 'image/png' : 'image/jpeg';
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, 0.9));
  if (!blob) throw new Error('could not re-encode the image');
  return blob;
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

/** Strips an image, then uploads it to this node's Blossom server (BUD-02) with a kind-24242 token; returns its URL. */
export async function uploadImage(file: Blob, signer: Signer): Promise<string> {
  const clean = await stripImage(file);
  const hash = await sha256Hex(clean);
  const now = Math.floor(Date.now() / 1000);
  const token = await signer.signEvent({
    kind: 24242,
    created_at: now,
    content: 'Upload an image for a live-blog entry',
    tags: [['t', 'upload'], ['x', hash], ['expiration', String(now + 300)]],
  });
  const res = await fetch('/upload', {
    method: 'PUT',
    body: clean,
    headers: { authorization: `Nostr ${base64(JSON.stringify(token))}`, 'content-type': clean.type, 'x-sha-256': hash },
  });
  if (!res.ok) throw new Error(res.headers.get('x-reason') ?? `upload failed (${res.status})`);
  const descriptor = (await res.json()) as { url: string };
  return descriptor.url;
}
