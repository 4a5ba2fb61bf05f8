import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { noteEncode, npubEncode } from 'nostr-tools/nip19';
import { keys, signed } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { buildClaim } from '@lifeline/verify-desk';

// The desk's claim badge on posts in the pages without JavaScript, as on the live-blog pages.
describe('pages without JavaScript show the desk claim badge', () => {
  const curator = keys();
  const env = nodeSuite({ client: true, node: { desk: npubEncode(curator.pk) } });

  test('a post with a claim opened by a desk member carries its badge, in English and Persian', async () => {
    const witness = keys();
    const T = Math.floor(Date.now() / 1000) - 600;
    const post = signed(witness, { created_at: T, content: 'Police in green scarves at Vanak' });
    assert.equal((await env.client.publish(post))[2], true);
    const path = `/e/${noteEncode(post.id)}`;
    const before = await fetch(env.node.httpUrl + path);
    const etag = before.headers.get('etag')!;
    assert.doesNotMatch(await before.text(), /claim-state/);
    const claim = signed(curator, {
      ...buildClaim({ target: post.id, text: 'Green scarves', lang: 'en' }),
      created_at: T + 1,
    });
    assert.equal((await env.client.publish(claim))[2], true);
    await env.node.deskBook.settled();
    const after = await fetch(env.node.httpUrl + path, { headers: { 'if-none-match': etag } });
    assert.equal(after.status, 200, 'the badge changes the page, so the old ETag no longer matches');
    assert.match(
      await after.text(),
      new RegExp(
        `class="claim-state state-unstarted" role="note"><a href="/#/claim/${claim.id}"><span dir="auto">Confirmed by 1 independent source — needs 2 more</span>`,
      ),
    );
    const fa = await (await fetch(`${env.node.httpUrl}/p/${npubEncode(witness.pk)}?lang=fa`)).text();
    assert.ok(fa.includes('تأییدشده با ۱ منبع مستقل — ۲ منبع دیگر لازم است'));
  });
});
