import type { OriginalRef } from '@lifeline/client';
import type { ComponentChildren } from 'preact';
import { t } from '../i18n/index.js';
import { deletedTick, originalDeleted } from '../state/deleted-originals.js';
import { useStore } from '../state/store.js';

/**
 * The embedded original of a repost or quote, unless its author asked to delete it: then only
 * "the author deleted this post" (docs/protocol.md "Deleted posts and reposts"). While the relays
 * are asked, a placeholder stands in, so deleted words never flash on screen.
 */
export function UnlessDeleted(props: { original: OriginalRef | undefined; children: ComponentChildren }) {
  useStore(deletedTick);
  if (!props.original) return <>{props.children}</>;
  const deleted = originalDeleted(props.original);
  if (deleted === undefined) return <p class="muted">{t('loading')}</p>;
  if (deleted)
    return (
      <p class="embed deleted-original" role="note" data-testid="deleted-original">
        {t('originalDeleted')}
      </p>
    );
  return <>{props.children}</>;
}
