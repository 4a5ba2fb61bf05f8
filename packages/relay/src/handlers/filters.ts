import { closedMessage, reason, validateFilter, type Filter } from '@lifeline/nostr';
import type { ClientInfo, Policies } from '@lifeline/policies';
import type { Connection } from '../connection.js';
import type { HandlerContext } from './context.js';

/** Validates every filter of a REQ or COUNT and runs the filter policies; a string is the rejection. */
export function checkFilters(
  raw: unknown[],
  client: ClientInfo,
  policies: Policies,
  limits: { maxFilters: number; maxFilterValues: number; maxSearchLength: number; maxSearchTerms: number },
): Filter[] | string {
  if (raw.length === 0) return reason('invalid', 'at least one filter is required');
  if (raw.length > limits.maxFilters) return reason('invalid', `too many filters (max ${limits.maxFilters})`);
  const filters: Filter[] = [];
  for (const f of raw) {
    const r = validateFilter(f, {
      maxValues: limits.maxFilterValues,
      maxSearchLength: limits.maxSearchLength,
      maxSearchTerms: limits.maxSearchTerms,
    });
    if (!r.ok) return r.reason;
    filters.push(r.filter);
  }
  for (const policy of policies.rejectFilter) {
    const verdict = policy(filters, client);
    if (verdict) return verdict;
  }
  return filters;
}

/**
 * The filters of a REQ or COUNT if they pass; otherwise answers CLOSED with the reason (auth-required
 * comes from the filter policies).
 */
export function admitFilters(
  ctx: HandlerContext,
  conn: Connection,
  subId: string,
  raw: unknown[],
): Filter[] | undefined {
  const filters = ctx.checkFilters(raw, conn);
  if (typeof filters !== 'string') return filters;
  conn.send(closedMessage(subId, filters));
  return undefined;
}
