import { useEffect, useState } from 'preact/hooks';
import {
  blogPath,
  buildBlog,
  buildComment,
  buildCorrection,
  buildEdit,
  buildEntry,
  buildEntryDeletion,
  buildNextDay,
  buildUpdate,
  renderMarkdown,
  type Blog,
  type EntryInput,
  type ResolvedEntry,
} from '@lifeline/liveblog';
import type { SignedEvent } from '@lifeline/client';
import { t } from '../../i18n/index.js';
import { uploadImage } from '../../media/strip.js';
import { loadBlog, pendingEmbed, publishLive } from '../../state/live.js';
import { currentSigner, sessionState } from '../../state/session.js';
import { decode } from 'nostr-tools/nip19';
import { useStore } from '../../state/store.js';
import type { PublishReport } from '../../state/relays.js';
import { PublishResults } from '../PublishResults.js';
import { liveHref } from './links.js';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadBlog>>>;

/** The editor for one live-blog: write entries, update, correct, delete, and roll over to the next day. */
export function LiveEditorScreen(props: { pubkey: string; d: string }) {
  const [data, setData] = useState<Loaded | null | undefined>(undefined);
  const [report, setReport] = useState<PublishReport | null>(null);
  const refresh = () => void loadBlog(props.pubkey, props.d).then((r) => setData(r ?? null), () => setData(null));
  useEffect(refresh, [props.pubkey, props.d]);
  if (data === undefined) return <p>{t('loading')}</p>;
  if (data === null) return <p class="error" role="alert">{t('liveNone')}</p>;
  const { blog, entries, revisions } = data;
  const done = (r: PublishReport) => {
    setReport(r);
    // The relay has the event once one write relay accepted it; read back the new state.
    setTimeout(refresh, 300);
  };
  const editor = blog.editors.has(sessionState.get().pubkey ?? '');
  if (!editor) return <ReaderView blog={blog} entries={entries} onPublished={done} report={report} />;
  return (
    <section aria-labelledby="editor-h">
      <h1 id="editor-h" dir="auto">{blog.title}</h1>
      <p>
        <a href={blogPath(blog.pubkey, blog.d)} target="_blank" rel="noopener" data-testid="reader-link">{t('liveRead')}</a>
      </p>
      <EntryForm blog={blog} onPublished={done} />
      {report && <PublishResults report={report} />}
      <h2>{t('liveEntries')}</h2>
      <ol class="live-entries" data-testid="live-entries">
        {entries.map((e) => (
          <EntryItem key={e.id} blog={blog} entry={e} revisions={revisions} onPublished={done} />
        ))}
      </ol>
      <CoEditors blog={blog} onPublished={done} />
      <NextDay blog={blog} onPublished={done} />
    </section>
  );
}

/** For readers who are not editors: the entries, and a comment form (NIP-53 live chat, kept apart from entries). */
function ReaderView(props: { blog: Blog; entries: ResolvedEntry[]; report: PublishReport | null; onPublished: (r: PublishReport) => void }) {
  const [text, setText] = useState('');
  return (
    <section aria-labelledby="reader-h">
      <h1 id="reader-h" dir="auto">{props.blog.title}</h1>
      <p><a href={blogPath(props.blog.pubkey, props.blog.d)} target="_blank" rel="noopener">{t('liveRead')}</a></p>
      <ol class="live-entries">
        {props.entries.map((e) => (
          <li key={e.id}><strong dir="auto">{e.headline}</strong> <span dir="auto">{e.body}</span></li>
        ))}
      </ol>
      <form
        class="card"
        aria-label={t('liveComment')}
        onSubmit={async (e) => {
          e.preventDefault();
          if (!text.trim()) return;
          props.onPublished(await publishLive(buildComment(props.blog, text.trim())));
          setText('');
        }}
      >
        <label>{t('liveComment')}<textarea dir="auto" rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} maxLength={2000} /></label>
        <button class="primary" type="submit">{t('liveCommentSend')}</button>
        {props.report && <PublishResults report={props.report} />}
      </form>
    </section>
  );
}

/** Adds a co-editor: the blog event is re-issued with one more `p` tag (role Editor). */
function CoEditors(props: { blog: Blog; onPublished: (r: PublishReport) => void }) {
  const [npub, setNpub] = useState('');
  const [error, setError] = useState('');
  if (props.blog.pubkey !== sessionState.get().pubkey) return null;
  return (
    <form
      class="card"
      aria-label={t('liveAddEditor')}
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          const d = decode(npub.trim());
          if (d.type !== 'npub') throw new Error(t('liveNotNpub'));
          const b = props.blog;
          const editors = [...new Set([...b.editors, d.data])].filter((p) => p !== b.pubkey);
          props.onPublished(
            await publishLive(
              buildBlog({
                d: b.d, title: b.title, summary: b.summary, status: b.status, timeZone: b.timeZone, lang: b.lang, editors, hashtags: b.hashtags,
                ...(b.image ? { image: b.image } : {}), ...(b.starts ? { starts: b.starts } : {}), ...(b.ends ? { ends: b.ends } : {}),
                ...(b.previous ? { previous: b.previous } : {}), ...(b.next ? { next: b.next } : {}),
              }, Math.max(Math.floor(Date.now() / 1000), b.event.created_at + 1)),
            ),
          );
          setNpub('');
          setError('');
        } catch {
          setError(t('liveNotNpub'));
        }
      }}
    >
      <label>{t('liveAddEditor')}<input class="ltr" value={npub} onInput={(e) => setNpub(e.currentTarget.value)} placeholder="npub1…" /></label>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit">{t('liveAddEditor')}</button>
    </form>
  );
}

function EntryForm(props: { blog: Blog; onPublished: (r: PublishReport) => void }) {
  const embed = useStore(pendingEmbed);
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  return (
    <form
      class="card"
      aria-label={t('livePublish')}
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const f = new FormData(form);
        const file = f.get('image') as File | null;
        const alt = String(f.get('alt') ?? '').trim();
        if (file && file.size > 0 && !alt) return setError(t('liveAltNeeded'));
        setError('');
        try {
          const input: EntryInput = {
            headline: String(f.get('headline') ?? '').trim(),
            body,
            via: String(f.get('via') ?? '').trim(),
            keyEvent: f.get('key') === 'on',
            images: [],
            videos: /^https:\/\/\S+$/.test(String(f.get('video') ?? '')) ? [String(f.get('video'))] : [],
            embeds: embed ? [embed] : [],
          };
          if (file && file.size > 0) {
            setBusy(t('liveUploading'));
            input.images = [{ url: await uploadImage(file, currentSigner()), alt }];
          }
          setBusy(t('loading'));
          props.onPublished(await publishLive(buildEntry(props.blog, input)));
          pendingEmbed.set(null);
          form.reset();
          setBody('');
        } catch (err) {
          setError((err as Error).message);
        } finally {
          setBusy('');
        }
      }}
    >
      <label>{t('liveHeadline')}<input name="headline" dir="auto" required maxLength={300} /></label>
      <label>
        {t('liveBody')}
        <textarea name="body" dir="auto" rows={5} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
      </label>
      {body && (
        <div class="preview" aria-label={t('livePreview')} dangerouslySetInnerHTML={{ __html: renderMarkdown(body) /* escapes all user text */ }} />
      )}
      <label>
        {t('liveVia')}
        <input name="via" dir="auto" list="via-picks" maxLength={200} />
        <datalist id="via-picks">
          <option value="reader " />
          <option value="fax" />
          <option value="SMS" />
          <option value="email" />
        </datalist>
      </label>
      <label class="inline"><input type="checkbox" name="key" /> {t('liveKey')}</label>
      <label>{t('liveImage')}<input type="file" name="image" accept="image/jpeg,image/png,image/webp" /></label>
      <label>{t('liveAlt')}<input name="alt" dir="auto" maxLength={500} /></label>
      <label>{t('liveVideo')}<input name="video" class="ltr" type="url" pattern="https://.*" /></label>
      {embed && (
        <div class="embed-preview" data-testid="pending-embed">
          <p class="muted">{t('liveEmbedded')}</p>
          <blockquote dir="auto">{embed.content}</blockquote>
          <button type="button" onClick={() => pendingEmbed.set(null)}>{t('liveRemoveEmbed')}</button>
        </div>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      {busy && <p class="muted" role="status">{busy}</p>}
      <button class="primary" type="submit" disabled={busy !== ''}>{t('livePublish')}</button>
    </form>
  );
}

function EntryItem(props: { blog: Blog; entry: ResolvedEntry; revisions: SignedEvent[]; onPublished: (r: PublishReport) => void }) {
  const { blog, entry } = props;
  // An edit carries the entry's whole state, so everything not being changed is carried over,
  // embedded posts included (only those whose signatures checked out).
  const fields = (): EntryInput => ({
    headline: entry.headline,
    body: entry.body,
    ...(entry.via ? { via: entry.via } : {}),
    keyEvent: entry.keyEvent,
    images: entry.images,
    videos: entry.videos,
    embeds: entry.embeds.flatMap((m) => (m.status === 'verified' ? [m.event] : [])),
  });
  return (
    <li data-id={entry.id}>
      <strong dir="auto">{entry.keyEvent ? '★ ' : ''}{entry.headline}</strong>
      {entry.updates.length > 0 && <span class="muted"> (+{entry.updates.length})</span>}
      <div class="actions" role="group">
        <button
          aria-pressed={entry.keyEvent}
          onClick={async () => props.onPublished(await publishLive(buildEdit(blog, entry.id, { ...fields(), keyEvent: !entry.keyEvent })))}
        >
          {t('liveKey')}
        </button>
        <button
          onClick={async () => {
            const headline = prompt(t('liveHeadline'), entry.headline);
            if (headline === null) return;
            const body = prompt(t('liveCorrectBody'), entry.body);
            if (body === null) return;
            props.onPublished(await publishLive(buildEdit(blog, entry.id, { ...fields(), headline: headline.trim() || entry.headline, body })));
          }}
        >
          {t('liveEditEntry')}
        </button>
        <button
          onClick={async () => {
            const text = prompt(t('liveUpdatePrompt'));
            if (text?.trim()) props.onPublished(await publishLive(buildUpdate(blog, entry.id, text.trim())));
          }}
        >
          {t('liveUpdate')}
        </button>
        <button
          onClick={async () => {
            const note = prompt(t('liveCorrectPrompt'));
            if (!note?.trim()) return;
            const body = prompt(t('liveCorrectBody'), entry.body);
            if (body === null) return;
            props.onPublished(await publishLive(buildCorrection(blog, entry.id, { ...fields(), body }, note.trim())));
          }}
        >
          {t('liveCorrect')}
        </button>
        <button
          class="danger"
          onClick={async () => {
            if (!confirm(t('liveDeleteConfirm'))) return;
            const ids = [entry.id, ...props.revisions.filter((r) => r.tags.some((x) => x[0] === 'e' && x[1] === entry.id)).map((r) => r.id)];
            props.onPublished(await publishLive(buildEntryDeletion(ids)));
          }}
        >
          {t('liveDelete')}
        </button>
      </div>
    </li>
  );
}

function NextDay(props: { blog: Blog; onPublished: (r: PublishReport) => void }) {
  if (props.blog.status === 'ended' || props.blog.next) return null;
  return (
    <button
      onClick={async () => {
        const title = prompt(t('liveNextTitle'), props.blog.title);
        if (!title?.trim()) return;
        const d = `${new Date().toISOString().slice(0, 10)}-${Math.random().toString(36).slice(2, 8)}`;
        const { ended, started } = buildNextDay(props.blog, { d, title: title.trim(), summary: props.blog.summary });
        await publishLive(ended);
        props.onPublished(await publishLive(started));
        location.hash = liveHref(props.blog.pubkey, d);
      }}
    >
      {t('liveNextDay')}
    </button>
  );
}
