import { getToken } from 'nostr-tools/nip98';
import { currentSigner } from './session.js';

/** A refused management call: HTTP status (401, 403, 404) or 200 with the relay's `error`. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * One NIP-86 call to this node (the origin that served the app, never a third party), signed with
 * the user's key as a NIP-98 token over the exact body.
 */
export async function nip86<T>(method: string, params: unknown[] = []): Promise<T> {
  const url = new URL('/', location.origin).href;
  const payload = { method, params };
  const signer = currentSigner();
  // getToken hashes JSON.stringify(payload): the body must be that exact string.
  const token = await getToken(url, 'POST', (e) => signer.signEvent(e), true, payload);
  const res = await fetch(url, {
    method: 'POST',
    body: JSON.stringify(payload),
    headers: { authorization: token, 'content-type': 'application/nostr+json+rpc', accept: 'application/json' },
  });
  const body = (await res.json().catch(() => ({}))) as { result?: T; error?: string; message?: string };
  if (!res.ok) throw new AdminError(res.status, body.message ?? res.statusText);
  if (body.error !== undefined) throw new AdminError(200, body.error);
  return body.result as T;
}

/** The node's NIP-11 document (name, description, icon, supported NIPs). */
export async function relayInfo(): Promise<{
  name?: string;
  description?: string;
  icon?: string;
  supported_nips?: number[];
}> {
  const res = await fetch(new URL('/', location.origin).href, { headers: { accept: 'application/nostr+json' } });
  return (await res.json()) as { name?: string; description?: string; supported_nips?: number[] };
}

/** What the admin page shows, read in one go. */
export interface AdminView {
  reports: Array<{ id: string; reason: string }>;
  bannedPubkeys: Array<{ pubkey: string; reason?: string }>;
  bannedEvents: Array<{ id: string; reason?: string }>;
  allowedKinds: number[];
}

/** Reads the reports queue and the ban lists. */
export async function loadAdmin(): Promise<AdminView> {
  const [reports, bannedPubkeys, bannedEvents, allowedKinds] = await Promise.all([
    nip86<AdminView['reports']>('listeventsneedingmoderation'),
    nip86<AdminView['bannedPubkeys']>('listbannedpubkeys'),
    nip86<AdminView['bannedEvents']>('listbannedevents'),
    nip86<number[]>('listallowedkinds'),
  ]);
  return { reports, bannedPubkeys, bannedEvents, allowedKinds };
}
