import {
  buildThreadTree,
  nowSeconds,
  parseThread,
  threadFilter,
  type SignedEvent,
  type ThreadNode,
} from '@lifeline/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { fetchEvent } from '../../state/events.js';
import { pool } from '../../state/relays.js';
import { ownEvent } from '../../state/social.js';
import { DELETION_KIND, TEXT_NOTE_KIND } from '@lifeline/nostr';
import { Note } from '../Note.js';

/** What the relays returned for a thread: its root and every event read back. */
interface Loaded {
  root: SignedEvent;
  events: SignedEvent[];
}

/**
 * A conversation (NIP-10): the root, then replies nested under what they answer. The user's own
 * reply shows at once, marked "Sending…" until a relay returns it; a post the user deletes here
 * leaves the view at once.
 */
export function ThreadScreen(props: { id: string }) {
  const [loaded, setLoaded] = useState<Loaded | null | undefined>(undefined);
  // Own replies signed while this screen is open, shown before any relay has them.
  const [own, setOwn] = useState<SignedEvent[]>([]);
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const reload = useRef<() => void>(() => {});
  useEffect(() => {
    let alive = true;
    let sub: { close(): void } | undefined;
    const load = async () => {
      const ev = await fetchEvent(props.id);
      if (!ev) return alive && setLoaded(null);
      const rootId = parseThread(ev).root?.id ?? ev.id;
      const root = rootId === ev.id ? ev : ((await fetchEvent(rootId)) ?? ev);
      const replies = await pool.query(threadFilter(root.id), { timeoutMs: 6000 }).catch(() => []);
      if (!alive) return;
      setLoaded({ root, events: [ev, ...replies] });
      // Replies anywhere in the conversation name its root (NIP-10), so one subscription sees them all.
      sub ??= pool.subscribe([{ kinds: [TEXT_NOTE_KIND], '#e': [root.id], since: nowSeconds() }], () => void load());
    };
    reload.current = () => void load();
    setLoaded(undefined);
    void load();
    setOwn([]);
    setGone(new Set());
    return () => {
      alive = false;
      sub?.close();
    };
  }, [props.id]);
  useEffect(
    () =>
      ownEvent.subscribe((e) => {
        if (e?.kind === TEXT_NOTE_KIND) setOwn((prev) => [...prev, e]);
        if (e?.kind === DELETION_KIND) {
          const named = e.tags.flatMap((tag) => (tag[0] === 'e' && tag[1] ? [tag[1]] : []));
          setGone((prev) => new Set([...prev, ...named]));
        }
      }),
    [],
  );
  if (loaded === undefined)
    return (
      <>
        <h1>{t('thread')}</h1>
        <p class="pad muted" role="status">
          {t('loading')}
        </p>
      </>
    );
  if (loaded === null || gone.has(loaded.root.id))
    return (
      <>
        <h1>{t('thread')}</h1>
        <p class="pad">{t('notFound')}</p>
      </>
    );
  const rootId = loaded.root.id;
  const confirmed = new Set(loaded.events.map((e) => e.id));
  const inThread = (e: SignedEvent) => e.id === rootId || parseThread(e).root?.id === rootId;
  const pending = new Set(own.filter((e) => inThread(e) && !confirmed.has(e.id)).map((e) => e.id));
  const all = [loaded.root, ...loaded.events, ...own.filter((e) => pending.has(e.id))].filter((e) => !gone.has(e.id));
  const tree = buildThreadTree(all, rootId);
  const ownIds = new Set(own.map((e) => e.id));
  const state = (id: string) => (pending.has(id) ? 'pending' : ownIds.has(id) ? 'confirmed' : undefined);
  return (
    <>
      {pending.size > 0 && <ReadBack reload={reload.current} />}
      <Thread tree={tree} focus={props.id} state={state} />
    </>
  );
}

/** While an own reply waits, the thread is read back every 2 s (the live subscription may miss it). */
function ReadBack(props: { reload: () => void }) {
  useEffect(() => {
    const timer = setInterval(props.reload, 2000);
    return () => clearInterval(timer);
  }, [props.reload]);
  return null;
}

function Thread(props: {
  tree: ReturnType<typeof buildThreadTree>;
  focus: string;
  state: (id: string) => 'pending' | 'confirmed' | undefined;
}) {
  const { tree, state } = props;
  return (
    <>
      <h1>{t('thread')}</h1>
      {tree.root && <Branch node={tree.root} depth={0} focus={props.focus} state={state} />}
      {tree.orphans.map((n) => (
        <Branch key={n.event.id} node={n} depth={1} focus={props.focus} state={state} />
      ))}
    </>
  );
}

function Branch(props: {
  node: ThreadNode;
  depth: number;
  focus: string;
  state: (id: string) => 'pending' | 'confirmed' | undefined;
}) {
  const id = props.node.event.id;
  const state = props.state(id);
  return (
    <div
      style={{ paddingInlineStart: `${Math.min(props.depth, 6) * 1.25}rem` }}
      data-focus={id === props.focus || undefined}
      data-state={state}
    >
      <Note event={props.node.event as SignedEvent} />
      {state && (
        <p class="muted reply-state" role="status" data-testid="reply-state">
          {state === 'pending' ? t('pendingConfirm') : `✓ ${t('sentConfirmed')}`}
        </p>
      )}
      {props.node.children.map((r) => (
        <Branch key={r.event.id} node={r} depth={props.depth + 1} focus={props.focus} state={props.state} />
      ))}
    </div>
  );
}
