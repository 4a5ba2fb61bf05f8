import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { keys, RawClient, signed } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';

// Hashtags are one tag however they were typed (docs/protocol.md, "Hashtags"): a `#t` REQ
// finds every spelling, from the store and live, over a real WebSocket.
describe('#t folds hashtag spellings on the relay', () => {
  let node: TestNode;
  before(async () => {
    node = await startTestNode();
  });
  after(() => node.stop());

  const spellings = [
    ['كتاب', 'کتاب'],
    ['مي\u200cخواهيم', 'میخواهیم'],
    ['١٨تير', '18تیر'],
    ['#IranElection', 'iranelection'],
  ] as const;

  test('stored events: a REQ for the Persian spelling finds the Arabic one, and back', async () => {
    const writer = await RawClient.connect(node.url);
    const reader = await RawClient.connect(node.url);
    try {
      const alice = keys();
      for (const [typed, asked] of spellings) {
        const ev = signed(alice, { content: `tagged ${typed}`, tags: [['t', typed]] });
        assert.equal((await writer.publish(ev))[2], true);
        const { events } = await reader.req('s', { authors: [alice.pk], '#t': [asked] });
        assert.deepEqual(
          events.map((e) => e.id),
          [ev.id],
          `#t ${asked} finds ${typed}`,
        );
        const back = await reader.req('b', { authors: [alice.pk], '#t': [typed] });
        assert.deepEqual(
          back.events.map((e) => e.id),
          [ev.id],
        );
      }
      // Other tags stay exact: a `d`-like letter with the Arabic spelling is not folded.
      const exact = signed(alice, { content: 'x', tags: [['r', 'كتاب']] });
      await writer.publish(exact);
      assert.deepEqual((await reader.req('r', { '#r': ['کتاب'] })).events, []);
      assert.deepEqual(
        (await reader.req('r2', { '#r': ['كتاب'] })).events.map((e) => e.id),
        [exact.id],
      );
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  test('live events: a subscription for کتاب receives a post tagged كتاب as it arrives', async () => {
    const writer = await RawClient.connect(node.url);
    const reader = await RawClient.connect(node.url);
    try {
      const bob = keys();
      const { events } = await reader.req('live', { authors: [bob.pk], '#t': ['کتاب', '18تیر'] });
      assert.deepEqual(events, []);
      const other = signed(bob, { content: 'not this one', tags: [['t', 'کتابخانه']] });
      const arabic = signed(bob, { content: 'book', tags: [['t', 'كتاب']] });
      const digits = signed(bob, { content: 'date', tags: [['t', '۱۸تير']] });
      for (const e of [other, arabic, digits]) await writer.publish(e);
      const got: string[] = [];
      for (let i = 0; i < 2; i++) {
        const m = await reader.next((m) => m[0] === 'EVENT' && m[1] === 'live');
        got.push((m[2] as { id: string }).id);
      }
      assert.deepEqual(got, [arabic.id, digits.id]);
      await assert.rejects(
        reader.next((m) => m[0] === 'EVENT' && m[1] === 'live', 300),
        'nothing else arrives',
      );
    } finally {
      await writer.close();
      await reader.close();
    }
  });
});
