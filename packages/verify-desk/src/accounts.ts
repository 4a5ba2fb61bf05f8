import type { AccountLabel, DeskLabel } from './labels.js';

type AccountEntry = Extract<DeskLabel, { type: 'account' }>;

/** An account's desk label now, and every member label that led there. */
export interface AccountView {
  pubkey: string;
  label: AccountLabel;
  reason: string;
  by?: string;
  at?: number;
  history: AccountEntry[];
}

/**
 * Current desk labels of accounts: the newest member label per account wins (ties: lower id, as
 * NIP-01 replacement); non-members' labels are never read. Unlabelled accounts are unverified.
 */
export function accountLabels(
  labels: Iterable<DeskLabel>,
  isMember: (pubkey: string) => boolean,
): Map<string, AccountView> {
  const out = new Map<string, AccountView>();
  const all = [...labels].filter((l): l is AccountEntry => l.type === 'account' && isMember(l.by));
  all.sort((a, b) => a.at - b.at || (a.id < b.id ? 1 : -1));
  for (const l of all) {
    const v = out.get(l.pubkey) ?? { pubkey: l.pubkey, label: 'unverified', reason: '', history: [] };
    v.label = l.label;
    v.reason = l.reason;
    v.by = l.by;
    v.at = l.at;
    v.history.push(l);
    out.set(l.pubkey, v);
  }
  return out;
}
