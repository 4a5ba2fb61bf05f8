import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainText, renderMarkdown } from './markdown.js';

test('the subset: paragraphs, breaks, lists, quotes, headings, code, links, emphasis', () => {
  const html = renderMarkdown(
    '**Tehran** 10:45 -- *faxed*\nsecond line\n\n- one\n- two\n\n> quoted\n\n## Sub\n\n`x<y` and [link](https://example.org/a?b=1&c=2) and https://example.com/x.',
  );
  assert.match(html, /<p dir="auto"><strong>Tehran<\/strong> 10:45 -- <em>faxed<\/em><br>second line<\/p>/);
  assert.match(html, /<ul><li dir="auto">one<\/li><li dir="auto">two<\/li><\/ul>/);
  assert.match(html, /<blockquote dir="auto">quoted<\/blockquote>/);
  assert.match(html, /<h5 dir="auto">Sub<\/h5>/);
  assert.match(html, /<code>x&lt;y<\/code>/);
  assert.match(
    html,
    /<a href="https:\/\/example.org\/a\?b=1&amp;c=2" rel="nofollow noopener noreferrer" dir="auto">link<\/a>/,
  );
  assert.match(html, /<a href="https:\/\/example.com\/x" [^>]*>https:\/\/example.com\/x<\/a>\./);
});

test('XSS attempts come out as inert text', () => {
  const attacks = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '[x](https://ok.org/"onmouseover="alert(1))',
    '**<b onclick=1>**',
    '[a](data:text/html,<script>1</script>)',
  ];
  for (const a of attacks) {
    const html = renderMarkdown(a);
    assert.doesNotMatch(html, /<script|<img|<b |href="javascript|href="data|onmouseover="/i, `${a} -> ${html}`);
  }
  assert.equal(renderMarkdown('<script>alert(1)</script>'), '<p dir="auto">&lt;script&gt;alert(1)&lt;/script&gt;</p>');
});

test('Persian text and snake_case words are left alone; plain text strips marks', () => {
  assert.equal(renderMarkdown('خبر_فوری از تهران'), '<p dir="auto">خبر_فوری از تهران</p>');
  assert.equal(renderMarkdown('file_name_here'), '<p dir="auto">file_name_here</p>');
  assert.equal(plainText('**bold** [site](https://a.org)\n- item'), 'bold site (https://a.org)\nitem');
});
