import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildRating,
  buildTranslation,
  COMMUNITY_NOTE_KIND,
  LABEL_KIND,
  newestStatuses,
  TRANSLATION_KIND,
  type NostrEvent,
} from '@lifeline/nostr';
import { keys, signed, twoCamps, waitFor } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { buildBlog, buildEntry, ENTRY_KIND, parseBlog } from '@lifeline/liveblog';
import { npubEncode } from 'nostr-tools/nip19';

/*
 * Community notes on a real node: two camps of scripted raters publish notes and ratings through
 * the relay; the node scores them in its worker thread and publishes each changed status as a
 * NIP-32 label signed by its own key; a rater reads which of their ratings counted.
 */

const env = nodeSuite({ client: true, node: { notesScoreIntervalSeconds: 0 } });

const publishAll = async (events: NostrEvent[]) => {
  for (const e of events) {
    const ok = await env.client.publish(e);
    assert.equal(ok[2], true, `refused: ${JSON.stringify(ok)}`);
  }
};

const labels = async () =>
  (await env.client.req('labels', { kinds: [LABEL_KIND], authors: [env.node.identity.pubkey] })).events;

test('the bridging note becomes helpful, partisan ones do not, and the node signs the statuses', async () => {
  const author = keys();
  const post = signed(author, { content: 'Tanks on Enghelab street right now (photo)' });
  await publishAll([post]);
  const scenario = twoCamps({ id: post.id, kind: 1, pubkey: author.pk });
  await publishAll(scenario.events);
  // Malformed events are stored like any event but change nothing: no crash, no extra rows.
  const junk = keys();
  const bridging = scenario.bridging;
  await publishAll([
    signed(junk, { kind: COMMUNITY_NOTE_KIND, content: 'a note on nothing', tags: [] }),
    signed(junk, {
      kind: 31314,
      content: '',
      tags: [
        ['d', post.id],
        ['e', bridging.id],
        ['L', 'lifeline.rating'],
        ['l', 'HELPFUL', 'lifeline.rating'],
      ],
    }),
    signed(junk, {
      kind: 31314,
      content: '',
      tags: [
        ['d', bridging.id],
        ['e', bridging.id],
        ['L', 'lifeline.rating'],
        ['l', 'HELPFUL', 'lifeline.rating'],
        ['l', 'NOT_HELPFUL', 'lifeline.rating'],
      ],
    }),
    signed(junk, {
      kind: TRANSLATION_KIND,
      content: 'x',
      tags: [
        ['E', post.id],
        ['K', '1'],
        ['P', author.pk],
      ],
    }),
  ]);

  const first = await env.node.notes.run();
  assert.equal(first.notes, 10);
  assert.equal(first.ratings, 120);
  const statuses = newestStatuses(await labels(), env.node.identity.pubkey);
  assert.equal(statuses.get(scenario.bridging.id)?.status, 'CURRENTLY_RATED_HELPFUL');
  assert.equal(statuses.get(scenario.bridging.id)?.root, post.id);
  for (const p of scenario.partisan) assert.notEqual(statuses.get(p.id)?.status, 'CURRENTLY_RATED_HELPFUL');
  assert.equal(statuses.get(scenario.rejected.id)?.status, 'CURRENTLY_RATED_NOT_HELPFUL');
  const overview = (await (await fetch(`${env.node.httpUrl}/api/notes`)).json()) as {
    labeler: string;
    lastRun: { notes: number; ratings: number; omitted: string[] };
  };
  assert.equal(overview.labeler, env.node.identity.pubkey);
  assert.equal(overview.lastRun.notes, 10);
  assert.ok(overview.lastRun.omitted.length > 0, 'the parts of the algorithm left out are stated');
  // A label is published only on a change: the same data scored again publishes nothing.
  assert.equal((await env.node.notes.run()).published, 0);

  // The rater's view: every rating counted (all raters passed the filters), and whether it agreed.
  const rater = scenario.camps[0][0]!.pk;
  const report = (await (await fetch(`${env.node.httpUrl}/api/notes/rater/${rater}`)).json()) as {
    included: boolean;
    ratings: Array<{ subject: string; counted: boolean; agreed: boolean | null }>;
  };
  assert.equal(report.included, true);
  assert.equal(report.ratings.length, 10);
  assert.ok(report.ratings.every((r) => r.counted));
  assert.equal(report.ratings.find((r) => r.subject === scenario.bridging.id)?.agreed, true);
  const bad = await fetch(`${env.node.httpUrl}/api/notes/rater/not-a-key`, { headers: { accept: 'application/json' } });
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { error: string }).error, 'bad-request');

  // A stranger cannot forge the node's verdict: their label is not the node's.
  const forger = keys();
  const forged = signed(forger, {
    kind: LABEL_KIND,
    tags: [
      ['L', 'lifeline.note.status'],
      ['l', 'CURRENTLY_RATED_HELPFUL', 'lifeline.note.status'],
      ['e', scenario.partisan[0]!.id, '', scenario.partisan[0]!.pubkey],
      ['k', String(COMMUNITY_NOTE_KIND)],
      ['E', post.id],
    ],
    content: '',
  });
  await publishAll([forged]);
  const all = (await env.client.req('all', { kinds: [LABEL_KIND], '#E': [post.id] })).events;
  assert.notEqual(
    newestStatuses(all, env.node.identity.pubkey).get(scenario.partisan[0]!.id)?.status,
    'CURRENTLY_RATED_HELPFUL',
  );
});

test('a newer rating replaces the older; a rating below the filters does not count', async () => {
  const author = keys();
  const post = signed(author, { content: 'جمعیت زیادی در میدان آزادی' });
  const translator = keys();
  const translation = signed(translator, {
    ...buildTranslation({
      subject: { id: post.id, kind: 1, pubkey: author.pk },
      lang: 'en',
      from: 'fa',
      text: 'Large crowds in Azadi Square',
    }),
  });
  await publishAll([post, translation]);
  const rater = keys();
  const subject = { id: translation.id, kind: TRANSLATION_KIND, pubkey: translator.pk };
  const t = Math.floor(Date.now() / 1000);
  await publishAll([signed(rater, { ...buildRating({ subject, helpfulness: 'NOT_HELPFUL' }, t - 10) })]);
  await publishAll([signed(rater, { ...buildRating({ subject, helpfulness: 'HELPFUL' }, t - 5) })]);
  const stored = (await env.client.req('r', { kinds: [31314], authors: [rater.pk] })).events;
  assert.equal(stored.length, 1);
  assert.ok(stored[0]!.tags.some((x) => x[0] === 'l' && x[1] === 'HELPFUL'));

  await env.node.notes.run();
  const report = (await (await fetch(`${env.node.httpUrl}/api/notes/rater/${rater.pk}`)).json()) as {
    included: boolean;
    ratings: Array<{ subject: string; helpfulness: string; counted: boolean }>;
  };
  // One rating by a rater with one rating: below the scorer's filters, so it did not count (yet).
  assert.deepEqual(
    report.ratings.map((r) => [r.subject, r.helpfulness, r.counted]),
    [[translation.id, 'HELPFUL', false]],
  );
  assert.equal(report.included, false);
});

test('the scheduled run publishes labels without being asked', async () => {
  const { startTestNode } = await import('@lifeline/testkit/node');
  const { RawClient } = await import('@lifeline/testkit');
  const node = await startTestNode({ notesScoreIntervalSeconds: 1 });
  const client = await RawClient.connect(node.url);
  try {
    const author = keys();
    const post = signed(author, { content: 'A post that gets notes' });
    const scenario = twoCamps({ id: post.id, kind: 1, pubkey: author.pk });
    for (const e of [post, ...scenario.events]) assert.equal((await client.publish(e))[2], true);
    await waitFor(
      async () => {
        const ls = (await client.req('l', { kinds: [LABEL_KIND], authors: [node.identity.pubkey] })).events;
        return newestStatuses(ls, node.identity.pubkey).get(scenario.bridging.id)?.status === 'CURRENTLY_RATED_HELPFUL';
      },
      'the scheduled label',
      { timeoutMs: 20_000, intervalMs: 200 },
    );
  } finally {
    await client.close();
    await node.stop();
  }
});

test("a live-blog entry's helpful note shows on its reader page without JavaScript, once the node labels it", async () => {
  const editor = keys();
  const blogEvent = signed(editor, { ...buildBlog({ d: 'notes-day', title: 'Notes day' }) });
  const entry = signed(editor, {
    ...buildEntry(parseBlog(blogEvent), { headline: 'Tanks downtown', body: 'A photo shows tanks downtown.' }),
  });
  await publishAll([blogEvent, entry]);
  const page = `${env.node.httpUrl}/live/${npubEncode(editor.pk)}/notes-day`;
  // Rendered (and cached) before any note exists.
  assert.doesNotMatch(await (await fetch(page)).text(), /Readers added context/);
  const scenario = twoCamps({ id: entry.id, kind: ENTRY_KIND, pubkey: editor.pk });
  await publishAll(scenario.events);
  await env.node.notes.run();
  // The node's label drops the cached page, so the next reader sees the note.
  const html = await (await fetch(page)).text();
  assert.match(html, /Readers added context/);
  assert.ok(html.includes('The photo was taken in 2019'));
  assert.ok(!html.includes('the other side is lying'));
  assert.ok(!html.includes('fake, trust me'));
});
