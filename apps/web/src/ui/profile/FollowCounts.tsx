import { useEffect } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { href } from '../../router.js';
import { followStatsOf, followStatsTick, loadFollowStats } from '../../state/follow-stats.js';
import { followList } from '../../state/social.js';
import { useStore } from '../../state/store.js';

/** Links to a profile's follower and following lists (`#/p/<npub>/followers`, `…/following`). */
export function followHref(npub: string, which: 'followers' | 'following'): string {
  return `${href.profile(npub)}/${which}`;
}

/** "N following · N followers", each a link to its list; counts come from the relays (NIP-45 COUNT). */
export function FollowCounts(props: { pubkey: string; npub: string }) {
  useStore(followStatsTick);
  useStore(followList);
  useEffect(() => {
    void loadFollowStats(props.pubkey);
  }, [props.pubkey]);
  const s = followStatsOf(props.pubkey);
  const n = (v: number | undefined) => (v === undefined ? '…' : v);
  return (
    <p class="follow-counts">
      <a href={followHref(props.npub, 'following')} data-testid="following-count">
        {t('followingCount', { count: n(s.following?.length) })}
      </a>
      {' · '}
      <a href={followHref(props.npub, 'followers')} data-testid="followers-count">
        {t('followersCount', { count: n(s.followers) })}
      </a>
    </p>
  );
}
