import { decode } from 'nostr-tools/nip19';
import { DEFAULT_DESK_D, DESK_LIST_KIND, type DeskAddress } from '@lifeline/nostr';

/** Why the `desk` setting could not be read; startup reports it as a config error. */
export class DeskConfigError extends Error {}

/**
 * Reads the `desk` setting: comma- or space-separated npubs (the owner's set with d
 * "lifeline-desk") and naddrs of kind 30000 sets. Duplicates are dropped; order is kept (the
 * first desk is the node's default).
 */
export function parseDeskSetting(value: string): DeskAddress[] {
  const out: DeskAddress[] = [];
  for (const item of value.split(/[\s,]+/).filter(Boolean)) {
    let decoded: ReturnType<typeof decode>;
    try {
      decoded = decode(item);
    } catch {
      throw new DeskConfigError(`--desk: "${item.slice(0, 80)}" is not an npub or naddr`);
    }
    let address: DeskAddress;
    if (decoded.type === 'npub') address = { owner: decoded.data, d: DEFAULT_DESK_D };
    else if (decoded.type === 'naddr' && decoded.data.kind === DESK_LIST_KIND)
      address = { owner: decoded.data.pubkey, d: decoded.data.identifier };
    else
      throw new DeskConfigError(
        `--desk: "${item.slice(0, 80)}" must be an npub or an naddr of a kind ${DESK_LIST_KIND} set`,
      );
    if (!out.some((a) => a.owner === address.owner && a.d === address.d)) out.push(address);
  }
  return out;
}
