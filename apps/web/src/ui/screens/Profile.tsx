import { AccountBadge } from '../desk/DeskBadges.js';
import { TrustLine } from '../desk/TrustLine.js';
import { profileFilter } from '@lifeline/client';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { href, routePubkey, useRoute } from '../../router.js';
import { setFollow, setMute } from '../../state/actions.js';
import { loadFollowStats, noteFollowChange } from '../../state/follow-stats.js';
import { loadProfiles, profileOf, profilesTick } from '../../state/profiles.js';
import type { PublishReport } from '../../state/publish.js';
import { me } from '../../state/session.js';
import { followList, follows, isFollowedOrMe, isMuted, mutesTick } from '../../state/social.js';
import { useStore } from '../../state/store.js';
import { Name } from '../Name.js';
import { PublishResults } from '../PublishResults.js';
import { Timeline } from '../Timeline.js';
import { FollowCounts } from '../profile/FollowCounts.js';
import { FollowList } from '../profile/FollowList.js';
import { Nip05 } from '../profile/Nip05.js';

/**
 * A profile: banner, picture (both loaded only on request for strangers), names, about, website,
 * NIP-05, follower and following counts and lists, follow/mute, and posts.
 */
export function ProfileScreen(props: { npub: string }) {
  const pubkey = routePubkey(props.npub);
  const route = useRoute();
  useStore(profilesTick);
  useStore(followList);
  useStore(mutesTick);
  const [report, setReport] = useState<PublishReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [showPic, setShowPic] = useState(false);
  useEffect(() => {
    if (pubkey) void loadProfiles([pubkey]);
  }, [pubkey]);
  if (!pubkey) return <p class="pad">{t('notFound')}</p>;
  const p = profileOf(pubkey);
  const isMe = pubkey === me();
  const following = follows().includes(pubkey);
  const muted = isMuted(pubkey);
  const list =
    route.name === 'profile' && (route.arg2 === 'followers' || route.arg2 === 'following') ? route.arg2 : null;
  const act = async (fn: () => Promise<PublishReport>, after?: () => void) => {
    setBusy(true);
    try {
      setReport(await fn());
      after?.();
    } finally {
      setBusy(false);
    }
  };
  const picAllowed = showPic || isFollowedOrMe(pubkey);
  const hasImages = !!(p?.picture || p?.banner);
  return (
    <>
      {p?.banner && picAllowed && (
        <img class="banner" src={p.banner} alt={t('bannerOf')} referrerPolicy="no-referrer" data-testid="banner" />
      )}
      <h1>
        {p?.picture && picAllowed && (
          <img class="avatar" src={p.picture} alt={t('picture')} referrerPolicy="no-referrer" data-testid="avatar" />
        )}{' '}
        <Name pubkey={pubkey} link={false} /> <AccountBadge pubkey={pubkey} /> <TrustLine pubkey={pubkey} />
      </h1>
      <section class="pad" aria-label={t('profile')}>
        {hasImages && !picAllowed && (
          <button type="button" class="link" onClick={() => setShowPic(true)}>
            {t('loadProfileImages')}
          </button>
        )}
        {p?.name && p.display_name && p.name !== p.display_name && (
          <p class="muted">
            @<bdi dir="auto">{p.name}</bdi>
          </p>
        )}
        <p class="muted ltr" style={{ overflowWrap: 'anywhere' }}>
          {props.npub}
        </p>
        {p?.nip05 && <Nip05 nip05={p.nip05} pubkey={pubkey} />}
        {p?.about && (
          <p dir="auto" style={{ whiteSpace: 'pre-wrap' }} data-testid="about">
            {p.about}
          </p>
        )}
        {p?.website && (
          <p>
            <a href={p.website} rel="noopener noreferrer nofollow" target="_blank" data-testid="website">
              <bdi class="ltr">{p.website.replace(/^https?:\/\//i, '')}</bdi>
            </a>
          </p>
        )}
        <FollowCounts pubkey={pubkey} npub={props.npub} />
        {isMe && (
          <p>
            <a href={href.settings()}>{t('editProfile')}</a>
          </p>
        )}
        {!isMe && me() && (
          <div class="actions" style={{ display: 'flex', gap: '.5rem' }}>
            <button
              type="button"
              class={following ? '' : 'primary'}
              disabled={busy}
              onClick={() =>
                act(
                  () => setFollow(pubkey, !following),
                  () => {
                    noteFollowChange(pubkey, !following);
                    void loadFollowStats(pubkey);
                  },
                )
              }
              data-testid="follow"
            >
              {following ? t('unfollow') : t('follow')}
            </button>
            <button type="button" disabled={busy} onClick={() => act(() => setMute(pubkey, !muted))}>
              {muted ? t('unmute') : t('mute')}
            </button>
          </div>
        )}
        {report && <PublishResults report={report} />}
      </section>
      {list ? (
        <FollowList pubkey={pubkey} npub={props.npub} which={list} />
      ) : muted ? (
        <p class="pad muted">{t('muted')}</p>
      ) : (
        <Timeline filters={profileFilter(pubkey)} />
      )}
    </>
  );
}
