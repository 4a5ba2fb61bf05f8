import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keys, signed } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { webDir } from '../web-dir.js';
import { AppUser } from './app-user.js';

// Posts from other Nostr clients tagged with Arabic letters, ZWNJ or Arabic-Indic digits show on
// the web app's hashtag page for the Persian spelling (the relay folds `#t`, docs/protocol.md).
const env = nodeSuite({ client: true, browser: true, node: { webDir } });

test('the web app hashtag page shows every spelling of the tag', async () => {
  const other = keys();
  const posts = [
    { tag: 'كتاب', text: 'A post from another client about a book', route: 'کتاب' },
    { tag: 'مي\u200cخواهيم', text: 'Another client, a ZWNJ in the tag', route: 'میخواهیم' },
    { tag: '١٨تير', text: 'Another client, Arabic-Indic digits', route: '18تیر' },
  ];
  for (const p of posts) {
    const ok = await env.client.publish(signed(other, { content: p.text, tags: [['t', p.tag]] }));
    assert.equal(ok[2], true);
  }
  const user = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await user.justRead();
  for (const p of posts) {
    await user.go(`#/t/${encodeURIComponent(p.route)}`);
    await user.page.getByText(p.text).waitFor();
    for (const q of posts) if (q !== p) assert.equal(await user.page.getByText(q.text).count(), 0);
  }
});
