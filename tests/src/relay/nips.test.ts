import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { keys, RawClient, signed, sleep, type TestKeys } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';

const now = () => Math.floor(Date.now() / 1000);

describe('relay NIPs over a real WebSocket', () => {
  let node: TestNode;
  let c: RawClient;
  before(async () => {
    node = await startTestNode();
    c = await RawClient.connect(node.url);
  });
  after(async () => {
    await c.close();
    await node.stop();
  });

  test('NIP-11: relay information document with limitation', async () => {
    const res = await fetch(node.httpUrl, { headers: { accept: 'application/nostr+json' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const info = (await res.json()) as {
      name: string;
      supported_nips: number[];
      limitation: Record<string, unknown>;
    } & Record<string, unknown>;
    assert.equal(info.name, 'Lifeline');
    for (const nip of [1, 9, 11, 40, 42, 45, 50, 62, 70]) assert.ok(info.supported_nips.includes(nip), `NIP-${nip}`);
    assert.equal(info.limitation.max_subscriptions, 32);
    assert.equal(info.limitation.max_limit, 500);
    // NIP-11 `self`: the node's own key, which signs what the node publishes.
    assert.equal(info.self, node.identity.pubkey);
  });

  test("the node's identity publishes through the pipeline; clients read its events", async () => {
    const result = await node.identity.publish({ kind: 1985, tags: [['L', 'test.lifeline']], content: 'node says' });
    assert.equal(result.ok, true, result.message);
    const got = (await c.req('self', { authors: [node.identity.pubkey], kinds: [1985] })).events;
    assert.deepEqual(
      got.map((e) => e.content),
      ['node says'],
    );
  });

  test('NIP-09: authors delete their own events by e and a tags; deleted events stay out', async () => {
    const a = keys();
    const mallory = keys();
    const note = signed(a, { content: 'delete me' });
    const keep = signed(a, { content: 'keep me' });
    const article = signed(a, { kind: 30023, tags: [['d', 'x']], content: 'article', created_at: now() - 10 });
    for (const e of [note, keep, article]) assert.equal((await c.publish(e))[2], true);
    // Someone else's deletion request must not remove a's note.
    const foreign = signed(mallory, { kind: 5, tags: [['e', keep.id]] });
    assert.equal((await c.publish(foreign))[2], true);
    const del = signed(a, {
      kind: 5,
      content: '',
      tags: [
        ['e', note.id],
        ['a', `30023:${a.pk}:x`],
      ],
    });
    assert.equal((await c.publish(del))[2], true);
    const { events } = await c.req('d', { authors: [a.pk] });
    assert.deepEqual(events.map((e) => e.content).sort(), ['', 'keep me'].sort());
    const again = await c.publish(note);
    assert.equal(again[2], false);
    assert.match(again[3] as string, /^blocked:/);
  });

  test('NIP-40: expired events are refused and never served', async () => {
    const a = keys();
    const expired = signed(a, { tags: [['expiration', String(now() - 5)]] });
    const r = await c.publish(expired);
    assert.equal(r[2], false);
    assert.match(r[3] as string, /^invalid:/);
    const soon = signed(a, { tags: [['expiration', String(now() + 1)]], content: 'short-lived' });
    assert.equal((await c.publish(soon))[2], true);
    await sleep(2100);
    const { events } = await c.req('x', { authors: [a.pk] });
    assert.equal(events.length, 0);
  });

  test('NIP-45: COUNT', async () => {
    const a = keys();
    for (let i = 0; i < 3; i++) await c.publish(signed(a, { content: `n${i}`, created_at: now() - i }));
    c.send(['COUNT', 'cnt', { authors: [a.pk] }]);
    const m = await c.next((x) => x[0] === 'COUNT' && x[1] === 'cnt');
    assert.deepEqual(m[2], { count: 3 });
  });

  test('NIP-50: search works for Persian (letter variants, digits, bidi marks) and English', async () => {
    const a = keys();
    await c.publish(signed(a, { content: 'گزارش از خیابان آزادی ۱۴۰۲', created_at: now() - 2 }));
    await c.publish(signed(a, { content: 'Protest reported near Azadi Square', created_at: now() - 1 }));
    const search = async (q: string) =>
      (await c.req(`s${Math.random()}`, { authors: [a.pk], search: q })).events.map((e) => e.content);
    assert.equal((await search('گزارش')).length, 1);
    assert.equal((await search('\u200fگزارش\u200f')).length, 1);
    assert.equal((await search('1402')).length, 1);
    assert.equal((await search('azadi')).length, 1);
    assert.equal((await search('ريپورت')).length, 0);
    // Arabic yeh/kaf typed on an Arabic keyboard still find the Persian text.
    await c.publish(signed(a, { content: 'کتاب یک', created_at: now() }));
    assert.equal((await search('كتاب يك')).length, 1);
  });

  test('NIP-62: a request to vanish removes everything and refuses it again', async () => {
    const a = keys();
    const old = signed(a, { content: 'before vanish', created_at: now() - 5 });
    await c.publish(old);
    const vanish = signed(a, { kind: 62, tags: [['relay', node.relayUrl]], content: 'arrested risk' });
    assert.equal((await c.publish(vanish))[2], true);
    // Nothing of hers is left but the request itself, kept so mirrors that were away learn of it.
    const left = (await c.req('v', { authors: [a.pk] })).events as Array<{ id: string }>;
    assert.deepEqual(
      left.map((e) => e.id),
      [vanish.id],
    );
    const again = await c.publish(old);
    assert.equal(again[2], false);
  });

  test('NIP-42 and NIP-70: protected events only from their authenticated author', async () => {
    const a = keys();
    const client = await RawClient.connect(node.url);
    const challengeMsg = await client.next((m) => m[0] === 'AUTH');
    const prot = signed(a, { content: 'protected', tags: [['-']] });
    const before = await client.publish(prot);
    assert.equal(before[2], false);
    assert.match(before[3] as string, /^auth-required:/);
    const wrong = authEvent(a, 'not-the-challenge', node.relayUrl);
    client.send(['AUTH', wrong]);
    assert.equal((await client.ok(wrong.id))[2], false);
    const auth = authEvent(a, challengeMsg[1] as string, node.relayUrl);
    client.send(['AUTH', auth]);
    assert.equal((await client.ok(auth.id))[2], true);
    assert.equal((await client.publish(prot))[2], true);
    await client.close();
  });
});

function authEvent(who: TestKeys, challenge: string, relay: string) {
  return signed(who, {
    kind: 22242,
    created_at: now(),
    tags: [
      ['relay', relay],
      ['challenge', challenge],
    ],
    content: '',
  });
}

describe('configured limits', () => {
  test('NIP-13 proof of work and auth-required reads', async () => {
    const node = await startTestNode({ minPowBits: 8, authRequired: true });
    try {
      const c = await RawClient.connect(node.url);
      const ev = signed(keys());
      const r = await c.publish(ev);
      assert.equal(r[2], false);
      assert.match(r[3] as string, /^(pow|auth-required):/);
      const { closed } = await c.req('r', { kinds: [1] });
      assert.match(closed ?? '', /^auth-required:/);
      await c.close();
    } finally {
      await node.stop();
    }
  });
});
