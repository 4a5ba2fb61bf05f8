import type { Metric } from '@lifeline/client';
import { useEffect, useRef } from 'preact/hooks';
import { countsOf, countsTick, requestCounts } from '../state/counts.js';
import { useStore } from '../state/store.js';
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

/**
 * The post's counts, asked for only once its actions are on screen: a phone shows a few posts, so
 * a long timeline does not spend the relay's query budget on posts nobody scrolled to.
 */
export function useVisibleCounts(id: string) {
  const ref = useRef<HTMLFieldSetElement>(null);
  useStore(countsTick);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return requestCounts(id);
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) requestCounts(id);
    });
    seen.observe(el);
    return () => seen.disconnect();
  }, [id]);
  return { ref, counts: countsOf(id) };
}
