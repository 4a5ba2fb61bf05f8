import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentHtml } from './render.js';
import { pageStrings, pickLang } from './strings.js';

const s = pageStrings('en');

test('contentHtml escapes text, links URLs and hashtags, and never emits an image', () => {
  assert.equal(contentHtml('<b>"x" & y</b>', s), '&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;');
  const html = contentHtml('see https://a.example/p?q=1&r=2 and https://b.example/cat.jpg', s);
  assert.ok(html.includes('<a href="https://a.example/p?q=1&amp;r=2" rel="nofollow noreferrer">'));
  assert.ok(html.includes('<a href="https://b.example/cat.jpg" rel="nofollow noreferrer">[image (not loaded)]</a>'));
  assert.ok(!html.includes('<img'));
  const tags = contentHtml('#كتاب و #مي\u200cخواهيم then a&#1; x#notatag', s);
  assert.ok(tags.includes(`href="/t/${encodeURIComponent('کتاب')}"><bdi>#كتاب</bdi>`), tags);
  assert.ok(
    tags.includes(`href="/t/${encodeURIComponent('میخواهیم')}"`),
    'ZWNJ stays in the tag, folded away in the link',
  );
  assert.ok(!tags.includes('notatag</bdi>') && tags.includes('a&amp;#1;'), 'mid-word # and entities are text');
  assert.ok(contentHtml('"><script>', s).startsWith('&quot;&gt;&lt;script&gt;'));
});

test('pickLang: ?lang wins, then the first Accept-Language', () => {
  assert.equal(pickLang('fa', 'en-US'), 'fa');
  assert.equal(pickLang('en', 'fa-IR'), 'en');
  assert.equal(pickLang(undefined, 'fa-IR,fa;q=0.9'), 'fa');
  assert.equal(pickLang(undefined, 'en,fa;q=0.9'), 'en');
  assert.equal(pickLang('xx', undefined), 'en');
});
