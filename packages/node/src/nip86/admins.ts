import { decode } from 'nostr-tools/nip19';
import { isHex64 } from '@lifeline/nostr';
import { StartError } from '../start-error.js';

/** The `admin` setting as hex pubkeys: npubs or hex, comma- or space-separated. */
export function parseAdmins(setting: string): string[] {
  const out = new Set<string>();
  for (const item of setting.split(/[\s,]+/).filter(Boolean)) {
    if (isHex64(item.toLowerCase())) {
      out.add(item.toLowerCase());
      continue;
    }
    let decoded: ReturnType<typeof decode> | undefined;
    try {
      decoded = decode(item);
    } catch {
      decoded = undefined;
    }
    // Never echo a secret key into logs: an operator may paste the wrong one.
    if (decoded?.type === 'nsec' || /^nsec1/i.test(item))
      throw new StartError('admin-invalid', {
        why: 'that is a secret key (nsec); give its npub, and keep the nsec private',
      });
    if (decoded?.type !== 'npub')
      throw new StartError('admin-invalid', { why: `"${item.slice(0, 80)}" is not an npub` });
    out.add(decoded.data);
  }
  return [...out];
}
