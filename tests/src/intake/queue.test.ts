import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { npubEncode } from 'nostr-tools/nip19';
import * as nip44 from 'nostr-tools/nip44';
import { httpAuth, keys, signed } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';

describe('the review queue API: NIP-98, members only, contact details sealed', () => {
  const owner = keys();
  const outsider = keys();
  const env = nodeSuite({ client: true, node: { desk: npubEncode(owner.pk), intakeSmsSyncSecret: 'gateway-secret' } });
  const url = (path: string) => `${env.node.httpUrl}${path}`;
  const get = (path: string, who = owner) =>
    fetch(url(path), { headers: { authorization: httpAuth(who, url(path), 'GET'), accept: 'application/json' } });
  const send = (method: string, path: string, body: unknown, who = owner) => {
    const text = JSON.stringify(body);
    return fetch(url(path), {
      method,
      body: text,
      headers: {
        authorization: httpAuth(who, url(path), method, text),
        'content-type': 'application/json',
        accept: 'application/json',
      },
    });
  };
  const arrive = (address: string, text: string, channel: 'sms' | 'email' = 'sms') =>
    env.node.intake!.intake.receive({ channel, address, contact: { gateway: 'test' }, text, attachments: [] });

  test('no token is 401, a non-member is 403, a member reads the queue newest first', async () => {
    await arrive('+989121110000', 'first report');
    await arrive('+989121110000', 'second report');
    await arrive('witness@example.org', 'by mail', 'email');
    assert.equal((await fetch(url('/api/intake/messages'))).status, 401);
    const forged = await fetch(url('/api/intake/messages'), {
      headers: { authorization: httpAuth(owner, url('/api/intake/messages?status=new'), 'GET') },
    });
    assert.equal(forged.status, 401, 'a token for another URL');
    assert.equal((await get('/api/intake/messages', outsider)).status, 403);
    const res = await get('/api/intake/messages');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { messages: Array<{ text: string; sender: string; channel: string }> };
    assert.deepEqual(
      body.messages.map((m) => m.text),
      ['by mail', 'second report', 'first report'],
    );
    assert.equal(body.messages[1].sender, body.messages[2].sender);
    assert.deepEqual(Object.keys(body.messages[0]).sort(), [
      'attachments',
      'channel',
      'corrected',
      'direction',
      'id',
      'pages',
      'published',
      'received',
      'sender',
      'status',
      'text',
      'updated',
      'via',
    ]);
    const raw = JSON.stringify(body);
    assert.ok(!raw.includes('989121110000') && !raw.includes('witness@example.org'));
  });

  test('filters and pages', async () => {
    const sms = (await (await get('/api/intake/messages?channel=sms')).json()) as { messages: unknown[] };
    assert.equal(sms.messages.length, 2);
    const page = (await (await get('/api/intake/messages?limit=2')).json()) as { cursor: string; messages: unknown[] };
    assert.equal(page.messages.length, 2);
    const next = (await (await get(`/api/intake/messages?limit=2&before=${page.cursor}`)).json()) as {
      messages: Array<{ text: string }>;
    };
    assert.deepEqual(
      next.messages.map((m) => m.text),
      ['first report'],
    );
    assert.equal((await get('/api/intake/messages?status=lost')).status, 400);
  });

  test("a member opens the sender's contact details with their own key", async () => {
    const list = (await (await get('/api/intake/messages?channel=email')).json()) as {
      messages: Array<{ id: string }>;
    };
    const one = (await (await get(`/api/intake/messages/${list.messages[0].id}`)).json()) as {
      contact: { pubkey: string; nip44: string };
    };
    const opened = JSON.parse(nip44.decrypt(one.contact.nip44, nip44.getConversationKey(owner.sk, one.contact.pubkey)));
    assert.equal(opened.address, 'witness@example.org');
  });

  test('correct, set status; a body not matching the token payload is 401; bad input is 400', async () => {
    const m = await arrive('+989120000001', 'tehran protest at 5pm');
    const path = `/api/intake/messages/${m.id}`;
    const patched = await send('PATCH', path, { text: 'Tehran: protest at 5 pm', status: 'in-review' });
    assert.equal(patched.status, 200);
    const after = (await patched.json()) as { message: { corrected: string; status: string; text: string } };
    assert.equal(after.message.corrected, 'Tehran: protest at 5 pm');
    assert.equal(after.message.status, 'in-review');
    assert.equal(after.message.text, 'tehran protest at 5pm');
    const swapped = await fetch(url(path), {
      method: 'PATCH',
      body: JSON.stringify({ status: 'discarded' }),
      headers: { authorization: httpAuth(owner, url(path), 'PATCH', JSON.stringify({ status: 'new' })) },
    });
    assert.equal(swapped.status, 401);
    assert.equal((await send('PATCH', path, { status: 'published' })).status, 400);
    assert.equal((await send('PATCH', `/api/intake/messages/${'f'.repeat(32)}`, { status: 'new' })).status, 404);
    assert.equal(env.node.intake!.store.get(m.id)?.status, 'in-review', 'nothing changed by refused requests');
  });

  test("publishing refuses text with the sender's number, then publishes the member's signed event", async () => {
    const m = await arrive('+98 912 345 6789', 'Shots near Azadi square');
    const path = `/api/intake/messages/${m.id}/publish`;
    const leaky = signed(owner, { content: 'Shots near Azadi square (reported by 0912 345 6789)' });
    const refused = await send('POST', path, { event: leaky });
    assert.equal(refused.status, 422);
    assert.equal(env.node.intake!.store.get(m.id)?.status, 'new');
    const notMine = signed(outsider, { content: 'Shots near Azadi square' });
    assert.equal((await send('POST', path, { event: notMine })).status, 400);
    const clean = signed(owner, { content: 'Shots near Azadi square (via SMS)' });
    const ok = await send('POST', path, { event: clean });
    assert.equal(ok.status, 200);
    assert.equal(env.node.intake!.store.get(m.id)?.published, clean.id);
    const stored = await env.client.req('published', { ids: [clean.id] });
    assert.equal(stored.events.length, 1);
    assert.equal((await send('POST', path, { event: clean })).status, 400, 'published once');
  });

  test('discard', async () => {
    const m = await arrive('+989120000002', 'spam');
    const res = await send('POST', `/api/intake/messages/${m.id}/discard`, {});
    assert.equal(res.status, 200);
    assert.equal(env.node.intake!.store.get(m.id)?.status, 'discarded');
  });
});
