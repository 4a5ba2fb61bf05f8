import assert from 'node:assert/strict';
import { decode } from 'nostr-tools/nip19';
import type { NostrEvent } from '@lifeline/nostr';
import { DESK_LIST_KIND } from '@lifeline/nostr';
import { signed, type TestKeys, waitFor } from '@lifeline/testkit';
import type { TestBrowser } from '@lifeline/testkit/browser';
import { AppUser } from './app-user.js';

/** What signing up a desk member needs from a browser suite. */
export interface DeskMemberEnv {
  chrome: TestBrowser;
  node: { httpUrl: string; desk: { isMember(pubkey: string): boolean } };
  client: { publish(event: NostrEvent): Promise<readonly unknown[]> };
}

/**
 * Signs a new user up in the web app, then makes them the only member of the desk `owner` runs
 * (its NIP-51 list, newer than any before when `createdAt` is given) and waits until the node
 * counts them: intake seals contact details only to members known when a message arrives.
 */
export async function signUpDeskMember(
  env: DeskMemberEnv,
  owner: TestKeys,
  createdAt?: number,
): Promise<{ user: AppUser; pubkey: string }> {
  const user = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await user.signUp('correct horse battery staple');
  const pubkey = decode(user.npub).data as string;
  const list = signed(owner, {
    kind: DESK_LIST_KIND,
    ...(createdAt !== undefined ? { created_at: createdAt } : {}),
    tags: [
      ['d', 'lifeline-desk'],
      ['p', pubkey],
    ],
  });
  assert.equal((await env.client.publish(list))[2], true);
  await waitFor(() => env.node.desk.isMember(pubkey), 'membership');
  return { user, pubkey };
}
