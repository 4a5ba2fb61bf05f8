import { parseSearch, type Filter } from '@lifeline/nostr';

/**
 * What a REQ or COUNT may cost the node, in the units of a connection's work budget: each filter
 * costs 1, plus 1 per 100 events its limit may return (capped at the relay's maxLimit), plus 1 per
 * search word (each word is a full-text index lookup). A message cannot buy unbounded work: ten
 * filters of limit 500 cost 60, a plain timeline query 2.
 */
export function queryCost(filters: readonly Filter[], maxLimit: number): number {
  let cost = 0;
  for (const f of filters) {
    const limit = Math.min(f.limit ?? maxLimit, maxLimit);
    cost += 1 + Math.ceil(limit / 100);
    if (f.search !== undefined) cost += parseSearch(f.search).terms.length;
  }
  return cost;
}
