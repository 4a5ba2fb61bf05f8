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
  buildNextDay,
  buildUpdate,
} from './builders.js';
import { resolveEntries } from './resolve.js';

const T = 1_245_000_000; // June 2009

test('entries resolve to their latest state with updates, corrections and history kept', () => {
  const host = keys();
  const coeditor = keys();
  const stranger = keys();
  const blog = parseBlog(
    signed(
      host,
      buildBlog({ d: 'iran-2009-06-14', title: 'Iran live', timeZone: 'Asia/Tehran', editors: [coeditor.pk] }, T),
    ),
  );
  assert.deepEqual([...blog.editors].sort(), [host.pk, coeditor.pk].sort());
  const tweet = signed(stranger, { kind: 1, created_at: T, tags: [], content: 'from the street' });
  const forged = { ...tweet, content: 'words never written' };
  const e1 = signed(
    host,
    buildEntry(
      blog,
      { headline: 'The revolution will be faxed', body: 'A fax arrived.', via: 'fax', embeds: [tweet] },
      T + 10,
    ),
  );
  const e2 = signed(
    coeditor,
    buildEntry(blog, { headline: 'Rally', body: 'Crowds.', keyEvent: true, embeds: [forged] }, T + 20),
  );
  const fake = signed(stranger, buildEntry(blog, { headline: 'Fake entry', body: 'not an editor' }, T + 30));
  const edit = signed(
    host,
    buildEdit(
      blog,
      e1.id,
      { headline: 'The revolution will be faxed', body: 'Two faxes arrived.', via: 'fax' },
      T + 40,
    ),
  );
  const fix = signed(
    coeditor,
    buildCorrection(
      blog,
      e2.id,
      { headline: 'Rally', body: 'Thousands gathered.', keyEvent: true },
      'We first said crowds of a million.',
      T + 50,
    ),
  );
  const upd = signed(host, buildUpdate(blog, e1.id, 'A third fax confirms it.', T + 60));
  const strangerEdit = signed(stranger, buildEdit(blog, e1.id, { headline: 'hijacked', body: 'x' }, T + 70));
  const comment = signed(stranger, buildComment(blog, 'Stay safe', T + 80));
  const { entries, comments } = resolveEntries(blog, [e1, e2, fake, edit, fix, upd, strangerEdit, comment]);
  assert.deepEqual(
    entries.map((e) => e.headline),
    ['Rally', 'The revolution will be faxed'],
  );
  const [rally, fax] = entries;
  assert.equal(fax!.body, 'Two faxes arrived.');
  assert.equal(fax!.via, 'fax');
  assert.equal(fax!.modified, T + 40);
  assert.deepEqual(
    fax!.updates.map((u) => u.text),
    ['A third fax confirms it.'],
  );
  assert.deepEqual(
    fax!.history.map((h) => h.type),
    ['posted', 'edit', 'update'],
  );
  assert.equal(rally!.keyEvent, true);
  assert.equal(rally!.body, 'Thousands gathered.');
  assert.deepEqual(
    rally!.corrections.map((c) => c.note),
    ['We first said crowds of a million.'],
  );
  // The edit dropped the embed: the latest state is what the editor last published.
  assert.equal(fax!.embeds.length, 0);
  const original = resolveEntries(blog, [e1]).entries[0]!;
  assert.equal(original.embeds[0]!.status, 'verified');
  const tampered = resolveEntries(blog, [e2]).entries[0]!;
  assert.equal(tampered.embeds[0]!.status, 'unverified', "a tampered embedded post is not shown as its author's words");
  assert.deepEqual(
    comments.map((c) => c.text),
    ['Stay safe'],
  );
});

test('ending a day links the archive and the next day both ways', () => {
  const host = keys();
  const day1 = parseBlog(
    signed(host, buildBlog({ d: 'sunday', title: 'Sunday', lang: 'fa', timeZone: 'Asia/Tehran' }, T)),
  );
  const { ended, started } = buildNextDay(day1, { d: 'monday', title: 'Monday' }, T + 86400);
  const old = parseBlog(signed(host, ended));
  const next = parseBlog(signed(host, started));
  assert.equal(old.status, 'ended');
  assert.equal(old.next, next.coordinate);
  assert.equal(next.previous, old.coordinate);
  assert.equal(next.lang, 'fa');
  assert.equal(next.timeZone, 'Asia/Tehran');
  assert.equal(next.status, 'live');
});

test('bad blog tags fall back to safe defaults', () => {
  const host = keys();
  const blog = parseBlog(
    signed(host, {
      kind: 30311,
      created_at: T,
      content: '',
      tags: [
        ['d', 'x'],
        ['timezone', 'Mars/Olympus'],
        ['lang', '"><script>'],
        ['image', 'javascript:alert(1)'],
        ['status', 'weird'],
      ],
    }),
  );
  assert.equal(blog.timeZone, 'UTC');
  assert.equal(blog.lang, 'en');
  assert.equal(blog.image, undefined);
  assert.equal(blog.status, 'live');
  assert.equal(blog.title, 'Untitled live-blog');
});
