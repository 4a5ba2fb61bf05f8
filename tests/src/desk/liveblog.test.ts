import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { npubEncode } from 'nostr-tools/nip19';
import { blogPath, buildBlog, buildEntry, parseBlog } from '@lifeline/liveblog';
import type { NostrEvent } from '@lifeline/nostr';
import { keys, signed } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { buildClaim, buildSource, buildState } from '@lifeline/verify-desk';
import { webDir } from '../web-dir.js';

const T = Math.floor(Date.now() / 1000) - 3600;

describe("the no-JavaScript live-blog page and feeds show an entry's claim state", () => {
  const curator = keys();
  const env = nodeSuite({ client: true, node: { webDir, desk: npubEncode(curator.pk) } });
  let t = T;
  const ok = async (ev: NostrEvent) => {
    const r = await env.client.publish(ev);
    assert.equal(r[2], true, String(r[3]));
    return ev;
  };
  const page = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(env.node.httpUrl + path, { headers });
    return { status: res.status, text: await res.text(), etag: res.headers.get('etag') ?? '' };
  };

  for (const lang of ['en', 'fa'] as const) {
    test(`${lang}: needs 2 more, then Confirmed, on the page, the permalink and both feeds`, async () => {
      const blog = parseBlog(
        await ok(
          signed(
            curator,
            buildBlog({ d: `tehran-${lang}`, title: 'Tehran, live', lang, timeZone: 'Asia/Tehran' }, ++t),
          ),
        ),
      );
      const entry = await ok(
        signed(
          curator,
          buildEntry(
            blog,
            {
              headline: 'Green scarves at Vanak',
              body: 'Police wearing green scarves near Vanak square, beating people',
            },
            ++t,
          ),
        ),
      );
      const path = blogPath(curator.pk, blog.d);
      const before = await page(path);
      assert.doesNotMatch(before.text, /claim-state/);
      const claim = await ok(
        signed(curator, {
          ...buildClaim({ target: entry.id, text: 'Police in green scarves', lang }),
          created_at: ++t,
        }),
      );
      const needs =
        lang === 'en'
          ? 'Confirmed by 1 independent source — needs 2 more'
          : 'تأییدشده با ۱ منبع مستقل — ۲ منبع دیگر لازم است';
      await env.node.deskBook.settled();
      const first = await page(path);
      assert.match(
        first.text,
        new RegExp(
          `class="claim-state state-unstarted"[^>]*><a href="/#/claim/${claim.id}"><span dir="auto">${needs}</span>`,
        ),
      );
      assert.notEqual(first.etag, before.etag);
      assert.equal((await page(path, { 'if-none-match': first.etag })).status, 304);

      for (const text of [
        'Saw riot police with green scarves at Vanak, they attacked the crowd',
        'من در ونک بودم، مأموران شال سبز بسته بودند و با باتوم حمله کردند',
      ]) {
        const witness = await ok(signed(keys(), { content: text, created_at: ++t }));
        await ok(
          signed(curator, { ...buildSource({ claim: claim.id, event: witness.id, kind: 'primary' }), created_at: ++t }),
        );
      }
      await env.node.deskBook.settled();
      await ok(
        signed(curator, {
          ...buildState({ claim: claim.id, state: 'confirmed', reason: 'three witnesses' }),
          created_at: ++t,
        }),
      );
      const done = lang === 'en' ? 'Confirmed · 3 independent sources' : 'تأیید شد · ۳ منبع مستقل';
      assert.match((await page(path)).text, new RegExp(`state-confirmed[^>]*>.*${done}`));
      assert.match((await page(`${path}/entry/${entry.id}`)).text, new RegExp(done));
      assert.match((await page(`${path}/feed.atom`)).text, new RegExp(`&lt;strong&gt;${done}`));
      const feed = JSON.parse((await page(`${path}/feed.json`)).text) as {
        items: { id: string; _lifeline_claim?: object }[];
      };
      assert.deepEqual(feed.items.find((i) => i.id === entry.id)?._lifeline_claim, { state: 'confirmed', text: done });
    });
  }
});
