import type { MediaMeta } from '@lifeline/nostr';
import type { Signer } from '@lifeline/client';
import { cleanImage, type CleanImage } from './strip.js';
import { mediaMeta, uploadClean } from './upload.js';

/*
 * Images waiting in a composer. They are stripped when picked (so the preview shows exactly what
 * will leave the device) and uploaded only when the post is sent, so a discarded draft uploads nothing.
 * The image code is small (a canvas re-encode) and the live-blog editor already loads it at start,
 * so it is imported statically: a lazy chunk would only split the shared code out of the main file.
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
  const out: PendingImage[] = [];
  for (const f of files) {
    const clean = await cleanImage(f);
    out.push({ key: nextKey++, clean, preview: URL.createObjectURL(clean.blob), alt: '' });
  }
  return out;
}

/** Uploads the images in order and returns their NIP-92 descriptions, alt text included. */
export async function uploadPending(items: PendingImage[], signer: Signer): Promise<MediaMeta[]> {
  const out: MediaMeta[] = [];
  for (const item of items)
    out.push(mediaMeta(await uploadClean(item.clean, signer, 'Upload an image for a post'), item.alt));
  return out;
}
