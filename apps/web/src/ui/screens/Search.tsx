import { hashtagFilter, searchFilter } from '@lifeline/client';
import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { href } from '../../router.js';
import { Timeline } from '../Timeline.js';

/**
 * Search (NIP-50) and hashtag pages. `#tag` queries read the normalized `t` tag (so Persian tags
 * typed on an Arabic keyboard match); anything else goes to the relay's full-text search.
 */
export function SearchScreen(props: { query: string }) {
  const [q, setQ] = useState(props.query);
  const query = props.query.trim();
  const tag = /^#\S+$/u.test(query) ? query.slice(1) : '';
  return (
    <>
      <h1>{tag ? <bdi dir="auto">#{tag}</bdi> : t('search')}</h1>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> exists only in browsers since late 2023 (Chrome 118, Safari 17); the bundle targets ES2020-era browsers, where <search> is an unknown inline element without a landmark and role="search" works everywhere. */}
      <form
        role="search"
        class="pad"
        onSubmit={(e) => {
          e.preventDefault();
          const v = q.trim();
          location.hash = /^#\S+$/u.test(v) ? href.tag(v.slice(1)) : href.search(v);
        }}
      >
        <label class="skip" for="q">
          {t('searchLabel')}
        </label>
        <input
          id="q"
          type="search"
          name="q"
          dir="auto"
          placeholder={t('searchPlaceholder')}
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
        />
      </form>
      {tag ? <Timeline filters={hashtagFilter(tag)} /> : query ? <Timeline filters={searchFilter(query)} /> : null}
    </>
  );
}
