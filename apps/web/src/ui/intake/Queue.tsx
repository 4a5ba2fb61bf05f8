import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import type { Dict } from '../../i18n/en.js';
import {
  IntakeError,
  attachmentUrl,
  correctIntake,
  discardIntake,
  listIntake,
  publishIntakeAs,
  type IntakeMessage,
} from '../../state/intake.js';
import { Time } from '../Time.js';
import { AttachToClaim } from './AttachToClaim.js';
import { ReplyForm } from './ReplyForm.js';
import { RedactableImage, redactSelection, redactedImage, type Box } from './Redact.js';
import { uploadImage } from '../../media/upload.js';
import { currentSigner } from '../../state/session.js';
import { myBlogs } from '../../state/live.js';
import type { Blog } from '@lifeline/liveblog';

const CHANNELS: Array<[string, keyof Dict]> = [
  ['', 'intakeAllChannels'],
  ['fax', 'intakeFax'],
  ['sms', 'intakeSms'],
  ['email', 'intakeEmail'],
];
const STATUSES: Array<[string, keyof Dict]> = [
  ['new', 'intakeStatusNew'],
  ['in-review', 'intakeStatusInReview'],
  ['published', 'intakeStatusPublished'],
  ['discarded', 'intakeStatusDiscarded'],
];
const VIA: Record<IntakeMessage['channel'], keyof Dict> = {
  fax: 'intakeViaFax',
  sms: 'intakeViaSms',
  email: 'intakeViaEmail',
};
/** A live-blog entry's `via` tag (the reader page shows its own "via" before it). */
const SOURCE: Record<IntakeMessage['channel'], string> = { fax: 'fax', sms: 'SMS', email: 'reader email' };

/**
 * The desk's review queue (`#/intake`): messages from email, SMS and fax, newest first and kept
 * live, filtered by channel and status; a fax page beside its OCR text; correct, publish with
 * attribution, discard. Keyboard: j / k move, e edits, s saves, p publishes, x discards.
 */
export function IntakeScreen() {
  const [channel, setChannel] = useState('');
  const [status, setStatus] = useState('new');
  const [messages, setMessages] = useState<IntakeMessage[]>([]);
  const [error, setError] = useState('');
  const [selected, setSelected] = useState(0);
  const [tick, setTick] = useState(0);
  // What the last action did ("Published"), kept here: the message it was about may leave the
  // filtered list when the queue is read again, and the confirmation must outlive its review.
  const [done, setDone] = useState('');
  const refresh = (what: string) => {
    setDone(what);
    setTick((n) => n + 1);
  };

  useEffect(() => {
    let live = true;
    const load = () =>
      listIntake({ ...(channel ? { channel } : {}), status })
        .then((m) => {
          if (!live) return;
          setMessages(m);
          setError('');
        })
        .catch(
          (e: Error) =>
            live && setError(e instanceof IntakeError && e.status === 403 ? t('intakeNotMember') : e.message),
        );
    void load();
    // Live: the queue is read again every few seconds while the screen is open.
    const timer = setInterval(load, 5000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [channel, status, tick]);

  const current = messages[Math.min(selected, messages.length - 1)];
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || (el && ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) return;
      if (e.key === 'j') setSelected((i) => Math.min(i + 1, messages.length - 1));
      else if (e.key === 'k') setSelected((i) => Math.max(i - 1, 0));
      else if (e.key === 'e') document.querySelector<HTMLTextAreaElement>('#intake-text')?.focus();
      else if (e.key === 'p') document.querySelector<HTMLButtonElement>('#intake-publish')?.click();
      else if (e.key === 'x') document.querySelector<HTMLButtonElement>('#intake-discard')?.click();
      else return;
      e.preventDefault();
    };
    addEventListener('keydown', on);
    return () => removeEventListener('keydown', on);
  }, [messages.length]);

  return (
    <section class="intake">
      <h1>{t('intakeQueue')}</h1>
      <p class="hint">{t('intakeKeys')}</p>
      <fieldset>
        <legend>{t('intakeChannel')}</legend>
        {CHANNELS.map(([value, label]) => (
          <button
            type="button"
            key={value}
            aria-pressed={channel === value}
            onClick={() => {
              setChannel(value);
              setSelected(0);
            }}
          >
            {t(label)}
          </button>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('intakeStatus')}</legend>
        {STATUSES.map(([value, label]) => (
          <button
            type="button"
            key={value}
            aria-pressed={status === value}
            onClick={() => {
              setStatus(value);
              setSelected(0);
            }}
          >
            {t(label)}
          </button>
        ))}
      </fieldset>
      {error && <p role="alert">{error}</p>}
      {!error && messages.length === 0 && <p>{t('intakeEmpty')}</p>}
      <ol class="intake-list" aria-label={t('intakeQueue')}>
        {messages.map((m, i) => (
          <li key={m.id}>
            <button
              type="button"
              aria-current={m === current}
              data-testid="intake-item"
              onClick={() => {
                setSelected(i);
                setDone('');
              }}
            >
              <span>{t(VIA[m.channel])}</span> · <Time ts={m.received} /> ·{' '}
              <bdi dir="auto">{(m.corrected ?? m.text).slice(0, 80)}</bdi>
            </button>
          </li>
        ))}
      </ol>
      {current && <Review key={current.id} message={current} done={done} onDone={refresh} />}
      {!current && done && <p role="status">{done}</p>}
    </section>
  );
}

/** One message under review: the fax image beside the text, and the desk's actions. */
function Review({
  message,
  done,
  onDone,
}: {
  message: IntakeMessage;
  /** The confirmation of the last action, perhaps on the message before this one. */
  done: string;
  onDone: (what: string) => void;
}) {
  const [text, setText] = useState(message.corrected ?? message.text);
  const [images, setImages] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [boxes, setBoxes] = useState<Box[]>([]);
  const [attach, setAttach] = useState(false);
  const [translation, setTranslation] = useState('');
  const [blogs, setBlogs] = useState<Blog[]>([]);
  const [target, setTarget] = useState('');
  useEffect(() => {
    myBlogs().then(setBlogs, () => undefined);
  }, []);
  const area = useRef<HTMLTextAreaElement>(null);
  const urls = useRef<string[]>([]);
  useEffect(() => {
    let live = true;
    Promise.all(message.attachments.map((a) => attachmentUrl(a.url)))
      .then((u) => {
        urls.current = u;
        if (live) setImages(u);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      for (const u of urls.current) URL.revokeObjectURL(u);
    };
  }, [message.id]);
  const act = (what: () => Promise<unknown>, done: keyof Dict) => () =>
    what().then(
      () => {
        setNote('');
        onDone(t(done));
      },
      (e: Error) => failed(e),
    );
  /** Publishes the review as it stands (a note, or an entry in the chosen live-blog); returns the event id. */
  const publishNow = async () => {
    // The published image is made here, on the member's device: boxes painted into new pixels.
    const image = attach && images[0] ? await uploadImage(await redactedImage(images[0], boxes), currentSigner()) : '';
    const blog = blogs.find((b) => b.coordinate === target);
    return publishIntakeAs(message.id, {
      text,
      translation,
      image,
      attribution: t(VIA[message.channel]),
      source: SOURCE[message.channel],
      ...(blog ? { blog } : {}),
    });
  };
  const failed = (e: Error | string) =>
    setNote(typeof e === 'string' ? e : e instanceof IntakeError && e.status === 422 ? t('intakeLeak') : e.message);
  return (
    <article class="intake-review" data-testid="intake-review">
      <div class="intake-pages">
        {images.map((src, i) =>
          i === 0 ? (
            <RedactableImage key={src} src={src} alt={t('intakePage', { n: 1 })} boxes={boxes} onBoxes={setBoxes} />
          ) : (
            <img key={src} src={src} alt={t('intakePage', { n: i + 1 })} />
          ),
        )}
        {images.length > 0 && (
          <label>
            <input
              type="checkbox"
              checked={attach}
              onChange={(e) => setAttach((e.target as HTMLInputElement).checked)}
            />{' '}
            {t('intakeAttachImage')}
          </label>
        )}
      </div>
      <div class="intake-text">
        <label for="intake-text">{t('intakeText')}</label>
        <textarea
          ref={area}
          id="intake-text"
          dir="auto"
          rows={8}
          value={text}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        />
        <label for="intake-translation">{t('intakeTranslation')}</label>
        <textarea
          id="intake-translation"
          dir="auto"
          rows={4}
          value={translation}
          onInput={(e) => setTranslation((e.target as HTMLTextAreaElement).value)}
        />
        <label>
          {t('intakePublishTo')}{' '}
          <select value={target} onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}>
            <option value="">{t('intakeAsPost')}</option>
            {blogs.map((b) => (
              <option key={b.coordinate} value={b.coordinate}>
                {b.title}
              </option>
            ))}
          </select>
        </label>
        <div>
          <button type="button" onClick={act(() => correctIntake(message.id, text), 'intakeSaved')}>
            {t('intakeSave')}
          </button>
          <button type="button" onClick={() => area.current && setText(redactSelection(area.current))}>
            {t('intakeRedactText')}
          </button>
          <button type="button" id="intake-publish" onClick={act(publishNow, 'intakePublished')}>
            {t('intakePublish')}
          </button>
          <button type="button" id="intake-discard" onClick={act(() => discardIntake(message.id), 'intakeDiscarded')}>
            {t('intakeDiscard')}
          </button>
        </div>
        <AttachToClaim
          message={message}
          publish={publishNow}
          onDone={(what) => {
            setNote('');
            onDone(what);
          }}
          onError={failed}
        />
        {message.direction === 'in' && <ReplyForm message={message} onDone={onDone} onError={failed} />}
        {(note || done) && <p role="status">{note || done}</p>}
      </div>
    </article>
  );
}
