/**
 * The node's community-notes run at a realistic size: synthetic two-camp notes and ratings (the
 * scorer's own generator) signed as real events, added through the relay's one pipeline, then
 * `node.notes.run()` timed twice (the first publishes labels, the second finds nothing changed)
 * while the event loop's delay is sampled, to show how much of a run holds the loop.
 *
 *   node bench/dist/notes-node.js --raters 1000 --notes 2000 --ratings 20000
 */
import { rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { defaults } from '@lifeline/config';
import { startNode } from '@lifeline/node';
import { twoCampData } from '@lifeline/notes/synthetic';
import { buildCommunityNote, buildRating, COMMUNITY_NOTE_KIND, type NostrEvent } from '@lifeline/nostr';
import { keys, signed, tempDir, type TestKeys } from '@lifeline/testkit';
import { parseArgs } from './lib/args.js';

const args = parseArgs();
const data = twoCampData({
  raters: args.num('raters', 1000),
  notes: args.num('notes', 2000),
  ratings: args.num('ratings', 20000),
  seed: 7,
});
const now = Math.floor(Date.now() / 1000);

let t = performance.now();
const people = new Map<string, TestKeys>();
const person = (id: string) => {
  let k = people.get(id);
  if (!k) people.set(id, (k = keys()));
  return k;
};
const author = keys();
const post = signed(author, { content: 'the post every note is about', created_at: now - 86_400 });
const subject = { id: post.id, kind: 1, pubkey: author.pk };
const noteEvents = new Map<string, NostrEvent>();
for (const n of data.notes) {
  const at = now - 80_000 + noteEvents.size;
  const text = `note ${n.noteId}: context with a source`;
  const ev = signed(person(n.noteAuthorParticipantId), {
    ...buildCommunityNote({ subject, classification: n.classification, text }, at),
  });
  noteEvents.set(n.noteId, ev);
}
const ratingEvents: NostrEvent[] = [];
for (const r of data.ratings) {
  const note = noteEvents.get(r.noteId)!;
  ratingEvents.push(
    signed(person(r.raterParticipantId), {
      ...buildRating(
        { subject: { id: note.id, kind: COMMUNITY_NOTE_KIND, pubkey: note.pubkey }, helpfulness: r.helpfulnessLevel },
        now - 40_000 + (ratingEvents.length % 30_000),
      ),
    }),
  );
}
const signMs = performance.now() - t;

const dir = tempDir('lifeline-bench-notes-');
const node = await startNode({
  ...defaults(),
  port: 0,
  host: '127.0.0.1',
  data: dir,
  logLevel: 'warn',
  notesScoreIntervalSeconds: 0,
  pubkeyEventsPerMinute: 1_000_000,
  pubkeyBurst: 1_000_000,
});
t = performance.now();
const all = [post, ...noteEvents.values(), ...ratingEvents];
for (let i = 0; i < all.length; i += 1000) {
  const results = await Promise.all(all.slice(i, i + 1000).map((e) => node.relay.addEvent(e, { source: 'import' })));
  const refused = results.find((r) => !r.ok);
  if (refused) throw new Error(`refused: ${refused.message}`);
}
const ingestMs = performance.now() - t;

const runs = [];
for (let i = 0; i < 2; i++) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const summary = await node.notes.run();
  loop.disable();
  runs.push({
    ...summary,
    loopDelayMaxMs: Math.round(loop.max / 1e6),
    loopDelayP99Ms: Math.round(loop.percentile(99) / 1e6),
  });
}
await node.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify(
    {
      notes: data.notes.length,
      ratings: data.ratings.length,
      people: people.size,
      signMs: Math.round(signMs),
      ingestMs: Math.round(ingestMs),
      runs,
    },
    null,
    1,
  ),
);
