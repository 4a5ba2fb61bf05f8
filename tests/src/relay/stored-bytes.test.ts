import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RawClient, keys, signed } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';

/*
 * Stored events reach the client as the bytes the reader threads packed: small ones copied into
 * the connection's output buffer, large ones (8 KB and more) written from their own buffer, in
 * between the frames around them. Every size of WebSocket length field, and non-ASCII text.
 */
describe('stored events arrive whole and in order, whatever their size', () => {
  const suite = nodeSuite({ node: { readThreads: 1 } });

  test('tiny, 10 KB, 64 KB and Persian events in one answer, then EOSE', async () => {
    const who = keys();
    const c = await RawClient.connect(suite.node.url);
    const contents = ['hi', 'a'.repeat(10_000), 'b'.repeat(65_500), `خبر ${'ی'.repeat(20_000)} ✓`, 'c'.repeat(120)];
    const published = [];
    for (const [i, content] of contents.entries()) {
      const e = signed(who, { kind: 1, content, tags: [['t', 'sizes']], created_at: 1_700_000_000 + i });
      c.send(['EVENT', e]);
      await c.next((m) => m[0] === 'OK' && m[1] === e.id && m[2] === true);
      published.push(e);
    }
    // Twice on one connection at once: the two answers' frames interleave chunk by chunk.
    const [a, b] = await Promise.all([c.req('a', { '#t': ['sizes'] }), c.req('b', { '#t': ['sizes'] })]);
    const newestFirst = [...published].reverse();
    assert.deepEqual(a.events, newestFirst);
    assert.deepEqual(b.events, newestFirst);
    await c.close();
  });
});
