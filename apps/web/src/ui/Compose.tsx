import type { SignedEvent } from '@lifeline/client';
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { post } from '../state/actions.js';
import type { PublishReport } from '../state/publish.js';
import { CharCount } from './CharCount.js';
import { MentionPicker } from './MentionPicker.js';
import { PublishResults } from './PublishResults.js';
import { Post } from './Note.js';

/** The composer: a new post, a reply (NIP-10) or a quote (q tag), with an optional content warning. */
export function Compose(props: { replyTo?: SignedEvent; quote?: SignedEvent; onDone?: () => void }) {
  const [text, setText] = useState('');
  const [cwOn, setCwOn] = useState(false);
  const [cw, setCw] = useState('');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<PublishReport | null>(null);
  const [error, setError] = useState('');
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
        if (!text.trim()) return;
        setBusy(true);
        setError('');
        try {
          const r = await post({
            content: text,
            replyTo: props.replyTo,
            quote: props.quote,
            contentWarning: cwOn ? cw : undefined,
          });
          setReport(r);
          setText('');
          setCw('');
          setCwOn(false);
          props.onDone?.();
        } catch (err) {
          setError(t('error', { message: (err as Error).message }));
        } finally {
          setBusy(false);
        }
      }}
    >
      <label class="skip" for={props.replyTo ? `reply-${props.replyTo.id}` : 'compose'}>
        {placeholder}
      </label>
      <textarea
        id={props.replyTo ? `reply-${props.replyTo.id}` : props.quote ? `quote-${props.quote.id}` : 'compose'}
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
        <button class="primary" type="submit" disabled={busy || !text.trim()}>
          {props.replyTo ? t('reply') : props.quote ? t('quote') : t('post')}
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {report && <PublishResults report={report} />}
    </form>
  );
}
