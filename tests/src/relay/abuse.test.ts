import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { computeEventId, type NostrEvent } from '@lifeline/nostr';
import { keys, RawClient, seededRandom, signed, sleep, type TestKeys, waitFor } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';

// Every frame any client in this file received, checked at the end for leaked addresses.
const allFrames: string[] = [];

async function connect(url: string): Promise<RawClient> {
  const c = await RawClient.connect(url);
  c.ws.on('message', (data) => allFrames.push(data.toString()));
  return c;
}

const PREFIX = /^(invalid|rate-limited|restricted|blocked|error|pow|duplicate|auth-required): /;
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** Sends a raw frame and returns the NOTICE it provoked. */
async function notice(c: RawClient, frame: string): Promise<string> {
  c.send(frame);
  const m = await c.next((x) => x[0] === 'NOTICE');
  return m[1] as string;
}

/** Sends an EVENT payload and returns the OK it provoked (the first OK that arrives). */
async function publish(c: RawClient, payload: unknown): Promise<unknown[]> {
  c.send(['EVENT', payload]);
  return c.next((x) => x[0] === 'OK');
}

/** Sends a REQ and returns the CLOSED message that refused it. */
async function refusedReq(c: RawClient, subId: string, ...filters: unknown[]): Promise<string> {
  c.send(['REQ', subId, ...filters]);
  const m = await c.next((x) => (x[0] === 'CLOSED' || x[0] === 'EOSE') && x[1] === subId);
  assert.equal(m[0], 'CLOSED', `REQ ${JSON.stringify(filters).slice(0, 80)} should be refused`);
  return m[2] as string;
}

describe('abuse: garbage in, clear answers out, the node stays up', () => {
  let node: TestNode;
  let bystander: RawClient;
  const citizen: TestKeys = keys();
  let baseline: { connections: number; subscriptions: number };
  let liveCount = 0;

  /** The well-behaved client can still publish, receive it live, and read it back. */
  async function stillServes(label: string): Promise<void> {
    const ev = signed(citizen, { content: `still here after ${label}` });
    bystander.send(['EVENT', ev]);
    assert.deepEqual(await bystander.ok(ev.id), ['OK', ev.id, true, '']);
    const live = await bystander.next((m) => m[0] === 'EVENT' && m[1] === 'live' && (m[2] as NostrEvent).id === ev.id);
    assert.deepEqual(live[2], ev);
    liveCount++;
    const { events } = await bystander.req(`check-${liveCount}`, { ids: [ev.id] });
    assert.deepEqual(events, [ev]);
    bystander.send(['CLOSE', `check-${liveCount}`]);
  }

  /** Closes an abusive client and waits for the node to free what it held. */
  async function leave(c: RawClient): Promise<void> {
    await c.close();
    await waitFor(
      () => JSON.stringify(node.relay.stats()) === JSON.stringify(baseline),
      `stats back to ${JSON.stringify(baseline)}, got ${JSON.stringify(node.relay.stats())}`,
    );
  }

  before(async () => {
    // Large enough for a 5,000-value filter to reach the filter check rather than the frame limit.
    node = await startTestNode({ maxMessageBytes: 512 * 1024 });
    bystander = await connect(node.url);
    const { events } = await bystander.req('live', { authors: [citizen.pk] });
    assert.deepEqual(events, []);
    baseline = node.relay.stats();
    assert.deepEqual(baseline, { connections: 1, subscriptions: 1 });
  });

  after(async () => {
    await bystander.close();
    await node.stop();
  });

  test('malformed JSON gets an invalid: NOTICE', async () => {
    const c = await connect(node.url);
    for (const frame of ['{not json', '', '[', '["EVENT"', '["REQ","x",{]', '\u0000\u0001', 'null,', '[1,2,,]']) {
      assert.match(await notice(c, frame), /^invalid: /, `frame ${JSON.stringify(frame)}`);
    }
    // Deep nesting must not overflow the parser's stack or the validators'.
    const deep = 100_000;
    assert.match(await notice(c, '['.repeat(deep)), /^invalid: /);
    assert.match(await notice(c, '['.repeat(deep) + ']'.repeat(deep)), /^invalid: /);
    c.send(`["REQ","deep",${'{"#e":['.repeat(deep / 2)}${']}'.repeat(deep / 2)}]`);
    const deepReq = await c.next((m) => m[1] === 'deep');
    assert.equal(deepReq[0], 'CLOSED');
    assert.match(deepReq[2] as string, /^invalid: /);
    c.send(`["EVENT",{"tags":${'['.repeat(deep)}${']'.repeat(deep)}}]`);
    assert.match((await c.next((m) => m[0] === 'OK'))[3] as string, /^invalid: /);
    await stillServes('malformed JSON');
    await leave(c);
  });

  test('JSON that is not a non-empty array gets an invalid: NOTICE', async () => {
    const c = await connect(node.url);
    for (const frame of ['{}', '42', '"EVENT"', 'null', 'true', '[]', '{"0":"REQ"}']) {
      assert.match(await notice(c, frame), /^invalid: /, `frame ${frame}`);
    }
    await stillServes('non-array JSON');
    await leave(c);
  });

  test('unknown or non-string verbs get an invalid: NOTICE', async () => {
    const c = await connect(node.url);
    for (const msg of [
      ['HELLO'],
      ['event', {}],
      ['req', 's', {}],
      [42, 's'],
      [null],
      [{}],
      [['REQ']],
      ['NOTICE', 'hi'],
      ['EOSE', 's'],
      ['X'.repeat(10_000)],
    ]) {
      const n = await notice(c, JSON.stringify(msg));
      assert.match(n, /^invalid: /, `message ${JSON.stringify(msg).slice(0, 40)}`);
      assert.ok(n.length < 200, 'the notice does not echo a huge verb back');
    }
    await stillServes('unknown verbs');
    await leave(c);
  });

  test('wrong message shapes: NOTICE when no subscription id is readable, CLOSED when one is', async () => {
    const c = await connect(node.url);
    const noticeCases: unknown[][] = [
      ['EVENT', 42],
      ['EVENT', 'an event'],
      ['EVENT', null],
      ['EVENT', [1, 2]],
      ['EVENT'],
      ['EVENT', {}, {}],
      ['REQ', 42, {}],
      ['REQ', null, {}],
      ['REQ', '', {}],
      ['REQ', 's'.repeat(65), {}],
      ['REQ', { id: 's' }, {}],
      ['COUNT', 7, {}],
      ['CLOSE'],
      ['CLOSE', 42],
      ['CLOSE', 'x'.repeat(65)],
      ['AUTH', 'not an event'],
    ];
    for (const msg of noticeCases) {
      assert.match(await notice(c, JSON.stringify(msg)), /^invalid: /, JSON.stringify(msg).slice(0, 60));
    }
    const closedCases: unknown[][] = [
      ['s'],
      ['s', 42],
      ['s', 'filter'],
      ['s', null],
      ['s', []],
      ['s', true],
      ['s', {}, 42],
    ];
    for (const [subId, ...filters] of closedCases) {
      assert.match(await refusedReq(c, subId as string, ...filters), /^invalid: /, JSON.stringify(filters));
    }
    c.send(['COUNT', 'cnt', 5]);
    const counted = await c.next((m) => m[1] === 'cnt');
    assert.equal(counted[0], 'CLOSED');
    assert.match(counted[2] as string, /^invalid: /);
    // A 64-character id is the longest allowed and works.
    const longest = 's'.repeat(64);
    assert.deepEqual(await c.req(longest, { ids: [hex(32)] }), { events: [] });
    // Nothing refused left a subscription behind; only the valid one is live.
    assert.equal(node.relay.stats().subscriptions, baseline.subscriptions + 1);
    await stillServes('wrong shapes');
    await leave(c);
  });

  test('events with invalid or wrong-length hex, or wrong field types, are refused invalid:', async () => {
    const c = await connect(node.url);
    const who = keys();
    const good = signed(who, { content: 'template' });
    const broken: Array<[string, Record<string, unknown>]> = [
      ['id non-hex', { id: `zz${good.id.slice(2)}` }],
      ['id uppercase', { id: `A${good.id.slice(1).toUpperCase()}` }],
      ['id 63 chars', { id: good.id.slice(1) }],
      ['id 65 chars', { id: `${good.id}0` }],
      ['id number', { id: 12345 }],
      ['pubkey non-hex', { pubkey: 'g'.repeat(64) }],
      ['pubkey 66 chars', { pubkey: `02${good.pubkey}` }],
      ['pubkey 32 chars', { pubkey: good.pubkey.slice(0, 32) }],
      ['sig non-hex', { sig: 'x'.repeat(128) }],
      ['sig 126 chars', { sig: good.sig.slice(2) }],
      ['sig 130 chars', { sig: `${good.sig}00` }],
      ['kind string', { kind: '1' }],
      ['kind negative', { kind: -1 }],
      ['kind fraction', { kind: 1.5 }],
      ['kind huge', { kind: 2 ** 40 }],
      ['created_at string', { created_at: String(good.created_at) }],
      ['created_at negative', { created_at: -5 }],
      ['tags object', { tags: {} }],
      ['tag not array', { tags: ['t'] }],
      ['tag empty', { tags: [[]] }],
      ['tag value number', { tags: [['t', 1]] }],
      ['content number', { content: 7 }],
      ['content null', { content: null }],
      ['missing sig', { sig: undefined }],
      ['missing pubkey', { pubkey: undefined }],
    ];
    for (const [label, change] of broken) {
      const ok = await publish(c, { ...good, ...change });
      assert.equal(ok[2], false, label);
      assert.match(ok[3] as string, /^invalid: /, label);
    }
    // Extra keys are dropped: they are neither stored nor forwarded.
    const extra = signed(who, { content: 'with extras' });
    assert.deepEqual(await publish(c, { ...extra, ip: '203.0.113.7', relay: 'x'.repeat(10_000) }), [
      'OK',
      extra.id,
      true,
      '',
    ]);
    assert.deepEqual((await c.req('extra', { ids: [extra.id] })).events, [extra]);
    // The untouched event is still accepted: the refusals were about the changes alone.
    assert.deepEqual(await publish(c, good), ['OK', good.id, true, '']);
    await stillServes('bad hex');
    await leave(c);
  });

  test('bad signatures and altered content are refused and never stored', async () => {
    const c = await connect(node.url);
    const alice = keys();
    const bob = keys();
    const a = signed(alice, { content: 'alice speaks' });
    const b = signed(bob, { content: 'bob speaks' });
    const flip = (s: string) => s.slice(0, -1) + (s.endsWith('0') ? '1' : '0');
    // An event in alice's name carrying bob's signature, with an id that matches its content.
    const impostor = { ...a, pubkey: bob.pk, content: 'I am bob (not)' };
    impostor.id = computeEventId(impostor as NostrEvent);
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['flipped sig bit', { ...a, sig: flip(a.sig) }, /^invalid: .*signature/],
      ['zero sig', { ...a, sig: '0'.repeat(128) }, /^invalid: .*signature/],
      ['sig of another event', { ...a, sig: b.sig }, /^invalid: .*signature/],
      ['signed by another key', impostor, /^invalid: .*signature/],
      ['altered content', { ...a, content: 'alice says the opposite' }, /^invalid: .*id/],
      ['altered created_at', { ...a, created_at: a.created_at + 1 }, /^invalid: .*id/],
      ['altered tags', { ...a, tags: [['p', bob.pk]] }, /^invalid: .*id/],
    ];
    const ids = new Set<string>();
    for (const [label, ev, expected] of cases) {
      const ok = await publish(c, ev);
      assert.equal(ok[2], false, label);
      assert.match(ok[3] as string, expected, label);
      ids.add(ev.id as string);
    }
    const { events } = await c.req('forged', { ids: [...ids] }, { authors: [alice.pk, bob.pk] });
    assert.deepEqual(events, [], 'no forged or altered event was stored');
    await stillServes('bad signatures');
    await leave(c);
  });

  test('too many tags and oversize content are refused invalid:', async () => {
    const c = await connect(node.url);
    const who = keys();
    const manyTags = signed(who, { tags: Array.from({ length: 5000 }, (_, i) => ['t', `tag${i}`]) });
    let ok = await publish(c, manyTags);
    assert.deepEqual(ok.slice(0, 3), ['OK', manyTags.id, false]);
    assert.match(ok[3] as string, /^invalid: .*tags/);

    const atLimit = signed(who, { tags: Array.from({ length: 2000 }, (_, i) => ['t', `tag${i}`]) });
    assert.deepEqual(await publish(c, atLimit), ['OK', atLimit.id, true, '']);

    const big = signed(who, { content: 'x'.repeat(70_000) });
    ok = await publish(c, big);
    assert.deepEqual(ok.slice(0, 3), ['OK', big.id, false]);
    assert.match(ok[3] as string, /^invalid: .*content/);
    // 40,000 Persian letters are 80,000 bytes: the limit is in bytes, not characters.
    const persian = signed(who, { content: 'س'.repeat(40_000) });
    ok = await publish(c, persian);
    assert.deepEqual(ok.slice(0, 3), ['OK', persian.id, false]);
    assert.match(ok[3] as string, /^invalid: /);

    const { events } = await c.req('sizes', { authors: [who.pk] });
    assert.deepEqual(
      events.map((e) => e.id),
      [atLimit.id],
    );
    await stillServes('oversize events');
    await leave(c);
  });

  test('filter bombs are refused with CLOSED invalid: and hold nothing', async () => {
    const c = await connect(node.url);
    const manyIds = Array.from({ length: 5000 }, () => hex(32));
    assert.match(await refusedReq(c, 'ids', { ids: manyIds }), /^invalid: /);
    assert.match(await refusedReq(c, 'authors', { authors: manyIds }), /^invalid: /);
    assert.match(await refusedReq(c, 'tags', { '#e': manyIds }), /^invalid: /);
    assert.match(await refusedReq(c, 'kinds', { kinds: Array.from({ length: 5000 }, (_, i) => i) }), /^invalid: /);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ kinds: [i] }));
    assert.match(await refusedReq(c, 'filters', ...eleven), /^invalid: .*filters/);
    // The same bombs through COUNT.
    c.send(['COUNT', 'count-bomb', { ids: manyIds }]);
    const counted = await c.next((m) => m[1] === 'count-bomb');
    assert.equal(counted[0], 'CLOSED');
    assert.match(counted[2] as string, /^invalid: /);
    // Bad values inside a filter.
    const badFilters: object[] = [
      { ids: ['zz'] },
      { ids: ['abc'] },
      { authors: [hex(32).toUpperCase()] },
      { ids: 'not an array' },
      { kinds: ['1'] },
      { kinds: [-1] },
      { kinds: [70_000] },
      { limit: -1 },
      { limit: 'ten' },
      { since: 1.5 },
      { '#ee': ['x'] },
      { '#e': [1] },
      { search: 42 },
      { unknown: true },
    ];
    for (const [i, f] of badFilters.entries()) {
      assert.match(await refusedReq(c, `bad-${i}`, f), /^invalid: /, JSON.stringify(f));
    }
    assert.deepEqual(node.relay.stats(), {
      connections: baseline.connections + 1,
      subscriptions: baseline.subscriptions,
    });
    // A huge limit is clamped rather than refused.
    assert.deepEqual(await c.req('big-limit', { authors: [hex(32)], limit: 10 ** 12 }), { events: [] });
    await stillServes('filter bombs');
    await leave(c);
  });

  test('more than maxSubscriptions is refused with a prefix; CLOSE frees a slot', async () => {
    const c = await connect(node.url);
    for (let i = 0; i < 32; i++) assert.deepEqual(await c.req(`s${i}`, { ids: [hex(32)] }), { events: [] });
    assert.equal(node.relay.stats().subscriptions, baseline.subscriptions + 32);
    assert.match(await refusedReq(c, 's32', { kinds: [1] }), /^(rate-limited|restricted|blocked): /);
    // Replacing an existing id does not count as a new subscription (NIP-01).
    assert.deepEqual(await c.req('s0', { ids: [hex(32)] }), { events: [] });
    c.send(['CLOSE', 's1']);
    assert.deepEqual(await c.req('s32', { ids: [hex(32)] }), { events: [] });
    assert.equal(node.relay.stats().subscriptions, baseline.subscriptions + 32);
    await stillServes('too many subscriptions');
    await leave(c);
  });

  test('a frame over maxMessageBytes closes that connection with 1009; others are unaffected', async () => {
    const c = await connect(node.url);
    const ok = await c.req('held', { kinds: [1] });
    assert.deepEqual(ok.closed, undefined);
    const huge = signed(keys(), { content: 'x'.repeat(600 * 1024) });
    c.send(['EVENT', huge]);
    await waitFor(() => c.closed, 'the oversized sender to be disconnected');
    assert.equal(c.closeCode, 1009);
    await waitFor(
      () => JSON.stringify(node.relay.stats()) === JSON.stringify(baseline),
      'its subscription to be freed',
    );
    await stillServes('oversize frame');
    const { events } = await bystander.req('huge', { ids: [huge.id] });
    assert.deepEqual(events, []);
    bystander.send(['CLOSE', 'huge']);
  });

  test('binary frames get an invalid: NOTICE and do nothing', async () => {
    const c = await connect(node.url);
    const ev = signed(keys(), { content: 'sent as binary' });
    for (const payload of [JSON.stringify(['EVENT', ev]), JSON.stringify(['REQ', 'bin', {}]), '\xff\xfe']) {
      c.ws.send(Buffer.from(payload, 'latin1'), { binary: true });
      const m = await c.next((x) => x[0] === 'NOTICE');
      assert.match(m[1] as string, /^invalid: .*binary/);
    }
    c.ws.send(randomBytes(4096), { binary: true });
    assert.match((await c.next((x) => x[0] === 'NOTICE'))[1] as string, /^invalid: /);
    assert.equal(node.relay.stats().subscriptions, baseline.subscriptions);
    // The same connection still speaks text.
    assert.deepEqual(await c.req('text', { ids: [ev.id] }), { events: [] });
    await stillServes('binary frames');
    await leave(c);
  });

  test('fuzz: 300 mutated messages all get well-formed answers and the node stays up', async () => {
    const c = await connect(node.url);
    // Seeded, so a failing fuzz case can be replayed.
    const random = seededRandom(20090613);
    const rand = (n: number) => Math.floor(random() * n);
    const who = keys();
    const seeds = [
      JSON.stringify(['EVENT', signed(who, { content: 'fuzz', tags: [['t', 'iran']] })]),
      JSON.stringify(['REQ', 'fz', { kinds: [1], authors: [who.pk], limit: 5 }, { '#t': ['iran'] }]),
      JSON.stringify(['COUNT', 'fc', { ids: [hex(32)] }]),
      JSON.stringify(['CLOSE', 'fz']),
    ];
    const alphabet = '[]{}",:0123456789abcdefxyz\\ -.eEtnul\u0000\u200c\u{1F600}';
    for (let i = 0; i < 300; i++) {
      const chars = [...seeds[rand(seeds.length)]!];
      for (let k = 1 + rand(4); k > 0; k--) {
        const at = rand(chars.length + 1);
        const op = rand(3);
        const ch = [...alphabet][rand([...alphabet].length)]!;
        if (op === 0) chars.splice(at, 1);
        else if (op === 1) chars.splice(at, 0, ch);
        else chars[at] = ch;
      }
      c.send(chars.join(''));
    }
    const probe = hex(32);
    // The valid REQs and COUNTs among the mutants may still hold the connection's query slots
    // (maxConnectionQueries): the probe waits its turn, as any client told rate-limited: would.
    let answer = await c.req('probe', { ids: [probe] });
    for (let i = 0; i < 50 && answer.closed?.startsWith('rate-limited:'); i++) {
      await sleep(100);
      answer = await c.req('probe', { ids: [probe] });
    }
    assert.deepEqual(answer, { events: [] });
    // Every answer is a NIP-01 relay message; every refusal carries a prefix.
    for (const m of c.received) {
      assert.ok(
        ['NOTICE', 'OK', 'CLOSED', 'EOSE', 'EVENT', 'COUNT', 'AUTH'].includes(m[0] as string),
        JSON.stringify(m).slice(0, 100),
      );
      if (m[0] === 'NOTICE') assert.match(m[1] as string, PREFIX);
      if (m[0] === 'CLOSED') assert.match(m[2] as string, PREFIX);
      if (m[0] === 'OK' && m[2] === false) assert.match(m[3] as string, PREFIX);
    }
    await stillServes('fuzz');
    await leave(c);
  });

  test('no answer ever echoes an IP address', () => {
    assert.ok(allFrames.length > 100, `checked ${allFrames.length} frames`);
    for (const f of allFrames) {
      assert.doesNotMatch(f, /\b(?:\d{1,3}\.){3}\d{1,3}\b/, f.slice(0, 200));
      assert.doesNotMatch(f, /::ffff:|::1\b|localhost/i, f.slice(0, 200));
    }
  });
});

describe('abuse: a flood over the connection token bucket', () => {
  let node: TestNode;
  before(async () => {
    node = await startTestNode({ connectionBurst: 20, connectionMessagesPerSecond: 5 });
  });
  after(() => node.stop());

  test("excess messages get rate-limited: answers in their verb's form; CLOSE still works; others unaffected", async () => {
    const flooder = await connect(node.url);
    const other = await connect(node.url);
    assert.deepEqual(await flooder.req('keep', { kinds: [1] }), { events: [] });
    const who = keys();
    const events = Array.from({ length: 200 }, (_, i) => signed(who, { content: `flood ${i}` }));
    for (const ev of events) flooder.send(['EVENT', ev]);
    const answers = new Map<string, unknown[]>();
    for (const ev of events) answers.set(ev.id, await flooder.ok(ev.id));
    const accepted = events.filter((ev) => answers.get(ev.id)![2] === true);
    const limited = events.filter((ev) => answers.get(ev.id)![2] === false);
    for (const ev of limited) assert.match(answers.get(ev.id)![3] as string, /^rate-limited: /);
    assert.ok(limited.length >= 150, `${limited.length} of 200 were rate limited`);
    assert.ok(accepted.length >= 15 && accepted.length <= 50, `${accepted.length} accepted`);

    // Still drained: a REQ and a COUNT are refused in their own form.
    for (let i = 0; i < 30; i++) flooder.send(['COUNT', `c${i}`, { kinds: [1] }]);
    const refusals = [];
    for (let i = 0; i < 30; i++) refusals.push(await flooder.next((m) => m[1] === `c${i}`));
    assert.ok(refusals.some((m) => m[0] === 'CLOSED' && /^rate-limited: /.test(m[2] as string)));
    // CLOSE is never rate limited: the subscription is freed.
    flooder.send(['CLOSE', 'keep']);
    await waitFor(() => node.relay.stats().subscriptions === 0, 'CLOSE to free the subscription while drained');

    // Another connection has its own bucket and is served at once.
    const mine = signed(keys(), { content: 'unaffected' });
    other.send(['EVENT', mine]);
    assert.deepEqual(await other.ok(mine.id), ['OK', mine.id, true, '']);
    // Rate-limited events were not stored; accepted ones were.
    const stored = await other.req('flood', { authors: [who.pk], limit: 500 });
    assert.deepEqual(new Set(stored.events.map((e) => e.id)), new Set(accepted.map((e) => e.id)));

    // The bucket refills: after a pause the flooder may publish again.
    await sleep(1000);
    const later = signed(who, { content: 'after a pause' });
    flooder.send(['EVENT', later]);
    assert.deepEqual(await flooder.ok(later.id), ['OK', later.id, true, '']);

    await flooder.close();
    await other.close();
    await waitFor(
      () => node.relay.stats().connections === 0 && node.relay.stats().subscriptions === 0,
      'resources freed',
    );
  });

  for (const [label, sendJunk] of [
    ['malformed text', (c: RawClient) => c.send('{not json')],
    ['binary', (c: RawClient) => c.ws.send(randomBytes(64), { binary: true })],
  ] as const) {
    test(`a flood of ${label} frames takes tokens too: it is answered rate-limited: and drains the bucket`, async () => {
      const c = await connect(node.url);
      for (let i = 0; i < 100; i++) sendJunk(c);
      // Every message but CLOSE takes a token (docs/architecture.md), garbage included.
      assert.match(await refusedReq(c, 'after-junk', { kinds: [1] }), /^rate-limited: /);
      const notices = c.received.filter((m) => m[0] === 'NOTICE').map((m) => m[1] as string);
      assert.ok(notices.length <= 100);
      assert.ok(
        notices.some((n) => n.startsWith('rate-limited: ')),
        'junk past the burst is told to slow down',
      );
      for (const n of notices) assert.match(n, /^(invalid|rate-limited): /);
      await c.close();
      await waitFor(() => node.relay.stats().connections === 0, 'the connection to be freed');
    });
  }
});

describe('abuse: a client that never reads', () => {
  let node: TestNode;
  before(async () => {
    node = await startTestNode({
      // Counted when a frame is queued: a burst of ten 60 KB events (one write round) must fit.
      maxOutboundBytes: 1024 * 1024,
      connectionBurst: 100_000,
      connectionMessagesPerSecond: 100_000,
      pubkeyBurst: 100_000,
      pubkeyEventsPerMinute: 1_000_000,
    });
  });
  after(() => node.stop());

  test('is disconnected once its backlog passes maxOutboundBytes; its subscriptions are freed; others keep receiving', async () => {
    const reader = await connect(node.url);
    const watcher = await connect(node.url);
    const publisher = await connect(node.url);
    const kind = 20_001; // ephemeral: fanned out, never stored, so the test writes nothing to disk
    assert.deepEqual(await reader.req('all', { kinds: [kind] }), { events: [] });
    assert.deepEqual(await reader.req('all2', {}), { events: [] });
    assert.deepEqual(await watcher.req('watch', { kinds: [kind] }), { events: [] });
    assert.deepEqual(node.relay.stats(), { connections: 3, subscriptions: 3 });
    let watched = 0;
    watcher.ws.on('message', (d) => {
      if (d.toString().startsWith('["EVENT","watch"')) watched++;
    });
    // Stop reading: the kernel buffers fill, then the server's send queue grows.
    (reader.ws as unknown as { _socket: { pause(): void } })._socket.pause();

    const who = keys();
    const content = 'x'.repeat(60_000);
    let published = 0;
    // Localhost socket buffers can hold several megabytes before the backlog shows in the server.
    while (node.relay.stats().connections === 3 && published < 1000) {
      const batch = Array.from({ length: 10 }, (_, i) => signed(who, { kind, content: `${published + i} ${content}` }));
      for (const ev of batch) publisher.send(['EVENT', ev]);
      for (const ev of batch) assert.equal((await publisher.ok(ev.id))[2], true);
      published += batch.length;
    }
    assert.equal(
      watcher.closed || publisher.closed,
      false,
      `only the slow reader is dropped (after ${published} events)`,
    );
    assert.equal(node.relay.stats().connections, 2, `the slow reader was dropped after ${published} events`);
    assert.equal(node.relay.stats().subscriptions, 1, "the slow reader's subscriptions were freed");
    await waitFor(() => watched === published, `the watcher to receive all ${published} events (got ${watched})`, {
      timeoutMs: 10_000,
    });

    // The node still serves new subscribers and publishers.
    const late = await connect(node.url);
    assert.deepEqual(await late.req('late', { kinds: [kind] }), { events: [] });
    const ev = signed(keys(), { kind, content: 'after the slow reader' });
    publisher.send(['EVENT', ev]);
    assert.equal((await publisher.ok(ev.id))[2], true);
    const got = await late.next((m) => m[0] === 'EVENT' && m[1] === 'late');
    assert.equal((got[2] as NostrEvent).id, ev.id);

    reader.ws.terminate();
    await Promise.all([watcher.close(), publisher.close(), late.close()]);
    await waitFor(
      () => node.relay.stats().connections === 0 && node.relay.stats().subscriptions === 0,
      'resources freed',
    );
  });
});
