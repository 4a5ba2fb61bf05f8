import type { Dict } from '../../i18n/en.js';
import { t } from '../../i18n/index.js';

/** The `via` tag values intake publishes (live-blog entries and notes alike), worded per language. */
const VIA: Record<string, keyof Dict> = { fax: 'intakeViaFax', SMS: 'intakeViaSms', 'reader email': 'intakeViaEmail' };

/**
 * Where a desk source that came through intake came from ("via fax"), shown instead of its
 * signing key: that key is the desk member who published the witness's report, not its author.
 */
export function IntakeVia(props: { tags: readonly string[][] | undefined }) {
  const via = props.tags?.find((tag) => tag[0] === 'via')?.[1] ?? '';
  return <span data-testid="source-via">{t(VIA[via] ?? 'intakeViaQueue')}</span>;
}
