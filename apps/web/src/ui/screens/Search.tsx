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
      <form
        role="search"
        class="pad"
        onSubmit={(e) => {
          e.preventDefault();
          const v = q.trim();
          location.hash = /^#\S+$/u.test(v) ? href.tag(v.slice(1)) : href.search(v);
        }}
      >
        <label class="skip" for="q">{t('searchLabel')}</label>
        <input id="q" type="search" name="q" dir="auto" autoFocus={!props.query} placeholder={t('searchPlaceholder')} value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </form>
      {tag ? (
        <Timeline filters={hashtagFilter(tag)} />
      ) : query ? (
        <Timeline filters={searchFilter(query)} />
      ) : null}
    </>
  );
}
