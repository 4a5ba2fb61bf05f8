import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keys, signed } from '@lifeline/testkit';
import { parseBlog } from './blog.js';
import { buildBlog, buildEntry } from './builders.js';
import { atomFeed, jsonFeed } from './feeds.js';
import { jsonForScript } from './jsonld.js';
import { resolveEntries } from './resolve.js';

const T = 1_245_000_000;

test('Atom drops characters XML cannot carry, escapes markup, and quotes only verified embeds', () => {
  const host = keys();
  const blog = parseBlog(signed(host, buildBlog({ d: 'd', title: 'Live \u0000 <b>' }, T)));
  const post = signed(keys(), { kind: 1, created_at: T, tags: [], content: 'verified words' });
  const forged = { ...post, content: 'forged words' };
  const events = [
    signed(
      host,
      buildEntry(
        blog,
        { headline: 'Bell\u0007 </title><script>', body: 'x\uFFFF\uD800y', embeds: [post, forged] },
        T + 1,
      ),
    ),
  ];
  const atom = atomFeed(blog, resolveEntries(blog, events).entries, 'https://n.example', T + 1);
  assert.doesNotMatch(atom, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  assert.doesNotMatch(atom, /<script|<\/title><script/);
  assert.match(atom, /<title>Bell &lt;\/title&gt;&lt;script&gt;<\/title>/);
  assert.match(atom, /verified words/);
  assert.doesNotMatch(atom, /forged words/);
  const json = JSON.stringify(jsonFeed(blog, resolveEntries(blog, events).entries, 'https://n.example'));
  assert.doesNotMatch(json, /forged words/);
});

test('JSON-LD text cannot close its script element', () => {
  const out = jsonForScript({ headline: '</script><script>alert(1)</script>\u2028' });
  assert.doesNotMatch(out, /<\/script/i);
  assert.equal(JSON.parse(out).headline, '</script><script>alert(1)</script>\u2028');
});

test('an override left open in a signed text ends with its own field of the Atom feed', () => {
  const host = keys();
  const blog = parseBlog(signed(host, buildBlog({ d: 'd', title: 'Tehran \u202Elive', summary: 'sum \u202Bmary' }, T)));
  const entry = signed(
    host,
    buildEntry(blog, { headline: 'Fax \u202Ereceived', body: 'body', via: 'reader \u202EAlex' }, T + 1),
  );
  const atom = atomFeed(blog, resolveEntries(blog, [entry]).entries, 'https://n.example', T + 1);
  // Each text construct holding a bidi control is one isolate (FSI ... PDI): the PDI closes
  // whatever the text opened. The entry's title holds one, as do the blog's title and subtitle.
  for (const field of ['title', 'subtitle']) {
    for (const m of atom.matchAll(new RegExp(`<${field}>([^<]*)</${field}>`, 'g'))) {
      assert.ok(m[1]!.startsWith('\u2068') && m[1]!.endsWith('\u2069'), `${field}: ${JSON.stringify(m[1])}`);
    }
  }
  assert.match(atom, /via &lt;bdi&gt;reader \u202EAlex&lt;\/bdi&gt;/, 'HTML content isolates user text in <bdi>');
});
