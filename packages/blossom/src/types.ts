/** The image types the node can re-encode without metadata, with their URL extensions. */
export const IMAGE_TYPES: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
};

/** The extension a blob URL carries for a MIME type (BUD-02 asks for one); `bin` when unknown. */
export function extensionFor(type: string): string {
  return IMAGE_TYPES[type] ?? 'bin';
}

/**
 * Parses the `mediaTypes` setting (comma-separated MIME types). Only types we can strip are
 * allowed: anything else is a configuration error, returned as a message.
 */
export function parseTypeList(value: string): { ok: true; types: Set<string> } | { ok: false; error: string } {
  const types = new Set<string>();
  for (const raw of value.split(',')) {
    const t = raw.trim().toLowerCase();
    if (!t) continue;
    if (!(t in IMAGE_TYPES)) {
      return {
        ok: false,
        error: `media type ${t} is not supported: only ${Object.keys(IMAGE_TYPES).join(', ')} can be stripped of metadata`,
      };
    }
    types.add(t);
  }
  return { ok: true, types };
}
