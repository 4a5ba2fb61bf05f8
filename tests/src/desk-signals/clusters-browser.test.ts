import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, npubEncode } from 'nostr-tools/nip19';
import { DESK_LIST_KIND } from '@lifeline/nostr';
import { keys, signed, waitFor } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { AppUser } from '../web/app-user.js';
import { webDir } from '../web-dir.js';

/*
 * A desk member sees a coordinated cluster on the desk page — ten accounts posting one Persian
 * message with letter variants within a minute — and labels all ten accounts with one NIP-32 event.
 */

const owner = keys();
const env = nodeSuite({ browser: true, client: true, node: { webDir, desk: npubEncode(owner.pk) } });
const TEXTS = [
  'تجمع امروز در میدان آزادی لغو شد، همه به خانه برگردید و به شایعات توجه نکنید',
  'تجمع امروز در ميدان آزادي لغو شد، همه به خانه برگرديد و به شايعات توجه نکنيد',
  'تجمع امروز در میدان‌ آزادی لغو شد! همه به خانه برگردید و به شایعات توجه نکنید ۱۲',
];

test('a member labels a whole coordinated cluster from the desk page', async () => {
  const curator = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await curator.signUp('cluster curator passphrase');
  const pk = decode(curator.npub).data as string;
  const list = signed(owner, {
    kind: DESK_LIST_KIND,
    tags: [
      ['d', 'lifeline-desk'],
      ['p', pk],
    ],
  });
  assert.equal((await env.client.publish(list))[2], true);
  await env.node.desk.settled();

  const accounts = Array.from({ length: 10 }, () => keys());
  for (const [i, who] of accounts.entries())
    assert.equal((await env.client.publish(signed(who, { kind: 1, content: TEXTS[i % TEXTS.length]! })))[2], true);
  await env.node.signals.clusters!.settled();

  await curator.go('#/desk');
  const cluster = curator.page.getByTestId('cluster');
  await cluster.filter({ hasText: '10 accounts, 10 posts' }).waitFor();
  await cluster.getByRole('combobox', { name: 'Label the cluster as' }).selectOption('coordinated');
  await cluster.getByRole('textbox', { name: 'Reason' }).fill('same message from ten new accounts in a minute');
  await cluster.getByRole('button', { name: 'Label all 10 accounts' }).click();
  await cluster.getByRole('status').filter({ hasText: 'Labelled.' }).waitFor();

  let tags: string[][] = [];
  await waitFor(async () => {
    const got = await env.client.req('l', { kinds: [1985], authors: [pk], '#L': ['lifeline.cluster'] });
    tags = got.events[0]?.tags ?? [];
    return tags.length > 0;
  }, 'the cluster label');
  assert.deepEqual(
    tags.filter((t) => t[0] === 'l'),
    [['l', 'coordinated', 'lifeline.cluster']],
  );
  assert.deepEqual(
    tags
      .filter((t) => t[0] === 'p')
      .map((t) => t[1])
      .sort(),
    accounts.map((a) => a.pk).sort(),
  );
});
