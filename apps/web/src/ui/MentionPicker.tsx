import { npubEncode } from 'nostr-tools/nip19';
import { t } from '../i18n/index.js';
import { displayName } from '../state/profiles.js';
import { follows } from '../state/social.js';

/** The "@partial" word being typed at the end of the text, if any. */
function mentionQuery(text: string): string | undefined {
  const m = /(?:^|\s)@([^\s@]{1,30})$/u.exec(text);
  return m?.[1];
}

/**
 * Suggests followed accounts whose name starts with what follows "@"; choosing one writes a
 * nostr:npub reference (NIP-27), which the note builder turns into a p tag, so the mention points
 * at a key and not at a name anyone could copy.
 */
export function MentionPicker(props: { text: string; onPick: (text: string) => void }) {
  const q = mentionQuery(props.text)?.toLowerCase();
  if (!q) return null;
  const matches = follows()
    .map((pk) => ({ pk, name: displayName(pk) ?? '' }))
    .filter((c) => c.name.toLowerCase().startsWith(q))
    .slice(0, 5);
  if (matches.length === 0) return null;
  return (
    <div class="mention-picker" role="listbox" aria-label={t('mention')}>
      {matches.map((c) => (
        // biome-ignore lint/a11y/useFocusableInteractive: keyboard focus goes to the button inside each option, so the option itself is no tab stop.
        <div key={c.pk} role="option" aria-selected={false}>
          <button
            type="button"
            class="link"
            onClick={() => props.onPick(props.text.replace(/@[^\s@]*$/u, `nostr:${npubEncode(c.pk)} `))}
          >
            @<bdi dir="auto">{c.name}</bdi>
          </button>
        </div>
      ))}
    </div>
  );
}
