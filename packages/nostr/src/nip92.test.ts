import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imetaTag, parseDim, parseImeta } from './nip92.js';

const url = 'https://node.example/0f0e.jpg';

test('imetaTag writes url first and leaves out empty fields; alt becomes one line', () => {
  assert.deepEqual(
    imetaTag({ url, m: 'image/jpeg', x: 'ab'.repeat(32), dim: '320x240', alt: ' A crowd\non the\tstreet ' }),
    ['imeta', `url ${url}`, 'm image/jpeg', `x ${'ab'.repeat(32)}`, 'dim 320x240', 'alt A crowd on the street'],
  );
  assert.deepEqual(imetaTag({ url, alt: '  ' }), ['imeta', `url ${url}`]);
});

test('parseImeta reads tags whose URL is in the content and ignores the rest', () => {
  const event = {
    content: `Look\n${url}`,
    tags: [
      ['imeta', `url ${url}`, 'm image/jpeg', 'dim 2x1', 'alt Persian: جمعیت', 'blurhash xyz'],
      ['imeta', 'url https://elsewhere.example/not-in-content.png', 'alt hidden'],
      ['imeta', 'url javascript:alert(1)'],
      ['imeta', `url ${url}`, 'alt duplicate'],
      ['imeta'],
      ['t', 'x'],
    ],
  };
  assert.deepEqual(parseImeta(event), [{ url, m: 'image/jpeg', dim: '2x1', alt: 'Persian: جمعیت' }]);
  assert.deepEqual(parseImeta({ content: '', tags: [] }), []);
});

test('parseDim accepts WIDTHxHEIGHT only', () => {
  assert.deepEqual(parseDim('1200x800'), { width: 1200, height: 800 });
  for (const bad of [undefined, '', '0x5', '12 x 5', '-1x2', '1x2x3', '999999x1'])
    assert.equal(parseDim(bad), undefined);
});
