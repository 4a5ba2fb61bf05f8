import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { blogPath, buildBlog, buildEntry, buildEntryDeletion, parseBlog } from '@lifeline/liveblog';
import { keys, RawClient, signed, waitFor } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';
import { sharedPostgres } from '@lifeline/testkit/postgres';
import { webDir } from '../web-dir.js';

// In-memory views across processes: two nodes on one real PostgreSQL database. A live-blog page
// cached on A is dropped when an entry commits through B (relay.onStored fires for B's commits
// on A too), so A's next fetch shows it.

const T = Math.floor(Date.now() / 1000) - 3600;
const nodes: TestNode[] = [];
after(async () => {
  for (const n of nodes) await n.stop();
});

test("an entry posted through B shows on A's cached live-blog page at the next fetch, and its deletion too", async () => {
  const databaseUrl = await (await sharedPostgres()).createDatabase('caches');
  const a = await startTestNode({ databaseUrl, webDir });
  const b = await startTestNode({ databaseUrl, webDir });
  nodes.push(a, b);
  const host = keys();
  const blogEvent = signed(host, buildBlog({ d: 'scale-out', title: 'Across processes', timeZone: 'UTC' }, T));
  const blog = parseBlog(blogEvent);
  const onB = await RawClient.connect(b.url);
  try {
    const publish = async (e: { id: string }) => assert.equal((await onB.publish(e))[2], true);
    await publish(blogEvent);
    await publish(signed(host, buildEntry(blog, { headline: 'First from B', body: 'one' }, T + 60)));
    const page = () => fetch(a.httpUrl + blogPath(host.pk, blog.d)).then((r) => r.text());
    // A resolves the blog once and caches the view.
    await waitFor(async () => (await page()).includes('First from B'), 'the first entry on A');
    const cached = await page();
    assert.equal(await page(), cached, 'A serves its cached page');
    const second = signed(host, buildEntry(blog, { headline: 'Second from B', body: 'two' }, T + 120));
    await publish(second);
    // The feed reaches A within milliseconds (NOTIFY); at most its 2 s poll.
    await waitFor(async () => (await page()).includes('Second from B'), "the new entry on A's page", {
      timeoutMs: 3000,
    });
    await publish(signed(host, buildEntryDeletion([second.id], T + 180)));
    await waitFor(async () => !(await page()).includes('Second from B'), "the deleted entry gone from A's page", {
      timeoutMs: 3000,
    });
  } finally {
    await onB.close();
  }
});
