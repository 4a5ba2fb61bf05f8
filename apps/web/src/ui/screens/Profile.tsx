import { profileFilter } from '@lifeline/client';
import { decode } from 'nostr-tools/nip19';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { net } from '../../state/net.js';
import { useStore } from '../../state/store.js';
import { Name } from '../Name.js';
import { PublishResults } from '../PublishResults.js';
import { Timeline } from '../Timeline.js';
import type { PublishReport } from '../../state/relays.js';

function toHex(npub: string): string | null {
  try {
    const d = decode(npub);
    if (d.type === 'npub') return d.data;
    if (d.type === 'nprofile') return d.data.pubkey;
  } catch {
    // not bech32
  }
  return /^[0-9a-f]{64}$/.test(npub) ? npub : null;
}

/** A profile: name, about, picture (loaded only on request for strangers), follow/mute, and posts. */
export function ProfileScreen(props: { npub: string }) {
  const pubkey = toHex(props.npub);
  useStore(net.profilesTick);
  useStore(net.followList);
  useStore(net.mutesTick);
  const [report, setReport] = useState<PublishReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [showPic, setShowPic] = useState(false);
  useEffect(() => {
    if (pubkey) void net.loadProfiles([pubkey]);
  }, [pubkey]);
  if (!pubkey) return <p class="pad">{t('notFound')}</p>;
  const p = net.profileOf(pubkey);
  const isMe = pubkey === net.me();
  const following = net.follows().includes(pubkey);
  const muted = net.isMuted(pubkey);
  const act = async (fn: () => Promise<PublishReport>) => {
    setBusy(true);
    try {
      setReport(await fn());
    } finally {
      setBusy(false);
    }
  };
  const picAllowed = showPic || net.isFollowedOrMe(pubkey);
  return (
    <>
      <h1><Name pubkey={pubkey} link={false} /></h1>
      <section class="pad" aria-label={t('profile')}>
        {p?.picture &&
          (picAllowed ? (
            <img class="avatar" src={p.picture} alt={t('picture')} referrerPolicy="no-referrer" />
          ) : (
            <button class="link" onClick={() => setShowPic(true)}>{t('loadImage')}</button>
          ))}
        <p class="muted ltr" style={{ overflowWrap: 'anywhere' }}>{props.npub}</p>
        {p?.about && <p dir="auto" style={{ whiteSpace: 'pre-wrap' }}>{p.about}</p>}
        {!isMe && net.me() && (
          <div class="actions" style={{ display: 'flex', gap: '.5rem' }}>
            <button class={following ? '' : 'primary'} disabled={busy} onClick={() => act(() => net.setFollow(pubkey, !following))} data-testid="follow">
              {following ? t('unfollow') : t('follow')}
            </button>
            <button disabled={busy} onClick={() => act(() => net.setMute(pubkey, !muted))}>{muted ? t('unmute') : t('mute')}</button>
          </div>
        )}
        {report && <PublishResults report={report} />}
      </section>
      {muted ? <p class="pad muted">{t('muted')}</p> : <Timeline filters={profileFilter(pubkey)} />}
    </>
  );
}
