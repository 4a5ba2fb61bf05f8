import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keys, signed } from '@lifeline/testkit';
import { parseBlog } from './blog.js';
import {
  buildBlog,
  buildComment,
  buildCorrection,
  buildEdit,
  buildEntry,
  buildEntryDeletion,
  buildNextDay,
  buildUpdate,
} from './builders.js';
import { readFields } from './entry.js';
import { COMMENT_KIND, DELETION_KIND, ENTRY_KIND, LIVE_EVENT_KIND, REVISION_KIND } from './kinds.js';

const T = 1_245_000_000;
const tag = (tags: string[][], name: string) => tags.find((t) => t[0] === name);

test('a blog template carries the NIP-53 tags, the zone, the language and its editors', () => {
  const host = keys();
  const co = keys();
  const t = buildBlog(
    {
      d: 'day-1',
      title: 'Live',
      summary: 'S',
      image: 'https://i.example/a.jpg',
      timeZone: 'Asia/Tehran',
      lang: 'fa',
      editors: [co.pk],
      hashtags: ['iranelection'],
    },
    T,
  );
  assert.equal(t.kind, LIVE_EVENT_KIND);
  assert.deepEqual(tag(t.tags, 'd'), ['d', 'day-1']);
  assert.deepEqual(tag(t.tags, 'status'), ['status', 'live']);
  assert.deepEqual(tag(t.tags, 'starts'), ['starts', String(T)]);
  assert.deepEqual(tag(t.tags, 'p'), ['p', co.pk, '', 'Editor']);
  const blog = parseBlog(signed(host, t));
  assert.equal(blog.timeZone, 'Asia/Tehran');
  assert.equal(blog.lang, 'fa');
  assert.ok(blog.editors.has(host.pk) && blog.editors.has(co.pk), 'the host is always an editor');
});

test('entries and revisions reference the blog; full-state revisions round-trip the fields', () => {
  const host = keys();
  const blog = parseBlog(signed(host, buildBlog({ d: 'd', title: 'L' }, T)));
  const post = signed(keys(), { kind: 1, created_at: T, tags: [], content: 'from the street' });
  const fields = {
    headline: '10:45 PM -- faxed',
    body: 'b',
    via: 'fax',
    keyEvent: true,
    images: [{ url: 'https://m.example/x.jpg', alt: 'crowd' }],
    videos: ['https://v.example/1'],
    embeds: [post],
  };
  const entry = signed(host, buildEntry(blog, fields, T + 1));
  assert.equal(entry.kind, ENTRY_KIND);
  assert.deepEqual(tag(entry.tags, 'a'), ['a', blog.coordinate]);
  assert.deepEqual(tag(entry.tags, 'q'), ['q', post.id]);
  const read = readFields(entry);
  assert.equal(read.headline, fields.headline);
  assert.equal(read.via, 'fax');
  assert.equal(read.keyEvent, true);
  assert.deepEqual(read.images, fields.images);
  assert.deepEqual(read.videos, fields.videos);
  assert.equal(read.embeds[0]!.status, 'verified');

  for (const r of [
    buildEdit(blog, entry.id, fields, T + 2),
    buildCorrection(blog, entry.id, fields, 'we erred', T + 3),
    buildUpdate(blog, entry.id, 'more', T + 4),
  ]) {
    assert.equal(r.kind, REVISION_KIND);
    assert.deepEqual(tag(r.tags, 'e'), ['e', entry.id]);
    assert.deepEqual(tag(r.tags, 'a'), ['a', blog.coordinate]);
  }
  assert.deepEqual(tag(buildCorrection(blog, entry.id, fields, 'we erred', T).tags, 'note'), ['note', 'we erred']);
  assert.equal(buildUpdate(blog, entry.id, 'more', T).content, 'more');
});

test('deletion is NIP-09; comments are NIP-53 chat; non-http media is dropped when read', () => {
  const del = buildEntryDeletion(['a'.repeat(64)], T);
  assert.equal(del.kind, DELETION_KIND);
  assert.deepEqual(del.tags, [
    ['e', 'a'.repeat(64)],
    ['k', String(ENTRY_KIND)],
    ['k', String(REVISION_KIND)],
  ]);
  const host = keys();
  const blog = parseBlog(signed(host, buildBlog({ d: 'd', title: 'L' }, T)));
  assert.equal(buildComment(blog, 'hi', T).kind, COMMENT_KIND);
  const bad = signed(host, {
    kind: ENTRY_KIND,
    created_at: T,
    content: '',
    tags: [
      ['a', blog.coordinate],
      ['image', 'javascript:alert(1)'],
      ['video', 'data:text/html,x'],
      ['image', 'https://ok.example/"onerror="x'],
    ],
  });
  assert.deepEqual(readFields(bad).images, []);
  assert.deepEqual(readFields(bad).videos, []);
});

test("a forged or malformed embed is unverified, never shown as its author's words", () => {
  const host = keys();
  const blog = parseBlog(signed(host, buildBlog({ d: 'd', title: 'L' }, T)));
  const post = signed(keys(), { kind: 1, created_at: T, tags: [], content: 'true words' });
  const entry = signed(
    host,
    buildEntry(blog, { headline: 'h', body: 'b', embeds: [{ ...post, content: 'forged words' }] }, T),
  );
  const withJunk = { ...entry, tags: [...entry.tags, ['embed', '{not json'], ['embed', '{"id":1}']] };
  assert.deepEqual(
    readFields(withJunk).embeds.map((e) => e.status),
    ['unverified', 'unverified', 'unverified'],
  );
});

test('ending the day and starting the next link both ways and keep the editors', () => {
  const host = keys();
  const co = keys();
  const blog = parseBlog(
    signed(host, buildBlog({ d: 'sun', title: 'Sunday', editors: [co.pk], timeZone: 'Asia/Tehran' }, T)),
  );
  const { ended, started } = buildNextDay(blog, { d: 'mon', title: 'Monday' }, T + 86_400);
  const old = parseBlog(signed(host, ended));
  const next = parseBlog(signed(host, started));
  assert.equal(old.status, 'ended');
  assert.equal(old.d, 'sun');
  assert.equal(old.next, next.coordinate);
  assert.equal(next.previous, old.coordinate);
  assert.equal(next.timeZone, 'Asia/Tehran');
  assert.ok(next.editors.has(co.pk));
  assert.ok(ended.created_at > blog.event.created_at, 'the ended version replaces the live one');
});
