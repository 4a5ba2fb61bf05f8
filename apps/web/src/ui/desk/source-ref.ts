import { decode } from 'nostr-tools/nip19';
import { isHex64 } from '@lifeline/nostr';

/** What a typed source reference names: an event id or a URL; undefined when it is neither. */
export function parseSourceRef(input: string): { event: string } | { url: string } | undefined {
  const s = input.trim().replace(/^nostr:/, '');
  if (isHex64(s)) return { event: s };
  if (/^https?:\/\//i.test(s) && URL.canParse(s)) return { url: s };
  try {
    const d = decode(s) as { type: string; data: unknown };
    if (d.type === 'note' && typeof d.data === 'string') return { event: d.data };
    if (d.type === 'nevent') return { event: (d.data as { id: string }).id };
  } catch {
    // not bech32
  }
  return undefined;
}
