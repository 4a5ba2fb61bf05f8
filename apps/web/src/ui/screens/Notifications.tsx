import {
  buildNotifications,
  mergeNewest,
  notificationsFilter,
  nowSeconds,
  parseMuteList,
  type SignedEvent,
} from '@lifeline/client';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { tParts } from '../../i18n/parts.js';
import { href } from '../../router.js';
import { pool } from '../../state/relays.js';
import { muteList } from '../../state/social.js';
import { useStore } from '../../state/store.js';
import { markNotificationsSeen, newFollowers, type NewFollower } from '../../state/unread.js';
import { Name } from '../Name.js';
import { Note } from '../Note.js';
import { Time } from '../Time.js';
import { REACTION_KIND, TEXT_NOTE_KIND } from '@lifeline/nostr';

const LABEL = {
  reply: 'repliedToYou',
  mention: 'mentionedYou',
  repost: 'repostedYou',
  like: 'likedYou',
  quote: 'quotedYou',
} as const;

/** Replies, mentions, reposts, quotes, likes and new followers of the user, live; viewing them clears the badge. */
export function NotificationsScreen(props: { me: string }) {
  const [items, setItems] = useState<SignedEvent[] | null>(null);
  useEffect(() => {
    let alive = true;
    const add = (got: SignedEvent[]) => alive && setItems((prev) => mergeNewest(prev ?? [], got));
    void pool.query(notificationsFilter(props.me, { limit: 50 }), { timeoutMs: 6000 }).then(add, () => add([]));
    const sub = pool.subscribe(notificationsFilter(props.me, { since: nowSeconds() }), (e) => add([e]));
    return () => {
      alive = false;
      sub.close();
    };
  }, [props.me]);
  const followers = useStore(newFollowers);
  // Everything shown here counts as read, including what arrives while the screen is open.
  useEffect(() => markNotificationsSeen(), [items, followers.length]);
  useEffect(() => () => markNotificationsSeen(), []);
  const notifications = items && buildNotifications(items, props.me, parseMuteList(muteList.get() ?? undefined));
  const list = notifications && mergeFollowers(notifications, followers);
  return (
    <>
      <h1>{t('notifications')}</h1>
      {items === null && (
        <p class="pad muted" role="status">
          {t('loading')}
        </p>
      )}
      {list?.length === 0 && <p class="pad muted">{t('empty')}</p>}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="notifications">
        {list?.map((item) => {
          if (!('event' in item)) return <FollowItem key={`f-${item.pubkey}`} follower={item} />;
          const { type, event: e, targetId } = item;
          return (
            <li key={e.id} class="card" data-kind={type}>
              <p class="context">
                {tParts(LABEL[type], { name: <Name pubkey={e.pubkey} /> })} · <Time ts={e.created_at} />
                {targetId && type !== 'reply' && type !== 'mention' && (
                  <>
                    {' '}
                    · <a href={href.thread(targetId)}>{t('thread')}</a>
                  </>
                )}
              </p>
              {e.kind === TEXT_NOTE_KIND && <Note event={e} />}
              {e.kind === REACTION_KIND && <bdi dir="auto">{e.content === '+' ? '♥' : e.content}</bdi>}
            </li>
          );
        })}
      </ul>
    </>
  );
}

type Item = ReturnType<typeof buildNotifications>[number];

/** Notifications and new followers in one list, newest first (a follow counts from its list's time). */
function mergeFollowers(items: Item[], followers: NewFollower[]): Array<Item | NewFollower> {
  const time = (x: Item | NewFollower) => ('event' in x ? x.event.created_at : x.at);
  return [...items, ...followers].sort((a, b) => time(b) - time(a));
}

/** "X followed you": a follow list (kind 3) that newly names the user. */
function FollowItem(props: { follower: NewFollower }) {
  const f = props.follower;
  return (
    <li class="card" data-kind="follow">
      <p class="context">
        {tParts('followedYou', { name: <Name pubkey={f.pubkey} /> })} · <Time ts={f.at} />
      </p>
    </li>
  );
}
