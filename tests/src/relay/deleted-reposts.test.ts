import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { keys, RawClient, signed, sleep } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';

// Issue 15, "Safety first": a deletion must reach the copies the node serves. Reposts (kinds 6
// and 16) of an event its author deleted are withheld, whether they came before or after the
// deletion; quotes stay (their text is the quoter's own).
describe('NIP-09 reaches reposts over a real WebSocket', () => {
  let node: TestNode;
  before(async () => {
    node = await startTestNode();
  });
  after(() => node.stop());

  test('reposts stop being served once the author deletes; later reposts are refused and never delivered live', async () => {
    const author = keys();
    const fan = keys();
    const late = keys();
    const [a, b, watcher] = await Promise.all([1, 2, 3].map(() => RawClient.connect(node.url)));
    try {
      const note = signed(author, { content: 'a post I will regret' });
      const keep = signed(author, { content: 'a post I keep' });
      const repostOf = (who: typeof fan, target: typeof note, kind = 6) =>
        signed(who, {
          kind,
          tags: [['e', target.id, node.url], ['p', target.pubkey], ...(kind === 16 ? [['k', '1']] : [])],
          content: kind === 6 ? JSON.stringify(target) : '',
        });
      const early = repostOf(fan, note);
      const generic = repostOf(fan, note, 16);
      const quote = signed(fan, { tags: [['q', note.id]], content: 'my own words about it' });
      for (const e of [note, keep, early, generic, quote]) assert.equal((await a.publish(e))[2], true);
      assert.equal((await b.req('before', { kinds: [6, 16], '#e': [note.id] })).events.length, 2);

      // The watcher follows reposts live from here on.
      watcher.send(['REQ', 'live', { kinds: [6, 16], since: Math.floor(Date.now() / 1000) - 60 }]);
      await watcher.next((m) => m[0] === 'EOSE' && m[1] === 'live');

      const request = signed(author, { kind: 5, tags: [['e', note.id]] });
      assert.equal((await a.publish(request))[2], true);

      const served = await b.req('after', { kinds: [1, 6, 16], authors: [fan.pk] });
      assert.deepEqual(
        served.events.map((e) => e.id),
        [quote.id],
        'the reposts are withheld; the quote stays',
      );
      // The signed reposts are withheld, not altered: asked for by id, they are simply absent.
      assert.equal((await b.req('ids', { ids: [early.id, generic.id] })).events.length, 0);

      // A repost that arrives after the deletion is refused, and the live subscriber never gets it.
      const tooLate = repostOf(late, note);
      const tooLateGeneric = repostOf(late, note, 16);
      const fine = repostOf(late, keep);
      const refused = await b.publish(tooLate);
      assert.equal(refused[2], false);
      assert.match(refused[3] as string, /^blocked:/);
      assert.equal((await b.publish(tooLateGeneric))[2], false);
      assert.equal((await b.publish(fine))[2], true);
      const delivered = await watcher.next(
        (m) => m[0] === 'EVENT' && m[1] === 'live' && (m[2] as { id: string }).id === fine.id,
      );
      assert.ok(delivered);
      await sleep(200);
      const leaked = watcher.received.filter(
        (m) => m[0] === 'EVENT' && [tooLate.id, tooLateGeneric.id].includes((m[2] as { id: string }).id),
      );
      assert.deepEqual(leaked, [], 'no repost of the deleted note reached the live subscription');
      // Another author cannot withhold someone else's reposts by "deleting" the id.
      const mallory = keys();
      assert.equal((await a.publish(signed(mallory, { kind: 5, tags: [['e', keep.id]] })))[2], true);
      assert.deepEqual(
        (await b.req('kept', { ids: [fine.id] })).events.map((e) => e.id),
        [fine.id],
      );
    } finally {
      await Promise.all([a.close(), b.close(), watcher.close()]);
    }
  });
});
