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

/** Replies, mentions, reposts, quotes and likes addressed to the user, live. */
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
  const notifications = items && buildNotifications(items, props.me, parseMuteList(muteList.get() ?? undefined));
  return (
    <>
      <h1>{t('notifications')}</h1>
      {items === null && (
        <p class="pad muted" role="status">
          {t('loading')}
        </p>
      )}
      {notifications?.length === 0 && <p class="pad muted">{t('empty')}</p>}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="notifications">
        {notifications?.map(({ type, event: e, targetId }) => (
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
        ))}
      </ul>
    </>
  );
}
