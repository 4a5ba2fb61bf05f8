import { t } from '../i18n/index.js';

/** The node refuses content over this many UTF-8 bytes (config maxContentBytes' default). */
const MAX_CONTENT_BYTES = 65536;

/**
 * The composer's character counter: characters as a person counts them (code points, so a
 * Persian letter or an emoji is one), and a warning once the text would be too large to send.
 */
export function CharCount(props: { text: string }) {
  const chars = [...props.text].length;
  const over = new TextEncoder().encode(props.text).length > MAX_CONTENT_BYTES;
  return (
    <span class={over ? 'char-count error' : 'char-count muted'} data-testid="char-count">
      {over ? t('charCountOver') : t('charCount', { count: chars })}
    </span>
  );
}
