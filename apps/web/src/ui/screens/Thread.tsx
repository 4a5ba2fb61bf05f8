import {
  buildThreadTree,
  nowSeconds,
  parseThread,
  threadFilter,
  type SignedEvent,
  type ThreadNode,
  type ThreadTree,
} from '@lifeline/client';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { fetchEvent } from '../../state/events.js';
import { pool } from '../../state/relays.js';
import { Note } from '../Note.js';
import { TEXT_NOTE_KIND } from '@lifeline/nostr';

/** A conversation (NIP-10): the root, then replies nested under what they answer. */
export function ThreadScreen(props: { id: string }) {
  const [tree, setTree] = useState<ThreadTree | null | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    const load = async () => {
      const ev = await fetchEvent(props.id);
      if (!ev) return alive && setTree(null);
      const rootId = parseThread(ev).root?.id ?? ev.id;
      const root = rootId === ev.id ? ev : ((await fetchEvent(rootId)) ?? ev);
      const replies = await pool.query(threadFilter(root.id), { timeoutMs: 6000 }).catch(() => []);
      if (alive) setTree(buildThreadTree([root, ev, ...replies], root.id));
    };
    void load();
    const sub = pool.subscribe([{ kinds: [TEXT_NOTE_KIND], '#e': [props.id], since: nowSeconds() }], () => void load());
    return () => {
      alive = false;
      sub.close();
    };
  }, [props.id]);
  return (
    <>
      <h1>{t('thread')}</h1>
      {tree === undefined && (
        <p class="pad muted" role="status">
          {t('loading')}
        </p>
      )}
      {tree === null && <p class="pad">{t('notFound')}</p>}
      {tree?.root && <Branch node={tree.root} depth={0} focus={props.id} />}
      {tree?.orphans.map((n) => (
        <Branch key={n.event.id} node={n} depth={1} focus={props.id} />
      ))}
    </>
  );
}

function Branch(props: { node: ThreadNode; depth: number; focus: string }) {
  return (
    <div
      style={{ paddingInlineStart: `${Math.min(props.depth, 6) * 1.25}rem` }}
      data-focus={props.node.event.id === props.focus || undefined}
    >
      <Note event={props.node.event as SignedEvent} />
      {props.node.children.map((r) => (
        <Branch key={r.event.id} node={r} depth={props.depth + 1} focus={props.focus} />
      ))}
    </div>
  );
}
