import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { npubEncode } from 'nostr-tools/nip19';
import { httpAuth, keys, nip86Call, nostrAuthorization, RawClient, signed, tempDir } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';

const admin = keys();
const second = keys();
const stranger = keys();
const spammer = keys();
const alice = keys();

/** A NIP-86 call by `who`, answered as { status, body }. */
async function call(node: TestNode, method: string, params: unknown[] = [], who = admin) {
  const res = await nip86Call(node.httpUrl, who, method, params);
  return { status: res.status, body: (await res.json()) as { result?: unknown; error?: string } };
}

/** A NIP-98 token by admin with one thing wrong. */
function tokenWith(override: { u?: string; method?: string; payload?: string; created_at?: number }) {
  return (body: string, url: string) => {
    const good = JSON.parse(Buffer.from(httpAuth(admin, url, 'POST', body).slice(6), 'base64url').toString()) as {
      tags: string[][];
    };
    const tags = good.tags.map(([n, v]) => [n!, (override as Record<string, string | undefined>)[n!] ?? v!]);
    return nostrAuthorization(
      signed(admin, {
        kind: 27235,
        tags,
        content: '',
        ...(override.created_at ? { created_at: override.created_at } : {}),
      }),
    );
  };
}

describe('NIP-86 relay management over HTTP with NIP-98', () => {
  const dir = tempDir();
  let node: TestNode;
  let ws: RawClient;
  const start = async () => {
    node = await startTestNode({ data: dir, admin: `${npubEncode(admin.pk)},${second.pk}` });
    ws = await RawClient.connect(node.url);
  };
  const stop = async () => {
    await ws.close();
    await node.stop();
  };

  test('no token, a bad token of any kind: 401; a valid token of a non-admin: 403; nothing changes', async () => {
    await start();
    const target = spammer.pk;
    const tries: Array<[string, (body: string, url: string) => string | undefined]> = [
      ['no token', () => undefined],
      ['another url', tokenWith({ u: `${node.httpUrl}/elsewhere` })],
      ['another method', tokenWith({ method: 'GET' })],
      ['another payload', tokenWith({ payload: 'ab'.repeat(32) })],
      ['stale', tokenWith({ created_at: Math.floor(Date.now() / 1000) - 600 })],
      [
        'bad signature',
        (body, url) => {
          const event = JSON.parse(Buffer.from(httpAuth(admin, url, 'POST', body).slice(6), 'base64url').toString());
          event.sig = `${event.sig.slice(0, -2)}${event.sig.endsWith('00') ? '11' : '00'}`;
          return nostrAuthorization(event);
        },
      ],
      ['no payload tag', (_body, url) => httpAuth(admin, url, 'POST')],
      ['not a token', () => 'Nostr not-base64-json'],
    ];
    for (const [what, token] of tries) {
      const res = await nip86Call(node.httpUrl, admin, 'banpubkey', [target], token);
      assert.equal(res.status, 401, what);
      assert.equal(res.headers.get('www-authenticate'), 'Nostr', what);
    }
    const res = await nip86Call(node.httpUrl, stranger, 'banpubkey', [target]);
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { error: string }).error, 'not-admin');
    assert.deepEqual((await call(node, 'listbannedpubkeys')).body, { result: [] });
    // A token naming the relay by its WebSocket URL is accepted too ("the u tag is the relay URL").
    const viaWs = await nip86Call(node.httpUrl, admin, 'listbannedpubkeys', [], (body) =>
      httpAuth(admin, node.url, 'POST', body),
    );
    assert.equal(viaWs.status, 200);
  });

  test('supportedmethods; IP blocking is not offered and says why', async () => {
    const { body } = await call(node, 'supportedmethods', [], second);
    const methods = body.result as string[];
    for (const m of [
      'banpubkey',
      'listbannedpubkeys',
      'allowpubkey',
      'banevent',
      'listeventsneedingmoderation',
      'allowkind',
    ])
      assert.ok(methods.includes(m), m);
    assert.ok(!methods.includes('blockip'));
    const blocked = await call(node, 'blockip', ['192.0.2.1']);
    assert.equal(blocked.status, 200);
    assert.match(blocked.body.error ?? '', /keeps no IP addresses/);
  });

  test('malformed calls are answered with an error and change nothing', async () => {
    const post = (body: string) =>
      fetch(`${node.httpUrl}/`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/nostr+json+rpc',
          accept: 'application/json',
          authorization: httpAuth(admin, `${node.httpUrl}/`, 'POST', body),
        },
      });
    for (const body of ['{not json', '[]', '{"params":[]}', '{"method":"banpubkey","params":"x"}']) {
      const res = await post(body);
      assert.equal(res.status, 400, body);
      assert.equal(((await res.json()) as { error: string }).error, 'bad-request');
    }
    for (const [method, params] of [
      ['banpubkey', ['npub-not-hex']],
      ['banpubkey', [spammer.pk, 42]],
      ['banevent', []],
      ['allowkind', ['1']],
      ['allowkind', [70000]],
      ['nosuchmethod', []],
    ] as Array<[string, unknown[]]>) {
      const { status, body } = await call(node, method, params);
      assert.equal(status, 200);
      assert.equal(typeof body.error, 'string', `${method} ${JSON.stringify(params)}`);
      assert.equal(body.result, undefined);
    }
    assert.deepEqual((await call(node, 'listbannedpubkeys')).body.result, []);
    assert.deepEqual((await call(node, 'listbannedevents')).body.result, []);
    assert.deepEqual((await call(node, 'listallowedkinds')).body.result, []);
  });

  test("banpubkey: the pubkey's stored events are erased and new ones refused with the reason", async () => {
    const spam = [signed(spammer, { content: 'buy 1' }), signed(spammer, { content: 'buy 2' })];
    const fine = signed(alice, { content: 'a real report' });
    for (const e of [...spam, fine]) assert.equal((await ws.publish(e))[2], true);
    assert.equal((await ws.req('s1', { authors: [spammer.pk] })).events.length, 2);
    assert.deepEqual((await call(node, 'banpubkey', [spammer.pk, 'spam'])).body, { result: true });
    assert.equal((await ws.req('s2', { authors: [spammer.pk] })).events.length, 0);
    assert.equal(await node.store.has(spam[0]!.id), false);
    assert.equal((await ws.req('s3', { ids: [fine.id] })).events.length, 1);
    const again = await ws.publish(signed(spammer, { content: 'buy 3' }));
    assert.deepEqual(again.slice(2), [false, 'blocked: this pubkey is banned by the operator (spam)']);
    // A republished old event is refused too.
    assert.equal((await ws.publish(spam[0]!))[2], false);
    assert.deepEqual((await call(node, 'listbannedpubkeys')).body.result, [{ pubkey: spammer.pk, reason: 'spam' }]);
  });

  test('NIP-56 reports make the moderation queue; banevent erases and refuses; allowevent dismisses', async () => {
    const bad = signed(alice, { content: 'an illegal post' });
    const ok = signed(alice, { content: 'an ordinary post' });
    for (const e of [bad, ok]) assert.equal((await ws.publish(e))[2], true);
    const report = (about: string, type: string, who = stranger) =>
      signed(who, {
        kind: 1984,
        tags: [
          ['e', about, type],
          ['p', alice.pk],
        ],
        content: 'see this',
      });
    for (const r of [report(bad.id, 'illegal'), report(bad.id, 'illegal', second), report(ok.id, 'spam')])
      assert.equal((await ws.publish(r))[2], true);
    const queue = (await call(node, 'listeventsneedingmoderation')).body.result as Array<{
      id: string;
      reason: string;
    }>;
    assert.deepEqual(
      queue.map((q) => q.id),
      [bad.id, ok.id],
    );
    assert.match(queue[0]!.reason, /illegal: see this/);
    assert.deepEqual((await call(node, 'banevent', [bad.id, 'illegal content'])).body, { result: true });
    assert.equal((await ws.req('b1', { ids: [bad.id] })).events.length, 0);
    assert.deepEqual((await ws.publish(bad)).slice(2), [
      false,
      'blocked: this event was removed by the operator (illegal content)',
    ]);
    assert.deepEqual((await call(node, 'allowevent', [ok.id, 'reviewed'])).body, { result: true });
    assert.deepEqual((await call(node, 'listeventsneedingmoderation')).body.result, []);
    assert.equal((await ws.req('b2', { ids: [ok.id] })).events.length, 1, 'allowing keeps the event');
    assert.deepEqual((await call(node, 'listbannedevents')).body.result, [{ id: bad.id, reason: 'illegal content' }]);
  });

  test('allowkind/disallowkind: the kind allow-list applies to new events; deletions always pass', async () => {
    assert.deepEqual((await call(node, 'allowkind', [1])).body, { result: true });
    assert.deepEqual((await call(node, 'listallowedkinds')).body.result, [1]);
    assert.equal((await ws.publish(signed(alice, { kind: 1, content: 'note' })))[2], true);
    const reaction = await ws.publish(signed(alice, { kind: 7, content: '+' }));
    assert.deepEqual(reaction.slice(2), [false, 'blocked: kind 7 is not accepted by this relay']);
    assert.equal((await ws.publish(signed(alice, { kind: 5, tags: [['k', '1']] })))[2], true);
  });

  test('changerelayname shows in NIP-11, which lists 86', async () => {
    assert.deepEqual((await call(node, 'changerelayname', ['خبر آزاد'])).body, { result: true });
    const info = (await (await fetch(node.httpUrl, { headers: { accept: 'application/nostr+json' } })).json()) as {
      name: string;
      supported_nips: number[];
    };
    assert.equal(info.name, 'خبر آزاد');
    assert.ok(info.supported_nips.includes(86));
  });

  test('the lists survive a restart (kept in the store) and still refuse', async () => {
    const rows = await node.store.moderationRows();
    assert.ok(rows.some((r) => r.list === 'banned-pubkey' && r.subject === spammer.pk && r.value === 'spam'));
    await stop();
    await start();
    assert.deepEqual((await call(node, 'listbannedpubkeys')).body.result, [{ pubkey: spammer.pk, reason: 'spam' }]);
    assert.deepEqual((await call(node, 'listallowedkinds')).body.result, [1]);
    assert.equal((await ws.publish(signed(spammer, { content: 'buy 4' })))[2], false);
    assert.equal((await ws.publish(signed(alice, { kind: 7, content: '+' })))[2], false);
    // Unbanning lets new events in; what was erased stays erased.
    assert.deepEqual((await call(node, 'unbanpubkey', [spammer.pk])).body, { result: true });
    assert.equal((await ws.publish(signed(spammer, { content: 'sorry' })))[2], true);
    assert.equal((await ws.req('r1', { authors: [spammer.pk] })).events.length, 1);
    await stop();
  });
});

describe('NIP-86 without admins', () => {
  test('the endpoint is off (404) and NIP-11 does not list 86', async () => {
    const node = await startTestNode();
    try {
      const res = await nip86Call(node.httpUrl, admin, 'supportedmethods');
      assert.equal(res.status, 404);
      assert.equal(((await res.json()) as { error: string }).error, 'nip86-off');
      const info = (await (await fetch(node.httpUrl, { headers: { accept: 'application/nostr+json' } })).json()) as {
        supported_nips: number[];
      };
      assert.ok(!info.supported_nips.includes(86));
    } finally {
      await node.stop();
    }
  });
});
