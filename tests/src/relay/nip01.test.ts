import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Relay, useWebSocketImplementation } from 'nostr-tools/relay';
import WebSocket from 'ws';
import { keys, RawClient, signed, sleep } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';

useWebSocketImplementation(WebSocket);

describe('NIP-01 with a real nostr-tools client', () => {
  let node: TestNode;
  before(async () => {
    node = await startTestNode();
  });
  after(() => node.stop());

  test('publish, then read back through a subscription with EOSE', async () => {
    const relay = await Relay.connect(node.url);
    const alice = keys();
    const ev = signed(alice, { content: 'street report 1' });
    assert.equal(await relay.publish(ev), '');
    const got: unknown[] = [];
    await new Promise<void>((resolve) => {
      relay.subscribe([{ authors: [alice.pk] }], { onevent: (e) => got.push(e), oneose: () => resolve() });
    });
    assert.deepEqual(JSON.parse(JSON.stringify(got)), [JSON.parse(JSON.stringify(ev))]);
    relay.close();
  });

  test('live events arrive after EOSE without a gap', async () => {
    const relay = await Relay.connect(node.url);
    const bob = keys();
    const live: string[] = [];
    let eose = false;
    const sub = relay.subscribe([{ authors: [bob.pk], kinds: [1] }], {
      onevent: (e) => live.push(e.id),
      oneose: () => (eose = true),
    });
    const ev = signed(bob, { content: 'live' });
    await relay.publish(ev);
    for (let i = 0; i < 50 && live.length === 0; i++) await sleep(20);
    assert.ok(eose);
    assert.deepEqual(live, [ev.id]);
    sub.close();
    relay.close();
  });

  test('every filter field, OR-ed filters, limit newest first with lowest-id tie-break', async () => {
    const c = await RawClient.connect(node.url);
    const a = keys();
    const b = keys();
    const base = 1_700_000_000;
    const evs = [
      signed(a, { created_at: base, content: 'a0', tags: [['t', 'iran']] }),
      signed(a, { created_at: base + 10, content: 'a1', kind: 7 }),
      signed(b, { created_at: base + 20, content: 'b0', tags: [['e', 'f'.repeat(64)]] }),
      signed(b, { created_at: base + 20, content: 'b1' }),
      signed(b, { created_at: base + 30, content: 'b2', tags: [['x', 'custom']] }),
    ];
    for (const e of evs) {
      c.send(['EVENT', e]);
      assert.equal((await c.ok(e.id))[2], true);
    }
    const ids = async (...filters: object[]) =>
      (await c.req(`q${Math.random()}`, ...filters)).events.map((e) => e.content);
    assert.deepEqual(await ids({ authors: [a.pk] }), ['a1', 'a0']);
    assert.deepEqual(await ids({ authors: [a.pk, b.pk], kinds: [7] }), ['a1']);
    assert.deepEqual(await ids({ ids: [evs[0]!.id, evs[4]!.id] }), ['b2', 'a0']);
    assert.deepEqual(await ids({ '#t': ['iran'] }), ['a0']);
    assert.deepEqual(await ids({ '#e': ['f'.repeat(64)] }), ['b0']);
    assert.deepEqual(await ids({ '#x': ['custom'] }), ['b2']);
    assert.deepEqual(await ids({ authors: [a.pk, b.pk], since: base + 10, until: base + 20 }).then((r) => r.sort()), [
      'a1',
      'b0',
      'b1',
    ]);
    const tie = [evs[2]!, evs[3]!].sort((x, y) => (x.id < y.id ? -1 : 1)).map((e) => e.content);
    assert.deepEqual(await ids({ authors: [b.pk], limit: 3 }), ['b2', ...tie]);
    assert.deepEqual(await ids({ authors: [b.pk], limit: 2 }), ['b2', tie[0]]);
    assert.deepEqual(await ids({ authors: [a.pk], kinds: [1] }, { authors: [b.pk], since: base + 30 }), ['b2', 'a0']);
    assert.deepEqual(await ids({ authors: [] }), []);
    await c.close();
  });

  test('a REQ with a used subscription id replaces it; CLOSE ends it', async () => {
    const c = await RawClient.connect(node.url);
    const a = keys();
    const b = keys();
    await c.req('s', { authors: [a.pk] });
    await c.req('s', { authors: [b.pk] });
    const fromA = signed(a);
    const fromB = signed(b);
    const pub = await RawClient.connect(node.url);
    pub.send(['EVENT', fromA]);
    await pub.ok(fromA.id);
    pub.send(['EVENT', fromB]);
    await pub.ok(fromB.id);
    const live = await c.next((m) => m[0] === 'EVENT');
    assert.equal((live[2] as { id: string }).id, fromB.id);
    c.send(['CLOSE', 's']);
    await sleep(50);
    const later = signed(b);
    pub.send(['EVENT', later]);
    await pub.ok(later.id);
    await sleep(100);
    assert.equal(c.received.filter((m) => m[0] === 'EVENT').length, 0);
    await Promise.all([c.close(), pub.close()]);
  });

  test('replaceable events keep the newest; equal timestamps keep the lowest id', async () => {
    const c = await RawClient.connect(node.url);
    const a = keys();
    const t = Math.floor(Date.now() / 1000) - 100;
    const older = signed(a, { kind: 0, created_at: t, content: '{"name":"old"}' });
    const newer = signed(a, { kind: 0, created_at: t + 1, content: '{"name":"new"}' });
    for (const e of [newer, older]) {
      c.send(['EVENT', e]);
      await c.ok(e.id);
    }
    let { events } = await c.req('p', { authors: [a.pk], kinds: [0] });
    assert.deepEqual(
      events.map((e) => e.id),
      [newer.id],
    );
    const x = signed(a, { kind: 10002, created_at: t, content: 'x' });
    const y = signed(a, { kind: 10002, created_at: t, content: 'y' });
    const low = x.id < y.id ? x : y;
    for (const e of [x, y]) {
      c.send(['EVENT', e]);
      await c.ok(e.id);
    }
    ({ events } = await c.req('r', { authors: [a.pk], kinds: [10002] }));
    assert.deepEqual(
      events.map((e) => e.id),
      [low.id],
    );
    await c.close();
  });

  test('addressable events replace by d tag only', async () => {
    const c = await RawClient.connect(node.url);
    const a = keys();
    const t = Math.floor(Date.now() / 1000) - 100;
    const evs = [
      signed(a, { kind: 30023, created_at: t, tags: [['d', 'one']], content: 'one v1' }),
      signed(a, { kind: 30023, created_at: t + 1, tags: [['d', 'one']], content: 'one v2' }),
      signed(a, { kind: 30023, created_at: t, tags: [['d', 'two']], content: 'two v1' }),
    ];
    for (const e of evs) {
      c.send(['EVENT', e]);
      await c.ok(e.id);
    }
    const { events } = await c.req('a', { authors: [a.pk], kinds: [30023] });
    assert.deepEqual(events.map((e) => e.content).sort(), ['one v2', 'two v1']);
    await c.close();
  });

  test('ephemeral events are delivered live and never stored', async () => {
    const sub = await RawClient.connect(node.url);
    const pub = await RawClient.connect(node.url);
    const a = keys();
    await sub.req('e', { kinds: [20001], authors: [a.pk] });
    const eph = signed(a, { kind: 20001, content: 'typing' });
    pub.send(['EVENT', eph]);
    assert.equal((await pub.ok(eph.id))[2], true);
    const got = await sub.next((m) => m[0] === 'EVENT');
    assert.equal((got[2] as { id: string }).id, eph.id);
    const { events } = await pub.req('later', { kinds: [20001], authors: [a.pk] });
    assert.equal(events.length, 0);
    await Promise.all([sub.close(), pub.close()]);
  });

  test('bad ids, bad signatures and duplicates are answered with the right prefix', async () => {
    const c = await RawClient.connect(node.url);
    const a = keys();
    const ev = signed(a, { content: 'original' });
    c.send(['EVENT', ev]);
    assert.deepEqual((await c.ok(ev.id)).slice(2), [true, '']);
    c.send(['EVENT', ev]);
    const dup = await c.ok(ev.id);
    assert.equal(dup[2], true);
    assert.match(dup[3] as string, /^duplicate:/);
    const tampered = { ...signed(a, { content: 'x' }), content: 'fabricated' };
    c.send(['EVENT', tampered]);
    assert.match((await c.ok(tampered.id))[3] as string, /^invalid: event id/);
    const good = signed(a, { content: 'y' });
    const forged = { ...good, sig: good.sig.slice(0, -2) + (good.sig.endsWith('00') ? '11' : '00') };
    c.send(['EVENT', forged]);
    const bad = await c.ok(forged.id);
    assert.equal(bad[2], false);
    assert.match(bad[3] as string, /^invalid: bad signature/);
    await c.close();
  });

  test('a forged copy racing the genuine event (same id, other sig) never borrows its verdict', async () => {
    const c = await RawClient.connect(node.url);
    const a = keys();
    for (const forgedFirst of [true, false]) {
      const good = signed(a, { content: `race ${forgedFirst}` });
      const forged = { ...good, sig: good.sig.slice(0, -2) + (good.sig.endsWith('00') ? '11' : '00') };
      const order = forgedFirst ? [forged, good] : [good, forged];
      for (const e of order) c.send(['EVENT', e]);
      const answers = [await c.ok(good.id), await c.ok(good.id)];
      // The genuine copy is accepted; the forged one is refused, or (if it arrives after the
      // genuine one is stored) answered as a duplicate of what is already there.
      assert.ok(answers.some((m) => m[2] === true && m[3] === ''));
      for (const m of answers) if (m[2] === false) assert.match(m[3] as string, /^invalid: bad signature/);
      const { events } = await c.req(`race${forgedFirst}`, { ids: [good.id] });
      assert.equal(events.length, 1);
      assert.equal(events[0].sig, good.sig, 'the stored copy carries the genuine signature');
    }
    await c.close();
  });
  test('live delivery before the commit: once per event, never for deleted events', async () => {
    const pub = await RawClient.connect(node.url);
    const sub = await RawClient.connect(node.url);
    const a = keys();
    await sub.req('live', { authors: [a.pk] });
    // Two copies of one event on two sockets at once: delivered once, both answered OK true.
    const note = signed(a, { content: 'sent twice at once' });
    const other = await RawClient.connect(node.url);
    pub.send(['EVENT', note]);
    other.send(['EVENT', note]);
    assert.equal((await pub.ok(note.id))[2], true);
    assert.equal((await other.ok(note.id))[2], true);
    await sub.next((m) => m[0] === 'EVENT' && (m[2] as { id: string }).id === note.id);
    // A deleted event published again is refused and never reaches live subscribers.
    const del = signed(a, { kind: 5, tags: [['e', note.id]] });
    pub.send(['EVENT', del]);
    assert.equal((await pub.ok(del.id))[2], true);
    await sub.next((m) => m[0] === 'EVENT' && (m[2] as { id: string }).id === del.id);
    pub.send(['EVENT', note]);
    const again = await pub.ok(note.id);
    assert.equal(again[2], false);
    assert.match(again[3] as string, /^blocked:/);
    // A later event proves the subscriber's stream moved past the refused copy.
    const marker = signed(a, { content: 'marker' });
    pub.send(['EVENT', marker]);
    await pub.ok(marker.id);
    await sub.next((m) => m[0] === 'EVENT' && (m[2] as { id: string }).id === marker.id);
    const copies = sub.received.filter((m) => m[0] === 'EVENT' && (m[2] as { id: string }).id === note.id);
    assert.equal(copies.length, 0, 'neither a second copy nor the refused re-publication was delivered');
    for (const c of [pub, sub, other]) await c.close();
  });
  test('fan-out to many connections: each gets every event once, in order, framed by the relay itself', async () => {
    // More subscribers than one write slice (64), so the writes span several slices of a round.
    const subs = await Promise.all(Array.from({ length: 150 }, () => RawClient.connect(node.url)));
    const a = keys();
    // A subscription id that needs JSON escaping, and Persian content (multi-byte UTF-8).
    const subId = 'تهران "live" \\ 1';
    await Promise.all(subs.map((c) => c.req(subId, { authors: [a.pk] })));
    const pub = await RawClient.connect(node.url);
    const notes = Array.from({ length: 5 }, (_, i) =>
      signed(a, { content: `گزارش ${i} از خیابان`, created_at: 1_700_000_000 + i }),
    );
    for (const n of notes) pub.send(['EVENT', n]);
    for (const n of notes) assert.equal((await pub.ok(n.id))[2], true);
    for (const c of subs) {
      for (const n of notes) {
        const m = await c.next((x) => x[0] === 'EVENT');
        assert.equal(m[1], subId);
        assert.deepEqual(m[2], n, 'events arrive whole and in publishing order');
      }
    }
    await sleep(100);
    assert.equal(
      subs.reduce((k, c) => k + c.received.filter((m) => m[0] === 'EVENT').length, 0),
      0,
      'no copies',
    );
    await Promise.all([...subs, pub].map((c) => c.close()));
  });
});
