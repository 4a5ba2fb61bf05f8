import { matchesAny, mergeNewest, nextPageUntil, nowSeconds, type Filter, type SignedEvent } from '@lifeline/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { pool, relayList, relayModes } from '../state/relays.js';
import { useStore } from '../state/store.js';
import { ownEvent } from '../state/social.js';
import { Note } from './Note.js';
import { REPOST_KIND, TEXT_NOTE_KIND } from '@lifeline/nostr';

const PAGE = 30;

/**
 * A feed: stored posts first, then live ones without a reload. New posts go on top when the reader
 * is at the top; otherwise they wait behind a "Show N new posts" button so nothing jumps under the
 * reader's finger. Older pages load as the end of the list scrolls into view.
 */
export function Timeline(props: { filters: Filter[]; empty?: string; accept?: (e: SignedEvent) => boolean }) {
  const key = JSON.stringify(props.filters);
  // A new relay (e.g. the node's mirrors, learnt after the first paint) re-subscribes without clearing.
  const relays = `${useStore(relayList).join(' ')} ${JSON.stringify(useStore(relayModes))}`;
  const shownKey = useRef(key);
  const [items, setItems] = useState<SignedEvent[] | null>(null);
  const [pending, setPending] = useState<SignedEvent[]>([]);
  const [more, setMore] = useState(true);
  const loadingMore = useRef(false);
  const sentinel = useRef<HTMLDivElement>(null);
  const accept = (e: SignedEvent) =>
    (e.kind === TEXT_NOTE_KIND || e.kind === REPOST_KIND) && (props.accept?.(e) ?? true);

  useEffect(() => {
    if (shownKey.current !== key) {
      shownKey.current = key;
      setItems(null);
      setPending([]);
      setMore(true);
    }
    let alive = true;
    const since = nowSeconds();
    void pool
      .query(
        props.filters.map((f) => ({ ...f, limit: PAGE })),
        { timeoutMs: 6000 },
      )
      .then((got) => {
        if (!alive) return;
        setItems((prev) => mergeNewest(prev ?? [], got.filter(accept)));
        if (got.length < PAGE) setMore(false);
      });
    const sub = pool.subscribe(
      props.filters.map((f) => ({ ...f, since })),
      (e) => {
        if (!alive || !accept(e)) return;
        if (scrollY < 200) setItems((prev) => mergeNewest(prev ?? [], [e]));
        else setPending((p) => mergeNewest(p, [e]));
      },
    );
    // The user's own posts appear at once, even before any relay echoes them.
    const off = ownEvent.subscribe((e) => {
      if (
        e &&
        accept(e) &&
        !props.filters.some((f) => f.search) &&
        matchesAny(
          props.filters.map(({ limit: _l, until: _u, ...f }) => f),
          e,
        )
      ) {
        setItems((prev) => mergeNewest(prev ?? [], [e]));
      }
    });
    return () => {
      alive = false;
      sub.close();
      off();
    };
  }, [key, relays]);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !more) return;
    const io = new IntersectionObserver(async ([entry]) => {
      if (!entry?.isIntersecting || loadingMore.current || !items?.length) return;
      loadingMore.current = true;
      const until = nextPageUntil(items);
      const got = await pool
        .query(
          props.filters.map((f) => ({ ...f, until, limit: PAGE })),
          { timeoutMs: 6000 },
        )
        .catch(() => []);
      const fresh = got.filter((e) => accept(e) && !items.some((i) => i.id === e.id));
      if (fresh.length === 0) setMore(false);
      setItems((prev) => mergeNewest(prev ?? [], fresh));
      loadingMore.current = false;
    });
    io.observe(el);
    return () => io.disconnect();
  }, [items, more]);

  if (items === null)
    return (
      <p class="pad muted" role="status">
        {t('loading')}
      </p>
    );
  return (
    <section aria-live="polite" data-testid="timeline">
      {pending.length > 0 && (
        <button
          type="button"
          class="banner"
          style={{ inlineSize: '100%', borderRadius: 0 }}
          onClick={() => {
            setItems((prev) => mergeNewest(prev ?? [], pending));
            setPending([]);
            scrollTo(0, 0);
          }}
        >
          {t('newPosts', { count: pending.length })}
        </button>
      )}
      {items.length === 0 && <p class="pad muted">{props.empty ?? t('empty')}</p>}
      {items.map((e) => (
        <Note key={e.id} event={e} />
      ))}
      {more && items.length > 0 && (
        <div ref={sentinel} class="pad muted">
          {t('loading')}
        </div>
      )}
    </section>
  );
}
