import type { ClaimBadge, ClaimView, HistoryEntry, SourceKind, AccountLabel } from '@lifeline/verify-desk';
import { buildAccountLabel, buildClaim, buildReportResolution, buildSource, buildState } from '@lifeline/verify-desk';
import type { SignedEvent } from '@lifeline/client';
import { publish, type PublishReport } from './publish.js';
import { me } from './session.js';
import { createStore } from './store.js';

/*
 * The verification desk as the web app sees it: the node's read API (/api/desk/…, same origin, so
 * no third party learns what a reader looks at) and the desk actions, published as NIP-32 labels
 * like any other event. Badges are fetched in batches and kept for the session, in memory only.
 */

/** A desk as /api/desk describes it. */
export interface DeskInfo {
  coordinate: string;
  owner: string;
  title: string;
  members: string[];
  minSources: number;
  primaryConfirms: boolean;
  states: { value: string; en: string; fa: string }[];
}

/** The claim page's data. */
export interface ClaimPage {
  desk: DeskInfo;
  claim: ClaimView;
  events: Record<string, SignedEvent | undefined>;
  accounts: Record<string, string>;
}

/** One line of the desk queue. */
export interface QueueItem extends ClaimBadge {
  text: string;
  lang: string;
  target: string;
  openedBy: string;
  openedAt: number;
  byMember: boolean;
  sources: number;
  suggestions: number;
  lastActivity: number;
}

/** An open NIP-56 report. */
export interface ReportItem {
  id: string;
  by: string;
  at: number;
  type: string;
  pubkey?: string;
  event?: string;
  content: string;
}

/** Re-renders badge holders when new badges arrive. */
export const deskTick = createStore(0);
/** The desk the reader follows: the node's default unless they chose another (undefined until read; null: none). */
export const desk = createStore<DeskInfo | null | undefined>(undefined);
/** Every desk the node follows. */
export const desks = createStore<DeskInfo[]>([]);
const CHOICE_KEY = 'lifeline.desk';

const badges = new Map<string, ClaimBadge | null>();
const accounts = new Map<string, { label: string; reason: string } | null>();
const wantedEvents = new Set<string>();
const wantedKeys = new Set<string>();
let scheduled = false;

async function api<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error((await res.text()) || `HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** Reads the node's desks once. */
export async function loadDesk(): Promise<DeskInfo | null> {
  const known = desk.get();
  if (known !== undefined) return known;
  const { desks: all } = await api<{ desks: DeskInfo[] }>('/api/desk').catch(() => ({ desks: [] as DeskInfo[] }));
  let saved: string | null = null;
  try {
    saved = me() ? localStorage.getItem(CHOICE_KEY) : null;
  } catch {
    // storage disabled: the default desk
  }
  const chosen = all.find((d) => d.coordinate === saved) ?? all[0] ?? null;
  desks.set(all);
  desk.set(chosen);
  return chosen;
}

/** Follows another of the node's desks; remembered on this device only for a signed-in user ("just read" stores nothing). */
export function chooseDesk(coordinate: string): void {
  const next = desks.get().find((d) => d.coordinate === coordinate);
  if (!next) return;
  try {
    if (me()) localStorage.setItem(CHOICE_KEY, coordinate);
  } catch {
    // not remembered; applies to this session
  }
  desk.set(next);
  refreshBadges();
}

/** The `desk=` query parameter of API reads. */
const deskParam = () => `desk=${encodeURIComponent(desk.get()?.coordinate ?? '')}`;

/** True when the signed-in key is a member of the node's desk. */
export function amMember(): boolean {
  const d = desk.get();
  return !!d && !!me() && d.members.includes(me());
}

async function flush() {
  scheduled = false;
  const e = [...wantedEvents].slice(0, 200);
  const p = [...wantedKeys].slice(0, 200);
  for (const id of e) wantedEvents.delete(id);
  for (const k of p) wantedKeys.delete(k);
  if (!(await loadDesk())) return;
  try {
    const answer = await api<{
      events: Record<string, ClaimBadge>;
      accounts: Record<string, { label: string; reason: string }>;
    }>(`/api/desk/badges?e=${e.join(',')}&p=${p.join(',')}&${deskParam()}`);
    for (const id of e) badges.set(id, answer.events[id] ?? null);
    for (const k of p) accounts.set(k, answer.accounts[k] ?? null);
    deskTick.set((n) => n + 1);
  } catch {
    // The node is unreachable: no badge is better than a wrong one; the next render asks again.
  }
  if (wantedEvents.size || wantedKeys.size) schedule();
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => void flush(), 30);
}

/** The badge of an event's claim: undefined while unknown, null when it has none. */
export function badgeOf(eventId: string): ClaimBadge | null | undefined {
  if (!badges.has(eventId) && !wantedEvents.has(eventId)) {
    wantedEvents.add(eventId);
    schedule();
  }
  return badges.get(eventId);
}

/** The desk's label of an account (trusted, suspected_sockpuppet, …), or null. */
export function accountLabelOf(pubkey: string): { label: string; reason: string } | null | undefined {
  if (!accounts.has(pubkey) && !wantedKeys.has(pubkey)) {
    wantedKeys.add(pubkey);
    schedule();
  }
  return accounts.get(pubkey);
}

/** Forgets cached badges so the next render reads them again (after a desk action). */
export function refreshBadges(): void {
  badges.clear();
  accounts.clear();
  deskTick.set((n) => n + 1);
}

/** A claim, by its id or the id of the event it was opened on. */
export function loadClaim(id: string): Promise<ClaimPage> {
  return api<ClaimPage>(`/api/desk/claims/${id}?${deskParam()}`);
}

/** The desk's queue: claims by state filter, and open reports. */
export function loadQueue(state: string): Promise<{ claims: QueueItem[]; reports: ReportItem[] }> {
  return api(`/api/desk/queue?state=${encodeURIComponent(state)}&${deskParam()}`);
}

/** Publishes a desk action and reports the first refusal, if any relay refused it. */
async function act(template: Parameters<typeof publish>[0]): Promise<{ report: PublishReport; refused?: string }> {
  const report = await publish(template);
  refreshBadges();
  const refused = report.results.find((r) => !r.ok && !r.timedOut)?.message;
  return { report, refused: report.results.some((r) => r.ok) ? undefined : refused };
}

/** Opens a claim on an event (a post, repost or live-blog entry). */
export function openClaim(target: SignedEvent, text: string, lang: string, sourceKind: SourceKind) {
  return act(buildClaim({ target: target.id, targetAuthor: target.pubkey, text, lang, sourceKind }));
}

/** Sets a claim's state with a reason (Confirmed is refused below the desk's rule). */
export function setClaimState(claim: string, state: string, reason: string) {
  return act(buildState({ claim, state, reason }));
}

/** Attaches (member) or suggests (anyone else) a source. */
export function attachSource(o: {
  claim: string;
  event?: string;
  url?: string;
  kind: SourceKind;
  verified: boolean;
  stance: 'supports' | 'contradicts';
  /** An intake message's pseudonymous sender id, so one sender's reports count once. */
  sender?: string;
}) {
  return act(buildSource(o));
}

/** Labels an account with a reason. */
export function labelAccount(pubkey: string, label: AccountLabel, reason: string) {
  return act(buildAccountLabel({ pubkey, label, reason }));
}

/** Resolves or dismisses a report. */
export function settleReport(report: string, resolution: 'resolved' | 'dismissed', reason: string) {
  return act(buildReportResolution({ report, resolution, reason }));
}

/** A history line's actor is a member (members' lines first in the audit trail). */
export type { HistoryEntry };
