import { parseDim, parseImeta, type MediaMeta } from '@lifeline/nostr';
import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { isFollowedOrMe } from '../../state/social.js';

const IMAGE_URL = /\.(png|jpe?g|gif|webp|avif)(\?.*)?$/i;

/** The NIP-92 images a post's grid shows (at most four); Content leaves their URLs out of the text. */
export function gridImages(text: string, tags: string[][] | undefined): MediaMeta[] {
  return parseImeta({ content: text, tags: tags ?? [] })
    .filter((m) => (m.m ? m.m.startsWith('image/') : IMAGE_URL.test(m.url)))
    .slice(0, 4);
}

/**
 * A post's NIP-92 images as a grid of up to four, with the author's alt text. Images of accounts the
 * user does not follow wait for a click, as inline images do (loading one tells its host who reads);
 * until then the alt texts say what is there.
 */
export function MediaGrid(props: { text: string; author: string; tags?: string[][] }) {
  const [asked, setAsked] = useState(false);
  const images = gridImages(props.text, props.tags);
  if (images.length === 0) return null;
  if (!asked && !isFollowedOrMe(props.author)) {
    return (
      <div class="img-hidden media-hidden" data-testid="media-hidden">
        <p>{t('imagesHidden', { count: images.length })}</p>
        <ul>
          {images.map((m) => (
            <li key={m.url} dir="auto">
              {m.alt || t('image')}
            </li>
          ))}
        </ul>
        <button type="button" class="link" onClick={() => setAsked(true)}>
          {t('loadImages')}
        </button>
      </div>
    );
  }
  return (
    <div class={`media-grid n${images.length}`} data-testid="media-grid">
      {images.map((m) => {
        const dim = parseDim(m.dim);
        return (
          <a key={m.url} href={m.url} target="_blank" rel="noopener noreferrer nofollow">
            <img
              src={m.url}
              alt={m.alt || t('image')}
              title={m.alt || undefined}
              width={dim?.width}
              height={dim?.height}
              loading="lazy"
              referrerPolicy="no-referrer"
            />
          </a>
        );
      })}
    </div>
  );
}
