import type { Config } from '@lifeline/config';
import { Mirror, storeSide, type Direction } from '@lifeline/mirror';
import { validateFilter, type Filter } from '@lifeline/nostr';
import type { Core } from '../node.js';
import { mirrorUrls } from '../nip11/index.js';

/** The settings continuous mirroring reads. */
export type MirrorSettings = Pick<Config, 'mirror' | 'mirrorDirection' | 'mirrorFilter' | 'negentropyMaxRecords'>;

/** The mirror filter from its JSON setting; throws with a readable message when it is not a filter. */
export function mirrorFilter(json: string): Filter {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error(`mirrorFilter is not JSON: ${json}`);
  }
  const r = validateFilter(raw, { maxValues: 10_000, maxSearchLength: 256, maxSearchTerms: 12 });
  if (!r.ok) throw new Error(`mirrorFilter: ${r.reason}`);
  return r.filter;
}

/**
 * Starts one `Mirror` per configured peer over the node's store and its one way in
 * (`relay.addEvent`, source `sync`); returns a stop function.
 */
export function startMirrors(settings: MirrorSettings, core: Core): { urls: string[]; stop(): Promise<void> } {
  const urls = mirrorUrls(settings.mirror);
  const filter = mirrorFilter(settings.mirrorFilter);
  const side = storeSide(core.store, core.relay.addEvent, settings.negentropyMaxRecords);
  const mirrors = urls.map(
    (url) =>
      new Mirror({
        url,
        side,
        filter,
        direction: settings.mirrorDirection as Direction,
        onLocalStored: (l) => core.relay.onStored(l),
        onSynced: (u, r) =>
          core.log.info('mirror synced', {
            peer: u,
            method: r.method,
            have: r.have,
            need: r.need,
            ms: r.ms,
          }),
        onError: (u, message) => core.log.warn('mirror link failed, retrying', { peer: u, error: message }),
      }),
  );
  return {
    urls,
    async stop() {
      await Promise.all(mirrors.map((m) => m.stop()));
    },
  };
}
