import { useEffect } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { href } from '../../router.js';
import { followStatsOf, followStatsTick, loadFollowers, loadFollowStats } from '../../state/follow-stats.js';
import { followList } from '../../state/social.js';
import { useStore } from '../../state/store.js';
import { Name } from '../Name.js';

/** The accounts `pubkey` follows, or the accounts that follow it, each linking to its profile. */
export function FollowList(props: { pubkey: string; npub: string; which: 'followers' | 'following' }) {
  useStore(followStatsTick);
  useStore(followList);
  useEffect(() => {
    void (props.which === 'followers' ? loadFollowers(props.pubkey) : loadFollowStats(props.pubkey));
  }, [props.pubkey, props.which]);
  const s = followStatsOf(props.pubkey);
  const list = props.which === 'followers' ? s.followerList : s.following;
  const title = props.which === 'followers' ? t('followers') : t('following');
  return (
    <section class="pad" aria-labelledby="follow-list-h">
      <h2 id="follow-list-h">{title}</h2>
      <p>
        <a href={href.profile(props.npub)}>{t('backToProfile')}</a>
      </p>
      {list === undefined ? (
        <p class="muted">{t('loading')}</p>
      ) : list.length === 0 ? (
        <p class="muted">{t('followListEmpty')}</p>
      ) : (
        <ul class="follow-list" data-testid={`${props.which}-list`}>
          {list.map((pk) => (
            <li key={pk}>
              <Name pubkey={pk} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
