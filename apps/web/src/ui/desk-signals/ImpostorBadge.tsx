import { npubEncode } from 'nostr-tools/nip19';
import { t } from '../../i18n/index.js';
import { href } from '../../router.js';
import { displayName, profilesTick, wantProfile } from '../../state/profiles.js';
import { useStore } from '../../state/store.js';
import { impostorsTick, impostorVerdict } from './impostors.js';

const REASON_KEYS = {
  'disguised-name': 'impostorReasonName',
  'same-avatar': 'impostorReasonAvatar',
  nip05: 'impostorReasonNip05',
} as const;

/** "Impostor of @…", from the node's verdict, linked to the real account; nothing when none. */
export function ImpostorBadge(props: { pubkey: string }) {
  useStore(impostorsTick);
  useStore(profilesTick);
  const v = impostorVerdict(props.pubkey);
  if (!v) return null;
  wantProfile(v.imitates);
  const name = displayName(v.imitates) ?? v.name;
  const reasons = v.reasons
    .map((r) => (r in REASON_KEYS ? t(REASON_KEYS[r as keyof typeof REASON_KEYS]) : r))
    .join(t('listSeparator'));
  return (
    <a
      class="badge bad"
      data-testid="impostor-of"
      href={href.profile(npubEncode(v.imitates))}
      title={t('impostorWhy', { name, reasons })}
    >
      ⚠ {t('impostorOf', { name: '' })}
      <bdi dir="auto">{name}</bdi>
    </a>
  );
}
