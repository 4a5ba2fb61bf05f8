import { classifyNotification, mergeNewest, notificationsFilter, parseMuteList, type SignedEvent } from '@lifeline/client';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { tParts } from '../../i18n/parts.js';
import { href } from '../../router.js';
import { net } from '../../state/net.js';
import { Name } from '../Name.js';
import { Note } from '../Note.js';
import { Time } from '../Time.js';

const LABEL = { reply: 'repliedToYou', mention: 'mentionedYou', repost: 'repostedYou', like: 'likedYou', quote: 'quotedYou' } as const;

/** Replies, mentions, reposts, quotes and likes addressed to the user, live. */
export function NotificationsScreen(props: { me: string }) {
  const [items, setItems] = useState<SignedEvent[] | null>(null);
  useEffect(() => {
    let alive = true;
    const add = (got: SignedEvent[]) => alive && setItems((prev) => mergeNewest(prev ?? [], got));
    void net.pool.query(notificationsFilter(props.me, { limit: 50 }), { timeoutMs: 6000 }).then(add, () => add([]));
    const sub = net.pool.subscribe(notificationsFilter(props.me, { since: Math.floor(Date.now() / 1000) }), (e) => add([e]));
    return () => {
      alive = false;
      sub.close();
    };
  }, [props.me]);
  return (
    <>
      <h1>{t('notifications')}</h1>
      {items === null && <p class="pad muted" role="status">{t('loading')}</p>}
      {items?.length === 0 && <p class="pad muted">{t('empty')}</p>}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="notifications">
        {items?.map((e) => {
          const n = classifyNotification(e, props.me, parseMuteList(net.muteList.get() ?? undefined));
          if (!n) return null;
          const kind = n.type;
          const target = n.targetId;
          return (
            <li key={e.id} class="card" data-kind={kind}>
              <p class="context">
                {tParts(LABEL[kind], { name: <Name pubkey={e.pubkey} /> })} · <Time ts={e.created_at} />
                {target && kind !== 'reply' && kind !== 'mention' && <> · <a href={href.thread(target)}>{t('thread')}</a></>}
              </p>
              {e.kind === 1 && <Note event={e} />}
              {e.kind === 7 && <bdi dir="auto">{e.content === '+' ? '♥' : e.content}</bdi>}
            </li>
          );
        })}
      </ul>
    </>
  );
}
