import type { AccountLabel } from './labels.js';

/**
 * What independence needs to know about the accounts behind sources. The desk's own labels fill
 * `label`; impostor and coordinated-campaign detection (issue 11, desk-signals) fills `clusterOf`
 * and `impostorOf`. Every method answers synchronously from memory.
 */
export interface AccountSignals {
  /** The desk's current label of an account (undefined: unverified, the default). */
  label(pubkey: string): AccountLabel | undefined;
  /** An id shared by every account of one coordinated cluster; undefined when in none. */
  clusterOf(pubkey: string): string | undefined;
  /** The pubkey an account imitates, when it is flagged as an impostor. */
  impostorOf(pubkey: string): string | undefined;
}

/** Cluster and impostor answers, as desk-signals provides them. */
export type CampaignSignals = Pick<AccountSignals, 'clusterOf' | 'impostorOf'>;

/** No clusters and no impostors known. */
export const NO_CAMPAIGNS: CampaignSignals = { clusterOf: () => undefined, impostorOf: () => undefined };

/** Account signals from a label lookup plus campaign signals. */
export function accountSignals(
  label: (pubkey: string) => AccountLabel | undefined,
  campaigns: CampaignSignals = NO_CAMPAIGNS,
): AccountSignals {
  return { label, clusterOf: (p) => campaigns.clusterOf(p), impostorOf: (p) => campaigns.impostorOf(p) };
}
