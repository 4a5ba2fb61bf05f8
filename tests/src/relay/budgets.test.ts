import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NeverReadingSocket, RawClient, keys, signed, waitFor } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';

/* Work budgets per connection (issue 10): what a client sees when it asks for too much. */

describe('budgets: each connection pays for the work it asks for', () => {
  let node: TestNode;
  before(async () => {
    node = await startTestNode({
      maxConnectionQueries: 3,
      connectionQueryBurst: 100,
      connectionQueryCostPerSecond: 10,
    });
    // Enough stored events that a query takes several chunks.
    const c = await RawClient.connect(node.url);
    const who = keys();
    for (let i = 0; i < 60; i++) {
      const e = signed(who, {
        kind: 1,
        content: `${i} ${'y'.repeat(20_000)}`,
        tags: [['t', 'big']],
        created_at: 1_700_000_000 + i,
      });
      c.send(['EVENT', e]);
      await c.next((m) => m[0] === 'OK' && m[1] === e.id);
    }
    await c.close();
  });
  after(() => node.stop());

  const readStats = () => (node.store as unknown as { readStats(): { queued: number; running: number } }).readStats();

  test('a query that costs more than a whole budget is refused with invalid:, and says why', async () => {
    const c = await RawClient.connect(node.url);
    // Ten filters of limit 500 with a 12-word search: 10 x (1 + 5 + 12) = 180 units, the budget holds 100.
    const r = await c.req(
      'dear',
      ...Array.from({ length: 10 }, () => ({ search: 'a b c d e f g h i j k l', limit: 500 })),
    );
    assert.match(r.closed ?? '', /^invalid: this query asks for too much work \(cost 180, max 100\)/);
    await c.close();
  });

  test('the budget refills over time: spent, refused with rate-limited:, then served again', async () => {
    const c = await RawClient.connect(node.url);
    const expensive = Array.from({ length: 9 }, () => ({ '#t': ['big'], limit: 500 })); // cost 54
    assert.equal((await c.req('a', ...expensive)).closed, undefined);
    const refused = await c.req('b', ...expensive);
    assert.match(refused.closed ?? '', /^rate-limited: too much work requested/);
    assert.equal((await c.req('cheap', { kinds: [1], limit: 1 })).events.length, 1, 'a small query still fits');
    await new Promise((r) => setTimeout(r, 5500)); // 10 units a second
    assert.equal((await c.req('c', ...expensive)).closed, undefined);
    await c.close();
  });

  test('queries in progress are capped per connection; a client that never reads cannot queue more', async () => {
    const s = await NeverReadingSocket.open(node.url);
    for (let i = 0; i < 6; i++) s.send(['REQ', `q${i}`, { '#t': ['big'], limit: 60 }]);
    // Three are admitted (and held back by the unread backlog); the other three were refused at once.
    await waitFor(() => node.relay.stats().subscriptions === 3, 'three subscriptions');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(node.relay.stats().subscriptions, 3);
    // And only one of them reads at a time, each waiting for the client to read what it was sent.
    assert.ok(readStats().running + readStats().queued <= 1, JSON.stringify(readStats()));
    s.destroy();
    // Dropping the connection cancels its queries, queued and running, and frees its subscriptions.
    await waitFor(
      () => node.relay.stats().connections === 0 && node.relay.stats().subscriptions === 0,
      'connection freed',
    );
    await waitFor(() => readStats().running === 0 && readStats().queued === 0, 'queries cancelled');
  });

  test('CLOSE during a stored query ends it: no EOSE, no more events', async () => {
    const c = await RawClient.connect(node.url);
    c.send(['REQ', 'x', { '#t': ['big'], limit: 60 }]);
    c.send(['CLOSE', 'x']);
    c.send(['REQ', 'after', { kinds: [1], limit: 1 }]);
    await c.next((m) => m[0] === 'EOSE' && m[1] === 'after');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(
      c.received.some((m) => m[0] === 'EOSE' && m[1] === 'x'),
      false,
    );
    await c.close();
  });

  test('search length and word count are bounded, with invalid:', async () => {
    const c = await RawClient.connect(node.url);
    assert.match(
      (await c.req('long', { search: 'x'.repeat(300) })).closed ?? '',
      /^invalid: search is too long \(max 256/,
    );
    const words = Array.from({ length: 13 }, (_, i) => `w${i}`).join(' ');
    assert.match(
      (await c.req('words', { search: words })).closed ?? '',
      /^invalid: search has too many words \(13, max 12\)/,
    );
    await c.close();
  });

  test('NIP-11 advertises the limits', async () => {
    const res = await fetch(node.url.replace('ws:', 'http:'), { headers: { accept: 'application/nostr+json' } });
    const { limitation } = (await res.json()) as { limitation: Record<string, number> };
    assert.equal(limitation.max_concurrent_queries, 3);
    assert.equal(limitation.query_cost_burst, 100);
    assert.equal(limitation.query_cost_per_second, 10);
    assert.equal(limitation.max_search_terms, 12);
    assert.equal(limitation.max_search_length, 256);
  });
});

describe('shutdown while a client never reads', () => {
  test('a stored query waiting for the client does not hold the node open', async () => {
    const node = await startTestNode();
    const c = await RawClient.connect(node.url);
    const who = keys();
    for (let i = 0; i < 60; i++) {
      const e = signed(who, { kind: 1, content: `${i} ${'z'.repeat(60_000)}`, tags: [['t', 'stall']] });
      c.send(['EVENT', e]);
      await c.next((m) => m[0] === 'OK' && m[1] === e.id);
    }
    await c.close();
    const s = await NeverReadingSocket.open(node.url);
    for (let i = 0; i < 5; i++) s.send(['REQ', `r${i}`, { '#t': ['stall'], limit: 60 }]);
    await waitFor(() => node.relay.stats().subscriptions === 5, 'five stalled subscriptions');
    await new Promise((r) => setTimeout(r, 500));
    const started = Date.now();
    await node.stop();
    assert.ok(Date.now() - started < 5000, `stopped in ${Date.now() - started} ms`);
    s.destroy();
  });
});
