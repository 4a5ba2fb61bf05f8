import type { SignedEvent } from '@lifeline/client';
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { post } from '../state/actions.js';
import type { PublishReport } from '../state/publish.js';
import { CharCount } from './CharCount.js';
import { MentionPicker } from './MentionPicker.js';
import { PublishResults } from './PublishResults.js';
import { Post } from './Note.js';
import { MAX_MEDIA } from '@lifeline/client';
import { prepareImages, uploadPending, type PendingImage } from '../media/attach.js';
import { currentSigner } from '../state/session.js';
import { Attachments } from './media/Attachments.js';

/**
 * The composer: a new post, a reply (NIP-10) or a quote (q tag), with an optional content warning
 * and up to four images (stripped here, uploaded to the node on send, NIP-92 imeta).
 */
export function Compose(props: { replyTo?: SignedEvent; quote?: SignedEvent; onDone?: () => void }) {
  const [text, setText] = useState('');
  const [cwOn, setCwOn] = useState(false);
  const [cw, setCw] = useState('');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<PublishReport | null>(null);
  const [error, setError] = useState('');
  const [images, setImages] = useState<PendingImage[]>([]);
  const [status, setStatus] = useState('');
  const id = props.replyTo ? `reply-${props.replyTo.id}` : props.quote ? `quote-${props.quote.id}` : 'compose';
  const empty = !text.trim() && images.length === 0;
  const placeholder = props.replyTo
    ? t('replyPlaceholder')
    : props.quote
      ? t('quotePlaceholder')
      : t('composePlaceholder');
  return (
    <form
      class="compose"
      aria-label={t('compose')}
      onSubmit={async (e) => {
        e.preventDefault();
        if (empty) return;
        setBusy(true);
        setError('');
        try {
          if (images.length) setStatus(t('uploadingImages', { count: images.length }));
          const media = images.length ? await uploadPending(images, currentSigner()) : undefined;
          setStatus('');
          const r = await post({
            content: text,
            media,
            replyTo: props.replyTo,
            quote: props.quote,
            contentWarning: cwOn ? cw : undefined,
          });
          setReport(r);
          setText('');
          setCw('');
          setCwOn(false);
          for (const i of images) URL.revokeObjectURL(i.preview);
          setImages([]);
          props.onDone?.();
        } catch (err) {
          setStatus('');
          setError(t('error', { message: (err as Error).message }));
        } finally {
          setBusy(false);
        }
      }}
    >
      <label class="skip" for={id}>
        {placeholder}
      </label>
      <textarea
        id={id}
        name="content"
        dir="auto"
        placeholder={placeholder}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
        }}
      />
      <MentionPicker text={text} onPick={setText} />
      <Attachments
        items={images}
        busy={busy}
        idPrefix={id}
        onChange={setImages}
        onAdd={async (files) => {
          setError('');
          const room = MAX_MEDIA - images.length;
          if (files.length > room) setError(t('tooManyImages', { max: MAX_MEDIA }));
          try {
            const added = await prepareImages(files.slice(0, room));
            setImages((held) => [...held, ...added].slice(0, MAX_MEDIA));
          } catch {
            setError(t('imageUnreadable'));
          }
        }}
      />
      {props.quote && <Post event={props.quote} embedded />}
      {cwOn && (
        <label>
          {t('contentWarningReason')}
          <input name="cw" dir="auto" value={cw} onInput={(e) => setCw(e.currentTarget.value)} />
        </label>
      )}
      <div class="row">
        <CharCount text={text} />
        <label>
          <input
            type="checkbox"
            checked={cwOn}
            onChange={(e) => setCwOn(e.currentTarget.checked)}
            style={{ inlineSize: 'auto' }}
          />{' '}
          {t('contentWarning')}
        </label>
        <button class="primary" type="submit" disabled={busy || empty}>
          {props.replyTo ? t('reply') : props.quote ? t('quote') : t('post')}
        </button>
      </div>
      {status && <p role="status">{status}</p>}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {report && <PublishResults report={report} />}
    </form>
  );
}
