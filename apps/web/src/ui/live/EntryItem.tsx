import { useState } from 'preact/hooks';
import {
  buildCorrection,
  buildEdit,
  buildEntryDeletion,
  buildUpdate,
  ENTRY_KIND,
  type Blog,
  type EntryInput,
  type ResolvedEntry,
} from '@lifeline/liveblog';
import type { EventTemplate, SignedEvent } from '@lifeline/client';
import { t } from '../../i18n/index.js';
import { publish, type PublishReport } from '../../state/publish.js';
import { Time } from '../Time.js';
import { ClaimBadge } from '../desk/ClaimBadge.js';
import { MarkdownPreview } from './MarkdownPreview.js';
import { PostExtras } from '../notes/PostExtras.js';
import { InsertTranslation } from '../notes/InsertTranslation.js';

type Panel = null | 'edit' | 'update';

/**
 * An edit carries the entry's whole state, so everything not being changed is carried over (embeds
 * only when their signature checked out).
 */
function entryFields(entry: ResolvedEntry): EntryInput {
  return {
    headline: entry.headline,
    body: entry.body,
    ...(entry.via ? { via: entry.via } : {}),
    keyEvent: entry.keyEvent,
    images: entry.images,
    videos: entry.videos,
    embeds: entry.embeds.flatMap((m) => (m.status === 'verified' ? [m.event] : [])),
  };
}

/**
 * Ids a deletion request should name: the entry and this user's own revisions of it (NIP-09 lets an
 * author delete only their own events).
 */
function deletionIds(entry: ResolvedEntry, revisions: SignedEvent[], me: string): string[] {
  const mine = revisions.filter((r) => r.pubkey === me && r.tags.some((x) => x[0] === 'e' && x[1] === entry.id));
  return [entry.id, ...mine.map((r) => r.id)];
}

/** One entry in the editor's list, with its actions: key event, edit or correct, add update, delete. */
export function EntryItem(props: {
  blog: Blog;
  entry: ResolvedEntry;
  revisions: SignedEvent[];
  me: string;
  onPublished: (r: PublishReport) => void;
}) {
  const { blog, entry } = props;
  const [panel, setPanel] = useState<Panel>(null);
  const send = async (template: EventTemplate) => {
    props.onPublished(await publish(template));
    setPanel(null);
  };
  return (
    <li data-id={entry.id} class="live-entry">
      <strong dir="auto">
        {entry.keyEvent ? '★ ' : ''}
        {entry.headline}
      </strong>{' '}
      <Time ts={entry.time} />
      <ClaimBadge ids={[entry.id, ...entry.embeds.flatMap((m) => (m.status === 'verified' ? [m.event.id] : []))]} />
      {entry.corrections.length > 0 && <span class="muted"> · {t('liveCorrected')}</span>}
      {entry.updates.length > 0 && <span class="muted"> · {t('liveUpdates', { count: entry.updates.length })}</span>}
      <fieldset class="actions" aria-label={t('liveEntryActions')}>
        <button
          type="button"
          aria-pressed={entry.keyEvent}
          onClick={() => void send(buildEdit(blog, entry.id, { ...entryFields(entry), keyEvent: !entry.keyEvent }))}
        >
          {t('liveKey')}
        </button>
        <button
          type="button"
          aria-expanded={panel === 'edit'}
          onClick={() => setPanel(panel === 'edit' ? null : 'edit')}
        >
          {t('liveEditEntry')}
        </button>
        <button
          type="button"
          aria-expanded={panel === 'update'}
          onClick={() => setPanel(panel === 'update' ? null : 'update')}
        >
          {t('liveUpdate')}
        </button>
        {entry.author === props.me && (
          <button
            type="button"
            class="danger"
            onClick={() =>
              confirm(t('liveDeleteConfirm')) &&
              void send(buildEntryDeletion(deletionIds(entry, props.revisions, props.me)))
            }
          >
            {t('liveDelete')}
          </button>
        )}
      </fieldset>
      <PostExtras subject={{ id: entry.id, kind: ENTRY_KIND, pubkey: entry.author }} original={entry.body} />
      <InsertTranslation
        blog={blog}
        entry={entry}
        onInsert={(body) => send(buildEdit(blog, entry.id, { ...entryFields(entry), body }))}
      />
      {panel === 'edit' && <EditForm blog={blog} entry={entry} onSend={send} />}
      {panel === 'update' && <UpdateForm blog={blog} entry={entry} onSend={send} />}
    </li>
  );
}

/** Changes headline and body, either silently (typos) or as a correction whose note readers see. */
function EditForm(props: { blog: Blog; entry: ResolvedEntry; onSend: (t: EventTemplate) => Promise<void> }) {
  const { entry } = props;
  const [headline, setHeadline] = useState(entry.headline);
  const [body, setBody] = useState(entry.body);
  const [kind, setKind] = useState<'edit' | 'correction'>('edit');
  const [error, setError] = useState('');
  return (
    <form
      class="live-form"
      aria-label={t('liveEditEntry')}
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const input = { ...entryFields(entry), headline: headline.trim() || entry.headline, body };
        const note = String(f.get('note') ?? '').trim();
        if (kind === 'correction' && !note) return setError(t('liveCorrectNoteNeeded'));
        void props.onSend(
          kind === 'edit' ? buildEdit(props.blog, entry.id, input) : buildCorrection(props.blog, entry.id, input, note),
        );
      }}
    >
      <label>
        {t('liveHeadline')}
        <input
          dir="auto"
          required
          maxLength={300}
          value={headline}
          onInput={(e) => setHeadline(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('liveBody')}
        <textarea name="body" dir="auto" rows={4} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
      </label>
      <MarkdownPreview text={body} />
      <fieldset>
        <legend>{t('liveEditKind')}</legend>
        <label class="inline">
          <input type="radio" name="kind" checked={kind === 'edit'} onChange={() => setKind('edit')} />{' '}
          {t('liveSilentEdit')}
        </label>
        <label class="inline">
          <input type="radio" name="kind" checked={kind === 'correction'} onChange={() => setKind('correction')} />{' '}
          {t('liveCorrect')}
        </label>
      </fieldset>
      {kind === 'correction' && (
        <label>
          {t('liveCorrectPrompt')}
          <input name="note" dir="auto" maxLength={500} />
        </label>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button class="primary" type="submit">
        {kind === 'edit' ? t('liveSaveEdit') : t('livePublishCorrection')}
      </button>
    </form>
  );
}

/** An update: a short timestamped addition shown under the entry. */
function UpdateForm(props: { blog: Blog; entry: ResolvedEntry; onSend: (t: EventTemplate) => Promise<void> }) {
  const [text, setText] = useState('');
  return (
    <form
      class="live-form"
      aria-label={t('liveUpdate')}
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) void props.onSend(buildUpdate(props.blog, props.entry.id, text.trim()));
      }}
    >
      <label>
        {t('liveUpdatePrompt')}
        <textarea dir="auto" rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} maxLength={2000} />
      </label>
      <button class="primary" type="submit">
        {t('livePublishUpdate')}
      </button>
    </form>
  );
}
