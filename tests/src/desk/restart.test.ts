import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { npubEncode } from 'nostr-tools/nip19';
import { DESK_LIST_KIND, REPORT_KIND } from '@lifeline/nostr';
import { keys, signed } from '@lifeline/testkit';
import { startTestNode } from '@lifeline/testkit/node';
import { buildClaim, buildSource, buildState } from '@lifeline/verify-desk';

test('a restarted node reads its claims, sources, states and reports back from storage', async () => {
  const owner = keys();
  let t = Math.floor(Date.now() / 1000) - 600;
  const node = await startTestNode({ desk: npubEncode(owner.pk) });
  const dir = node.dataDir;
  try {
    const add = async (e: Parameters<typeof node.relay.addEvent>[0]) => {
      const r = await node.relay.addEvent(e, { source: 'ws' });
      assert.equal(r.ok, true, r.message);
    };
    await add(
      signed(owner, {
        kind: DESK_LIST_KIND,
        created_at: ++t,
        tags: [
          ['d', 'lifeline-desk'],
          ['min-sources', '2'],
        ],
      }),
    );
    await node.desk.settled();
    const a = signed(keys(), { content: 'Tear gas fired at Enghelab square, people running', created_at: ++t });
    const b = signed(keys(), {
      content: 'I am at Enghelab: my eyes burn, they used gas on the crowd',
      created_at: ++t,
    });
    await add(a);
    await add(b);
    const claim = signed(owner, {
      ...buildClaim({ target: a.id, text: 'Tear gas at Enghelab', lang: 'en' }),
      created_at: ++t,
    });
    await add(claim);
    await add(signed(owner, { ...buildSource({ claim: claim.id, event: b.id, kind: 'primary' }), created_at: ++t }));
    await node.deskBook.settled();
    await add(
      signed(owner, {
        ...buildState({ claim: claim.id, state: 'confirmed', reason: 'two witnesses' }),
        created_at: ++t,
      }),
    );
    await add(signed(keys(), { kind: REPORT_KIND, created_at: ++t, tags: [['p', a.pubkey, 'spam']], content: 'spam' }));
    await node.close();

    const again = await startTestNode({ desk: npubEncode(owner.pk), data: dir });
    try {
      const res = await fetch(`${again.httpUrl}/api/desk/claims/${claim.id}`, {
        headers: { accept: 'application/json' },
      });
      const body = (await res.json()) as {
        claim: { state: string; rule: { independent: number } };
        events: Record<string, { content: string }>;
      };
      assert.equal(body.claim.state, 'confirmed');
      assert.equal(body.claim.rule.independent, 2);
      assert.equal(body.events[b.id]?.content, b.content);
      const queue = (await (await fetch(`${again.httpUrl}/api/desk/queue`)).json()) as { reports: unknown[] };
      assert.equal(queue.reports.length, 1);
    } finally {
      await again.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
