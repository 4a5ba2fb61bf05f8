import type { Metric } from '@lifeline/client';
import { formatNumber, t } from '../i18n/index.js';

/**
 * A count beside an action button, outside it so the button's name stays "Like" and its state is
 * told by aria-pressed; nothing is shown while no relay has counted.
 */
export function Count(props: { n: number | undefined; metric: Metric }) {
  if (props.n === undefined) return null;
  return (
    <span class="count" data-testid={`count-${props.metric}`} title={t(`count_${props.metric}`)}>
      {formatNumber(props.n)}
    </span>
  );
}
