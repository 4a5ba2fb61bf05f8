import { npubEncode } from 'nostr-tools/nip19';
import { t } from '../i18n/index.js';
import { href } from '../router.js';
import { displayName, profilesTick, wantProfile } from '../state/profiles.js';
import { impersonates } from '../state/social.js';
import { useStore } from '../state/store.js';
import { ImpostorBadge } from './desk-signals/ImpostorBadge.js';
import { impostorVerdict } from './desk-signals/impostors.js';

/** A profile's display name (bidi-isolated), linked to the profile, with the impersonator mark. */
export function Name(props: { pubkey: string; link?: boolean }) {
  useStore(profilesTick);
  wantProfile(props.pubkey);
  const name = displayName(props.pubkey);
  // The node's verdict (for every reader) replaces the client's follows-only check when it has one.
  const imp = impostorVerdict(props.pubkey) ? undefined : impersonates(props.pubkey);
  const npub = npubEncode(props.pubkey);
  const label = (
    <bdi class="who" dir="auto">
      {name ?? `${npub.slice(0, 12)}…`}
    </bdi>
  );
  return (
    <span class="name">
      {props.link === false ? (
        label
      ) : (
        <a class="who" href={href.profile(npub)}>
          {label}
        </a>
      )}
      <ImpostorBadge pubkey={props.pubkey} />
      {imp && (
        <span class="badge bad" role="note" data-testid="impersonator" title={t('impersonator', { name: imp })}>
          ⚠ {t('impersonator', { name: imp })}
        </span>
      )}
    </span>
  );
}
