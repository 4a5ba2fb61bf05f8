import { badgeText } from '@lifeline/verify-desk';
import { lang, t } from '../../i18n/index.js';
import { badgeOf, desk, deskTick } from '../../state/desk.js';
import { useStore } from '../../state/store.js';

/** The claim badge of the first of `ids` that has a claim (a live-blog entry, then the posts it embeds). */
export function ClaimBadge(props: { ids: readonly string[] }) {
  useStore(deskTick);
  const d = useStore(desk);
  const badge = props.ids.map((id) => badgeOf(id)).find((b) => b);
  if (!badge) return null;
  return (
    <a
      href={`#/claim/${badge.claim}`}
      class="badge desk-badge warn"
      data-testid="claim-badge"
      data-state={badge.state}
      title={t('deskBadgeTitle')}
    >
      {badgeText(badge, lang(), d?.states ?? [])}
    </a>
  );
}
