import { nowSeconds } from '@lifeline/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  blogPath,
  buildBlog,
  buildComment,
  buildNextDay,
  ENTRY_KIND,
  type Blog,
  type ResolvedEntry,
} from '@lifeline/liveblog';
import { t } from '../../i18n/index.js';
import { loadBlog } from '../../state/live.js';
import { publish, type PublishReport } from '../../state/publish.js';
import { me } from '../../state/session.js';
import { PublishResults } from '../PublishResults.js';
import { EntryForm } from './EntryForm.js';
import { EntryItem } from './EntryItem.js';
import { PostExtras } from '../notes/PostExtras.js';
import { liveHref, newBlogD, npubToHex } from './links.js';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadBlog>>>;

/** The editor for one live-blog: write entries, update, correct, delete, and roll over to the next day. */
export function LiveEditorScreen(props: { pubkey: string; d: string }) {
  const [data, setData] = useState<Loaded | null | undefined>(undefined);
  const [report, setReport] = useState<PublishReport | null>(null);
  // The blog on screen; a load (or a delayed re-read) for an earlier one must not overwrite it,
  // as after "next day" moves the editor to the new blog while the old one is still being read.
  const shown = useRef('');
  shown.current = `${props.pubkey}:${props.d}`;
  const refresh = () => {
    const key = `${props.pubkey}:${props.d}`;
    void loadBlog(props.pubkey, props.d).then(
      (r) => shown.current === key && setData(r ?? null),
      () => shown.current === key && setData(null),
    );
  };
  useEffect(refresh, [props.pubkey, props.d]);
  if (data === undefined) return <p>{t('loading')}</p>;
  if (data === null)
    return (
      <p class="error" role="alert">
        {t('liveNone')}
      </p>
    );
  const { blog, entries, revisions } = data;
  const done = (r: PublishReport) => {
    setReport(r);
    // The relay has the event once one write relay accepted it; read back the new state.
    setTimeout(refresh, 300);
  };
  const editor = blog.editors.has(me());
  if (!editor) return <ReaderView blog={blog} entries={entries} onPublished={done} report={report} />;
  return (
    <section aria-labelledby="editor-h">
      <h1 id="editor-h" dir="auto">
        {blog.title}
      </h1>
      <p>
        <a href={blogPath(blog.pubkey, blog.d)} target="_blank" rel="noopener" data-testid="reader-link">
          {t('liveRead')}
        </a>
      </p>
      <EntryForm blog={blog} onPublished={done} />
      {report && <PublishResults report={report} />}
      <h2>{t('liveEntries')}</h2>
      <ol class="live-entries" data-testid="live-entries">
        {entries.map((e) => (
          <EntryItem key={e.id} blog={blog} entry={e} revisions={revisions} me={me()} onPublished={done} />
        ))}
      </ol>
      <CoEditors blog={blog} onPublished={done} />
      <NextDay blog={blog} onPublished={done} />
    </section>
  );
}

/** For readers who are not editors: the entries, and a comment form (NIP-53 live chat, kept apart from entries). */
function ReaderView(props: {
  blog: Blog;
  entries: ResolvedEntry[];
  report: PublishReport | null;
  onPublished: (r: PublishReport) => void;
}) {
  const [text, setText] = useState('');
  return (
    <section aria-labelledby="reader-h">
      <h1 id="reader-h" dir="auto">
        {props.blog.title}
      </h1>
      <p>
        <a href={blogPath(props.blog.pubkey, props.blog.d)} target="_blank" rel="noopener">
          {t('liveRead')}
        </a>
      </p>
      <ol class="live-entries">
        {props.entries.map((e) => (
          <li key={e.id}>
            <strong dir="auto">{e.headline}</strong> <span dir="auto">{e.body}</span>
            <PostExtras subject={{ id: e.id, kind: ENTRY_KIND, pubkey: e.author }} original={e.body} />
          </li>
        ))}
      </ol>
      <form
        class="card"
        aria-label={t('liveComment')}
        onSubmit={async (e) => {
          e.preventDefault();
          if (!text.trim()) return;
          props.onPublished(await publish(buildComment(props.blog, text.trim())));
          setText('');
        }}
      >
        <label>
          {t('liveComment')}
          <textarea dir="auto" rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} maxLength={2000} />
        </label>
        <button class="primary" type="submit">
          {t('liveCommentSend')}
        </button>
        {props.report && <PublishResults report={props.report} />}
      </form>
    </section>
  );
}

/** Adds a co-editor: the blog event is re-issued with one more `p` tag (role Editor). */
function CoEditors(props: { blog: Blog; onPublished: (r: PublishReport) => void }) {
  const [npub, setNpub] = useState('');
  const [error, setError] = useState('');
  if (props.blog.pubkey !== me()) return null;
  return (
    <form
      class="card"
      aria-label={t('liveAddEditor')}
      onSubmit={async (e) => {
        e.preventDefault();
        const added = npubToHex(npub);
        if (!added) return setError(t('liveNotNpub'));
        setError('');
        const b = props.blog;
        const editors = [...new Set([...b.editors, added])].filter((p) => p !== b.pubkey);
        const template = buildBlog(
          {
            d: b.d,
            title: b.title,
            summary: b.summary,
            status: b.status,
            timeZone: b.timeZone,
            lang: b.lang,
            editors,
            hashtags: b.hashtags,
            ...(b.image ? { image: b.image } : {}),
            ...(b.starts ? { starts: b.starts } : {}),
            ...(b.ends ? { ends: b.ends } : {}),
            ...(b.previous ? { previous: b.previous } : {}),
            ...(b.next ? { next: b.next } : {}),
          },
          // Never the same second as the current version: NIP-01 would then keep the lower id, maybe the old one.
          Math.max(nowSeconds(), b.event.created_at + 1),
        );
        props.onPublished(await publish(template));
        setNpub('');
      }}
    >
      <label>
        {t('liveAddEditor')}
        <input class="ltr" value={npub} onInput={(e) => setNpub(e.currentTarget.value)} placeholder="npub1…" />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">{t('liveAddEditor')}</button>
    </form>
  );
}

/**
 * Ends today's blog and starts the next day's (two events, linked both ways); only the owner can
 * re-issue the blog event.
 */
function NextDay(props: { blog: Blog; onPublished: (r: PublishReport) => void }) {
  const [error, setError] = useState('');
  const [title, setTitle] = useState(props.blog.title);
  if (props.blog.status === 'ended' || props.blog.next || props.blog.pubkey !== me()) return null;
  return (
    <form
      class="card live-form"
      aria-label={t('liveNextDay')}
      onSubmit={async (e) => {
        e.preventDefault();
        if (!title.trim()) return;
        const d = newBlogD();
        const { ended, started } = buildNextDay(props.blog, { d, title: title.trim(), summary: props.blog.summary });
        // The new day first: if only one gets through, the old day still reads as live rather than pointing nowhere.
        const first = await publish(started);
        if (first.queued) return setError(t('liveNotSent'));
        props.onPublished(await publish(ended));
        location.hash = liveHref(props.blog.pubkey, d);
      }}
    >
      <label>
        {t('liveNextTitle')}
        <input dir="auto" required maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">{t('liveNextDay')}</button>
    </form>
  );
}
