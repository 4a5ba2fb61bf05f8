import { useEffect, useState } from 'preact/hooks';
import { blogPath, buildBlog, type Blog } from '@lifeline/liveblog';
import { t } from '../../i18n/index.js';
import { myBlogs } from '../../state/live.js';
import { publish, type PublishReport } from '../../state/publish.js';
import { PublishResults } from '../PublishResults.js';
import { liveHref, newBlogD, npubToHex } from './links.js';

/** "My live-blogs": the blogs this user edits, and a form for a new one. */
export function LiveListScreen() {
  const [blogs, setBlogs] = useState<Blog[] | null>(null);
  const refresh = () => void myBlogs().then(setBlogs, () => setBlogs([]));
  useEffect(refresh, []);
  return (
    <section aria-labelledby="live-h">
      <h1 id="live-h">{t('liveBlogs')}</h1>
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
