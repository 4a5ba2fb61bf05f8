import { useEffect, useRef, useState } from 'preact/hooks';
import { buildEntry, type Blog, type EntryInput } from '@lifeline/liveblog';
import { t } from '../../i18n/index.js';
import { uploadImage } from '../../media/upload.js';
import { justCreated, pendingEmbed } from '../../state/live.js';
import { publish, type PublishReport } from '../../state/publish.js';
import { currentSigner } from '../../state/session.js';
import { useStore } from '../../state/store.js';
import { MarkdownPreview } from './MarkdownPreview.js';
import { Name } from '../Name.js';
import { Time } from '../Time.js';

/**
 * Attribution quick picks in the blog's language (readers see this text): one click fills the
 * "via" field; the reader's name is typed after "reader ".
 */
const VIA_PICKS: Record<string, readonly string[]> = {
  en: ['reader ', 'fax', 'SMS', 'email'],
  fa: ['خواننده ', 'فکس', 'پیامک', 'ایمیل'],
};
/** The buttons' own labels are in the editor's UI language, whatever the blog's language. */
const VIA_LABELS = ['liveViaReader', 'liveViaFax', 'liveViaSms', 'liveViaEmail'] as const;

/** A video link is kept only when it is a plain https URL (readers' pages never load it by themselves). */
function videoLinks(value: string): string[] {
  const v = value.trim();
  return /^https:\/\/\S+$/.test(v) ? [v] : [];
}

/**
 * The form for a new entry: headline, Markdown body with preview, attribution, key event, image,
 * video, embedded post.
 */
export function EntryForm(props: { blog: Blog; onPublished: (r: PublishReport) => void }) {
  const embed = useStore(pendingEmbed);
  const [body, setBody] = useState('');
  const [via, setVia] = useState('');
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const headline = useRef<HTMLInputElement>(null);
  // A blog created a moment ago opens ready to write: the cursor in the first entry's headline.
  useEffect(() => {
    if (justCreated.get() !== props.blog.coordinate) return;
    justCreated.set('');
    headline.current?.focus();
  }, [props.blog.coordinate]);
  return (
    <form
      class="card live-form"
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
            via: via.trim(),
            keyEvent: f.get('key') === 'on',
            images: [],
            videos: videoLinks(String(f.get('video') ?? '')),
            embeds: embed ? [embed] : [],
          };
          if (file && file.size > 0) {
            setBusy(t('liveUploading'));
            input.images = [{ url: await uploadImage(file, currentSigner()), alt }];
          }
          setBusy(t('loading'));
          props.onPublished(await publish(buildEntry(props.blog, input)));
          pendingEmbed.set(null);
          form.reset();
          setBody('');
          setVia('');
        } catch (err) {
          setError((err as Error).message);
        } finally {
          setBusy('');
        }
      }}
    >
      <label>
        {t('liveHeadline')}
        <input name="headline" dir="auto" required maxLength={300} ref={headline} />
      </label>
      <label>
        {t('liveBody')}
        <textarea name="body" dir="auto" rows={5} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
      </label>
      <MarkdownPreview text={body} />
      <label>
        {t('liveVia')}
        <input name="via" dir="auto" value={via} onInput={(e) => setVia(e.currentTarget.value)} maxLength={200} />
      </label>
      <fieldset class="picks" aria-label={t('liveViaPicks')}>
        {(VIA_PICKS[props.blog.lang.startsWith('fa') ? 'fa' : 'en'] ?? VIA_PICKS.en!).map((p, i) => (
          <button type="button" key={p} onClick={() => setVia(p)}>
            {t('liveViaPick', { source: p.endsWith(' ') ? `${t(VIA_LABELS[i]!)} …` : t(VIA_LABELS[i]!) })}
          </button>
        ))}
      </fieldset>
      <label class="inline">
        <input type="checkbox" name="key" /> {t('liveKey')}
      </label>
      <label>
        {t('liveImage')}
        <input type="file" name="image" accept="image/jpeg,image/png,image/webp" />
      </label>
      <label>
        {t('liveAlt')}
        <input name="alt" dir="auto" maxLength={500} />
      </label>
      <label>
        {t('liveVideo')}
        <input name="video" class="ltr" type="url" pattern="https://.*" />
      </label>
      {embed && (
        <div class="embed" data-testid="pending-embed">
          <p class="muted">{t('liveEmbedded')}</p>
          <p class="context">
            <Name pubkey={embed.pubkey} /> · <Time ts={embed.created_at} />
          </p>
          <blockquote dir="auto">{embed.content}</blockquote>
          <button type="button" onClick={() => pendingEmbed.set(null)}>
            {t('liveRemoveEmbed')}
          </button>
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {busy && (
        <p class="muted" role="status">
          {busy}
        </p>
      )}
      <button class="primary" type="submit" disabled={busy !== ''}>
        {t('livePublish')}
      </button>
    </form>
  );
}
