import { neventEncode } from 'nostr-tools/nip19';
import type { NoteView } from '@lifeline/client';
import { COMMUNITY_NOTE_KIND } from '@lifeline/nostr';
import { t } from '../../i18n/index.js';
import { href } from '../../router.js';
import { RatingForm } from './RatingForm.js';

/** One community note: what it says, its sources, its status, and (for raters) the rating controls. */
export function NoteCard(props: { postId: string; view: NoteView; canRate: boolean; me: string }) {
  const { note, status } = props.view;
  const helpful = status === 'CURRENTLY_RATED_HELPFUL';
  return (
    <section
      class={helpful ? 'community-note helpful' : 'community-note'}
      data-testid="community-note"
      data-status={status}
      aria-label={helpful ? t('notesReadersAdded') : t('notesNeedsRatings')}
    >
      <p class="note-head">
        <strong>{helpful ? t('notesReadersAdded') : t('notesNeedsRatings')}</strong>{' '}
        {note.classification === 'NOT_MISLEADING' && <span class="badge ok">{t('notesNotMisleading')}</span>}
        {status === 'CURRENTLY_RATED_NOT_HELPFUL' && <span class="badge bad">{t('notesRatedNotHelpful')}</span>}
      </p>
      <p class="body" dir="auto">
        <bdi>{note.text}</bdi>
      </p>
      {(note.links.length > 0 || note.refs.length > 0) && (
        <ul class="sources" aria-label={t('notesSources')}>
          {note.links.map((l) => (
            <li key={l}>
              <a class="ltr" href={l} rel="noopener noreferrer nofollow" target="_blank">
                {l}
              </a>
            </li>
          ))}
          {note.refs.map((id) => (
            <li key={id}>
              <a class="ltr" href={href.thread(id)}>
                {`${neventEncode({ id }).slice(0, 20)}…`}
              </a>
            </li>
          ))}
        </ul>
      )}
      {props.canRate && note.author !== props.me && (
        <RatingForm
          postId={props.postId}
          subject={{ id: note.id, kind: COMMUNITY_NOTE_KIND, pubkey: note.author }}
          current={props.view.mine?.helpfulness}
          withReasons
        />
      )}
      {note.author === props.me && <p class="muted">{t('notesYours')}</p>}
    </section>
  );
}
