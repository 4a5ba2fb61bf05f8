import type { MediaMeta } from '@lifeline/nostr';
import type { Signer } from '@lifeline/client';
import type { CleanImage } from './strip.js';

/*
 * Images waiting in a composer. They are stripped when picked (so the preview shows exactly what
 * will leave the device) and uploaded only when the post is sent, so a discarded draft uploads nothing.
 * The image code is loaded on first use: most visits never attach anything.
 */

/** One picked image: the clean copy, its preview URL (blob:) and the alt text typed so far. */
export interface PendingImage {
  key: number;
  clean: CleanImage;
  preview: string;
  alt: string;
}

let nextKey = 1;

/** Strips each file on this device; a file that is not an image rejects with a message for the user. */
export async function prepareImages(files: File[]): Promise<PendingImage[]> {
  const { cleanImage } = await import('./strip.js');
  const out: PendingImage[] = [];
  for (const f of files) {
    const clean = await cleanImage(f);
    out.push({ key: nextKey++, clean, preview: URL.createObjectURL(clean.blob), alt: '' });
  }
  return out;
}

/** Uploads the images in order and returns their NIP-92 descriptions, alt text included. */
export async function uploadPending(items: PendingImage[], signer: Signer): Promise<MediaMeta[]> {
  const { uploadClean, mediaMeta } = await import('./upload.js');
  const out: MediaMeta[] = [];
  for (const item of items)
    out.push(mediaMeta(await uploadClean(item.clean, signer, 'Upload an image for a post'), item.alt));
  return out;
}
