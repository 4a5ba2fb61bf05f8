import { extensionFor } from './types.js';

/** BUD-02 blob descriptor, as returned by upload and list. */
export interface BlobDescriptor {
  url: string;
  sha256: string;
  size: number;
  type: string;
  uploaded: number;
}

/** What the store knows about one blob for one owner. */
export interface BlobRecord {
  sha256: string;
  size: number;
  type: string;
  /** Unix seconds when this blob was uploaded (by the owner in question, for lists). */
  uploaded: number;
}

/** Builds a descriptor whose URL carries the type's extension, as BUD-02 requires. */
export function blobDescriptor(baseUrl: string, blob: BlobRecord): BlobDescriptor {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    url: `${base}/${blob.sha256}.${extensionFor(blob.type)}`,
    sha256: blob.sha256,
    size: blob.size,
    type: blob.type,
    uploaded: blob.uploaded,
  };
}
