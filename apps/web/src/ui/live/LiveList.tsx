import { useEffect, useState } from 'preact/hooks';
import { blogPath, buildBlog, type Blog } from '@lifeline/liveblog';
import { t } from '../../i18n/index.js';
import { tParts } from '../../i18n/parts.js';
import { justCreated, myBlogs, pendingEmbed } from '../../state/live.js';
import { me } from '../../state/session.js';
import { useStore } from '../../state/store.js';
import { publish, type PublishReport } from '../../state/publish.js';
import { PublishResults } from '../PublishResults.js';
import { liveHref, newBlogD, npubToHex } from './links.js';

/** "My live-blogs": the blogs this user edits, and a form for a new one. */
export function LiveListScreen() {
  const [blogs, setBlogs] = useState<Blog[] | null>(null);
  const refresh = () => void myBlogs().then(setBlogs, () => setBlogs([]));
  useEffect(refresh, []);
  const embed = useStore(pendingEmbed);
  return (
    <section aria-labelledby="live-h">
      <h1 id="live-h">{t('liveBlogs')}</h1>
      {embed && blogs && <ChooseBlog blogs={blogs} />}
      {blogs === null ? (
        <p>{t('loading')}</p>
      ) : blogs.length === 0 ? (
        <p class="muted">{t('liveNone')}</p>
      ) : (
        <ul class="live-list" data-testid="live-blogs">
          {blogs.map((b) => (
            <li key={b.coordinate}>
              <bdi dir="auto">{b.title}</bdi> <span class="muted">({b.status})</span>{' '}
              <a href={liveHref(b.pubkey, b.d)}>{t('liveEdit')}</a> ·{' '}
              <a href={blogPath(b.pubkey, b.d)} target="_blank" rel="noopener">
                {t('liveRead')}
              </a>
            </li>
          ))}
        </ul>
      )}
      <NewBlog onCreated={refresh} />
    </section>
  );
}

/** "Embed in live-blog" from a post lands here: which blog gets it? The choice opens that blog's editor with the post attached. */
function ChooseBlog(props: { blogs: Blog[] }) {
  const embed = pendingEmbed.get();
  return (
    <section class="card choose-blog" aria-labelledby="choose-h" data-testid="choose-blog">
      <h2 id="choose-h">{t('liveChooseBlog')}</h2>
      {embed && (
        <blockquote dir="auto" class="embed">
          {embed.content.slice(0, 280)}
        </blockquote>
      )}
      {props.blogs.length === 0 ? (
        <p class="muted">{t('liveEmbedNoBlogs')}</p>
      ) : (
        <ul class="picks">
          {props.blogs.map((b) => (
            <li key={b.coordinate}>
              <button type="button" class="primary" onClick={() => (location.hash = liveHref(b.pubkey, b.d))}>
                {tParts('liveEmbedInto', { title: <bdi dir="auto">{b.title}</bdi> })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => pendingEmbed.set(null)}>
        {t('liveEmbedCancel')}
      </button>
    </section>
  );
}

function NewBlog(props: { onCreated: () => void }) {
  const [report, setReport] = useState<PublishReport | null>(null);
  const [error, setError] = useState('');
  return (
    <form
      class="card"
      aria-label={t('liveNew')}
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        try {
          const words = String(f.get('editors') ?? '')
            .split(/[\s,]+/)
            .filter(Boolean);
          const bad = words.find((w) => !npubToHex(w));
          if (bad) throw new Error(`${t('liveNotNpub')} ${bad}`);
          const editors = words.map((w) => npubToHex(w)!);
          const title = String(f.get('title') ?? '').trim();
          const d = newBlogD();
          const r = await publish(
            buildBlog({
              d,
              title,
              summary: String(f.get('summary') ?? ''),
              lang: String(f.get('lang') ?? 'en'),
              timeZone: String(f.get('tz') ?? 'UTC'),
              editors,
            }),
          );
          setReport(r);
          setError('');
          props.onCreated();
          // Accepted by a relay: straight into the new blog's editor, ready for the first entry.
          if (!r.queued) {
            justCreated.set(`${r.event.kind}:${me()}:${d}`);
            location.hash = liveHref(me(), d);
          }
        } catch (err) {
          setError((err as Error).message);
        }
      }}
    >
      <h2>{t('liveNew')}</h2>
      <label>
        {t('liveTitle')}
        <input name="title" dir="auto" required maxLength={200} />
      </label>
      <label>
        {t('liveSummary')}
        <input name="summary" dir="auto" maxLength={500} />
      </label>
      <label>
        {t('liveLanguage')}
        <select name="lang">
          <option value="en">English</option>
          <option value="fa">فارسی</option>
        </select>
      </label>
      <label>
        {t('liveTimeZone')}
        <select name="tz">
          {['Asia/Tehran', 'UTC', 'Europe/London', 'America/New_York', Intl.DateTimeFormat().resolvedOptions().timeZone]
            .filter((z, i, all) => all.indexOf(z) === i)
            .map((z) => (
              <option value={z}>{z}</option>
            ))}
        </select>
      </label>
      <label>
        {t('liveCoEditors')}
        <textarea name="editors" class="ltr" rows={2} />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button class="primary" type="submit">
        {t('liveCreate')}
      </button>
      {report && <PublishResults report={report} />}
    </form>
  );
}
