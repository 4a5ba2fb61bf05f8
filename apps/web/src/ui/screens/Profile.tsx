import { AccountBadge } from '../desk/DeskBadges.js';
import { TrustLine } from '../desk/TrustLine.js';
import { profileFilter } from '@lifeline/client';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { routePubkey } from '../../router.js';
import { setFollow, setMute } from '../../state/actions.js';
import { loadProfiles, profileOf, profilesTick } from '../../state/profiles.js';
import type { PublishReport } from '../../state/publish.js';
import { me } from '../../state/session.js';
import { followList, follows, isFollowedOrMe, isMuted, mutesTick } from '../../state/social.js';
import { useStore } from '../../state/store.js';
import { Name } from '../Name.js';
import { PublishResults } from '../PublishResults.js';
import { Timeline } from '../Timeline.js';

/** A profile: name, about, picture (loaded only on request for strangers), follow/mute, and posts. */
export function ProfileScreen(props: { npub: string }) {
  const pubkey = routePubkey(props.npub);
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
  const act = async (fn: () => Promise<PublishReport>) => {
    setBusy(true);
    try {
      setReport(await fn());
    } finally {
      setBusy(false);
    }
  };
  const picAllowed = showPic || isFollowedOrMe(pubkey);
  return (
    <>
      <h1>
        <Name pubkey={pubkey} link={false} /> <AccountBadge pubkey={pubkey} /> <TrustLine pubkey={pubkey} />
      </h1>
      <section class="pad" aria-label={t('profile')}>
        {p?.picture &&
          (picAllowed ? (
            <img class="avatar" src={p.picture} alt={t('picture')} referrerPolicy="no-referrer" />
          ) : (
            <button type="button" class="link" onClick={() => setShowPic(true)}>
              {t('loadImage')}
            </button>
          ))}
        <p class="muted ltr" style={{ overflowWrap: 'anywhere' }}>
          {props.npub}
        </p>
        {p?.about && (
          <p dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
            {p.about}
          </p>
        )}
        {!isMe && me() && (
          <div class="actions" style={{ display: 'flex', gap: '.5rem' }}>
            <button
              type="button"
              class={following ? '' : 'primary'}
              disabled={busy}
              onClick={() => act(() => setFollow(pubkey, !following))}
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
      {muted ? <p class="pad muted">{t('muted')}</p> : <Timeline filters={profileFilter(pubkey)} />}
    </>
  );
}
