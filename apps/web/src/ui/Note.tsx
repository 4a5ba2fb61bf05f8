import {
  checkFetchedOriginal,
  checkRepost,
  looksLikeTextRetweet,
  parseThread,
  quoteTarget,
  type AuthenticityResult,
  type SignedEvent,
} from '@lifeline/client';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { tParts } from '../i18n/parts.js';
import { href } from '../router.js';
import { deletePost, like, repost, setMute, undoReaction } from '../state/actions.js';
import { Count, useVisibleCounts } from './Count.js';
import { fetchEvent } from '../state/events.js';
import { me } from '../state/session.js';
import { hasLiked, hasReposted, isEventMuted, mutesTick, reactionsTick } from '../state/social.js';
import { pendingEmbed } from '../state/live.js';
import { useStore } from '../state/store.js';
import { Compose } from './Compose.js';
import { Content } from './Content.js';
import { Name } from './Name.js';
import { Time } from './Time.js';
import { PostExtras } from './notes/PostExtras.js';
import { REPOST_KIND, repostedEvent } from '@lifeline/nostr';
import { UnlessDeleted } from './DeletedOriginal.js';
import { DeskBadges } from './desk/DeskBadges.js';
import { ShareButton } from './Share.js';

/** One timeline item: a post, or a repost whose embedded original is checked before it is shown. */
export function Note(props: { event: SignedEvent }) {
  const ev = props.event;
  useStore(mutesTick);
  if (ev.pubkey !== me() && isEventMuted(ev)) return null;
  if (ev.kind === REPOST_KIND) return <Repost event={ev} />;
  return <Post event={ev} />;
}

/** A kind-6 repost: the original is shown as the author's words only when its id and signature check out. */
function Repost(props: { event: SignedEvent }) {
  const ev = props.event;
  const embedded = checkRepost(ev);
  const [fetched, setFetched] = useState<AuthenticityResult | null>(null);
  useEffect(() => {
    if (embedded.status === 'needs-fetch')
      void fetchEvent(embedded.id).then((e) => setFetched(checkFetchedOriginal(embedded, e)));
  }, [ev.id]);
  const check = embedded.status === 'needs-fetch' && fetched ? fetched : embedded;
  const header = <p class="context">↻ {tParts('reposted', { name: <Name pubkey={ev.pubkey} /> })}</p>;
  if (check.status === 'fabricated') {
    return (
      <article class="note" data-testid="repost" data-id={ev.id} tabIndex={-1}>
        {header}
        <div class="fabricated" role="alert" data-testid="fabricated">
          <span class="badge bad">⚠ {t('fabricatedShort')}</span> {t('fabricated')}
          <p class="muted ltr">{check.reason}</p>
          {claimedText(ev) && (
            <p class="struck" dir="auto">
              <bdi>{claimedText(ev)}</bdi>
            </p>
          )}
        </div>
      </article>
    );
  }
  const original = check.status === 'verified' ? check.original : undefined;
  return (
    <article class="note" data-testid="repost" data-id={ev.id} tabIndex={-1}>
      {header}
      <UnlessDeleted original={original ?? repostedEvent(ev)}>
        {original ? (
          <Post event={original} embedded verified />
        ) : (
          <p class="badge warn">{embedded.status === 'needs-fetch' && !fetched ? t('loading') : t('unverified')}</p>
        )}
      </UnlessDeleted>
    </article>
  );
}

/** A kind-1 post with its header, content warning, quote embed and actions. */
export function Post(props: { event: SignedEvent; embedded?: boolean; verified?: boolean; noActions?: boolean }) {
  const ev = props.event;
  const [open, setOpen] = useState<'reply' | 'quote' | null>(null);
  const [revealed, setRevealed] = useState(false);
  const cw = ev.tags.find((tag) => tag[0] === 'content-warning');
  const parent = parseThread(ev).reply;
  const parentAuthor = parent?.pubkey ?? ev.tags.find((tag) => tag[0] === 'p')?.[1];
  const quote = quoteTarget(ev);
  const body = (
    <>
      {cw && !revealed ? (
        <div class="cw">
          <strong>{t('contentWarning')}</strong>
          {cw[1] ? (
            <>
              : <bdi dir="auto">{cw[1]}</bdi>
            </>
          ) : null}{' '}
          <button type="button" class="link" onClick={() => setRevealed(true)}>
            {t('showContent')}
          </button>
        </div>
      ) : (
        <Content text={ev.content} author={ev.pubkey} tags={ev.tags} />
      )}
      {looksLikeTextRetweet(ev.content) && (
        <p class="badge warn" role="note">
          {t('textRetweet')}
        </p>
      )}
      {quote && !props.embedded && <Quoted target={quote} />}
    </>
  );
  return (
    <article
      class={props.embedded ? 'embed' : 'note'}
      data-testid={props.embedded ? 'embedded' : 'note'}
      data-id={ev.id}
      tabIndex={props.embedded ? undefined : -1}
    >
      <header>
        <Name pubkey={ev.pubkey} />
        <a href={href.thread(ev.id)} class="muted">
          <Time ts={ev.created_at} relative />
        </a>
        <DeskBadges event={ev} />
        {props.verified && (
          <span class="badge ok" data-testid="verified" title={t('verified')}>
            ✓ {t('verified')}
          </span>
        )}
      </header>
      {parent && !props.embedded && (
        <p class="context">
          <a href={href.thread(parent.id)}>
            {tParts('replyingTo', { name: parentAuthor ? <Name pubkey={parentAuthor} link={false} /> : '…' })}
          </a>
        </p>
      )}
      {body}
      {!props.embedded && (
        <PostExtras subject={{ id: ev.id, kind: ev.kind, pubkey: ev.pubkey }} original={ev.content} />
      )}
      {!props.embedded && !props.noActions && me() && <Actions event={ev} onOpen={setOpen} open={open} />}
      {open && (
        <Compose
          replyTo={open === 'reply' ? ev : undefined}
          quote={open === 'quote' ? ev : undefined}
          onDone={() => setOpen(null)}
        />
      )}
    </article>
  );
}

/** A quoted post (q tag): fetched, and shown as its author's words only if id and signature check out. */
function Quoted(props: { target: { id: string; pubkey?: string } }) {
  const [check, setCheck] = useState<AuthenticityResult | undefined>(undefined);
  useEffect(() => {
    void fetchEvent(props.target.id).then((e) => setCheck(checkFetchedOriginal(props.target, e)));
  }, [props.target.id]);
  const author = props.target.pubkey ?? (check?.status === 'verified' ? check.original.pubkey : undefined);
  return (
    <UnlessDeleted original={author ? { id: props.target.id, pubkey: author } : undefined}>
      <QuotedCard check={check} />
    </UnlessDeleted>
  );
}

/** The quoted card once fetched and checked. */
function QuotedCard({ check }: { check: AuthenticityResult | undefined }) {
  if (check === undefined) return <p class="muted">{t('loading')}</p>;
  if (check.status === 'fabricated')
    return (
      <p class="fabricated" data-testid="fabricated">
        ⚠ {t('fabricatedShort')}: {check.reason}
      </p>
    );
  if (check.status === 'needs-fetch') return <p class="badge warn">{t('unverified')}</p>;
  return <Post event={check.original} embedded verified />;
}

/** What a fabricated repost claims the author said, for display struck through (never as their words). */
function claimedText(ev: SignedEvent): string {
  try {
    const c: unknown = JSON.parse(ev.content);
    return typeof c === 'object' && c !== null && typeof (c as { content?: unknown }).content === 'string'
      ? (c as { content: string }).content
      : '';
  } catch {
    return '';
  }
}

/** Reply, repost, quote, like, delete (own) and mute (others). */
function Actions(props: { event: SignedEvent; open: string | null; onOpen: (v: 'reply' | 'quote' | null) => void }) {
  const ev = props.event;
  useStore(reactionsTick);
  const mine = ev.pubkey === me();
  const liked = hasLiked(ev.id);
  const reposted = hasReposted(ev.id);
  const { ref, counts } = useVisibleCounts(ev.id);
  return (
    <fieldset class="actions" ref={ref}>
      <button
        type="button"
        aria-expanded={props.open === 'reply'}
        onClick={() => props.onOpen(props.open === 'reply' ? null : 'reply')}
      >
        {t('reply')}
      </button>
      <Count n={counts.replies} metric="replies" />
      <button
        type="button"
        aria-pressed={reposted}
        title={reposted ? t('undoRepost') : undefined}
        onClick={() => void (reposted ? undoReaction(ev, 'repost') : repost(ev))}
      >
        {t('repost')}
      </button>
      <Count n={counts.reposts} metric="reposts" />
      <button
        type="button"
        aria-expanded={props.open === 'quote'}
        onClick={() => props.onOpen(props.open === 'quote' ? null : 'quote')}
      >
        {t('quote')}
      </button>
      <Count n={counts.quotes} metric="quotes" />
      <button
        type="button"
        aria-pressed={liked}
        title={liked ? t('undoLike') : undefined}
        onClick={() => void (liked ? undoReaction(ev, 'like') : like(ev))}
      >
        {t('like')}
      </button>
      <Count n={counts.likes} metric="likes" />
      <button
        type="button"
        onClick={() => {
          // One step: the signed post rides along to the live-blog editor, embedded whole.
          pendingEmbed.set(ev);
          location.hash = href.live();
        }}
      >
        {t('liveEmbedAction')}
      </button>
      <ShareButton event={ev} />
      {mine ? (
        <button type="button" class="danger" onClick={() => confirm(t('deleteConfirm')) && void deletePost(ev)}>
          {t('delete')}
        </button>
      ) : (
        <button type="button" onClick={() => void setMute(ev.pubkey, true)}>
          {t('mute')}
        </button>
      )}
    </fieldset>
  );
}
