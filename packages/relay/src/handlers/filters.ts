import { reason, validateFilter, type Filter } from '@lifeline/nostr';
import type { ClientInfo, Policies } from '@lifeline/policies';

/** Validates every filter of a REQ or COUNT and runs the filter policies; a string is the rejection. */
export function checkFilters(
  raw: unknown[],
  client: ClientInfo,
  policies: Policies,
  limits: { maxFilters: number; maxFilterValues: number },
): Filter[] | string {
  if (raw.length === 0) return reason('invalid', 'at least one filter is required');
  if (raw.length > limits.maxFilters) return reason('invalid', `too many filters (max ${limits.maxFilters})`);
  const filters: Filter[] = [];
  for (const f of raw) {
    const r = validateFilter(f, { maxValues: limits.maxFilterValues });
    if (!r.ok) return r.reason;
    filters.push(r.filter);
  }
  for (const policy of policies.rejectFilter) {
    const verdict = policy(filters, client);
    if (verdict) return verdict;
  }
  return filters;
}
