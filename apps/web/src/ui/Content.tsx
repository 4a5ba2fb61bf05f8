import { parseContent } from '@lifeline/client';
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { href } from '../router.js';
import { isFollowedOrMe } from '../state/social.js';
import { Name } from './Name.js';
import { MediaGrid, gridImages } from './media/MediaGrid.js';

/**
 * A post's text, rendered only as text nodes: links, hashtags and mentions become elements wrapped
 * in <bdi> so a Persian name inside English text (or the reverse) cannot reorder its neighbours.
 */
export function Content(props: { text: string; author: string; tags?: string[][] }) {
  // NIP-92 attachments are shown once, in the grid below the text, with the blank lines before them.
  const attached = new Set(gridImages(props.text, props.tags).map((m) => m.url));
  const tokens = withoutQuotedLink(parseContent(props.text), props.tags).filter(
    (tok) => !(tok.type === 'url' && attached.has(tok.url)),
  );
  const blank = (tok: (typeof tokens)[number] | undefined) => tok?.type === 'text' && !tok.text.trim();
  while (attached.size && blank(tokens[tokens.length - 1])) tokens.pop();
  return (
    <div class="body" dir="auto">
      {tokens.map((tok, i) => {
        switch (tok.type) {
          case 'hashtag':
            return (
              <a key={i} href={href.tag(tok.tag)}>
                <bdi dir="auto">{tok.text}</bdi>
              </a>
            );
          case 'mention':
            return <Name key={i} pubkey={tok.pubkey} />;
          case 'event':
            return tok.id ? (
              <a key={i} href={href.thread(tok.id)}>
                <bdi class="ltr">{tok.text.slice(0, 24)}…</bdi>
              </a>
            ) : (
              <bdi key={i} class="ltr">
                {tok.text}
              </bdi>
            );
          case 'url':
            return isImage(tok.url) ? (
              <Img key={i} url={tok.url} author={props.author} alt={imageAlt(props.tags, tok.url)} />
            ) : (
              <a key={i} href={tok.url} rel="noopener noreferrer nofollow" target="_blank">
                <bdi class="ltr">{tok.url}</bdi>
              </a>
            );
          default:
            return <span key={i}>{tok.text}</span>;
        }
      })}
      <MediaGrid text={props.text} author={props.author} tags={props.tags} />
    </div>
  );
}

type Token = ReturnType<typeof parseContent>[number];

/**
 * A quote post (NIP-18 q tag) shows the quoted card under the text, so the `nostr:nevent1…` /
 * `nostr:note1…` reference to that same post is dropped from the text, with the blank space left
 * before it. Other event references stay links.
 */
function withoutQuotedLink(tokens: Token[], tags: string[][] | undefined): Token[] {
  const quoted = new Set(tags?.flatMap((tag) => (tag[0] === 'q' && tag[1] ? [tag[1]] : [])));
  if (quoted.size === 0) return tokens;
  const kept: Token[] = [];
  for (const tok of tokens) {
    if (tok.type === 'event' && tok.id && quoted.has(tok.id)) {
      const prev = kept[kept.length - 1];
      if (prev?.type === 'text') kept[kept.length - 1] = { ...prev, text: prev.text.replace(/[ \t]*\n*[ \t]*$/, '') };
      continue;
    }
    kept.push(tok);
  }
  const last = kept[kept.length - 1];
  if (last?.type === 'text') kept[kept.length - 1] = { ...last, text: last.text.trimEnd() };
  return kept.filter((tok) => tok.type !== 'text' || tok.text !== '');
}

const IMAGE = /\.(png|jpe?g|gif|webp|avif)(\?.*)?$/i;
function isImage(url: string): boolean {
  return IMAGE.test(url);
}

/** Images from accounts the user does not follow wait for a click (loading one reveals the reader). */
function Img(props: { url: string; author: string; alt?: string }) {
  const [asked, setAsked] = useState(false);
  if (!asked && !isFollowedOrMe(props.author)) {
    return (
      <span class="img-hidden">
        {t('imageHidden')}{' '}
        <button type="button" class="link" onClick={() => setAsked(true)}>
          {t('loadImage')}
        </button>
      </span>
    );
  }
  return (
    <img class="media" src={props.url} alt={props.alt || t('image')} loading="lazy" referrerPolicy="no-referrer" />
  );
}

/** The author's description of an image (NIP-92 imeta "alt"), if they gave one. */
function imageAlt(tags: string[][] | undefined, url: string): string | undefined {
  const imeta = tags?.find((tag) => tag[0] === 'imeta' && tag.includes(`url ${url}`));
  return imeta?.find((v) => v.startsWith('alt '))?.slice(4);
}
