import { test } from 'node:test';
import assert from 'node:assert/strict';
import { neventEncode, noteEncode } from 'nostr-tools/nip19';
import { keys, signed } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { webDir } from '../web-dir.js';
import { AppUser } from './app-user.js';

// The web app's thread route takes every NIP-19 form of an event id (note1…, nevent1…) and hex.
const env = nodeSuite({ client: true, browser: true, node: { webDir } });

test('#/thread/ opens the same thread from note1, nevent1 and hex; a bad id says Not found', async () => {
  const alice = keys();
  const bob = keys();
  const post = signed(alice, { content: 'Crowds at Azadi tonight' });
  const reply = signed(bob, { content: 'Stay safe out there', tags: [['e', post.id, '', 'root']] });
  for (const e of [post, reply]) assert.equal((await env.client.publish(e))[2], true);
  const user = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  const { page } = user;
  await user.justRead();
  for (const id of [noteEncode(post.id), neventEncode({ id: post.id, relays: [env.node.url] }), post.id]) {
    await user.go(`#/thread/${id}`);
    await page.getByRole('heading', { name: 'Thread' }).waitFor();
    await page.getByText('Crowds at Azadi tonight').waitFor();
    await page.getByText('Stay safe out there').waitFor();
  }
  // The reply's own note1 opens the thread too (the screen climbs to the root).
  await user.go(`#/thread/${noteEncode(reply.id)}`);
  await page.getByText('Crowds at Azadi tonight').waitFor();
  await user.go('#/thread/note1notanid');
  await page.getByText('Not found').waitFor();
  assert.equal(await page.getByText('Crowds at Azadi tonight').count(), 0);
});
