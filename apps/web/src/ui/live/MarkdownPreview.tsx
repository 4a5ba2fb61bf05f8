import { renderMarkdown } from '@lifeline/liveblog';
import { t } from '../../i18n/index.js';

/** What readers will see for a Markdown body: the same renderer as the reader page, which escapes all user text. */
export function MarkdownPreview(props: { text: string }) {
  if (!props.text.trim()) return null;
  return (
    <section
      class="preview"
      dir="auto"
      aria-label={t('livePreview')}
      dangerouslySetInnerHTML={{ __html: renderMarkdown(props.text) }}
    />
  );
}
