import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sniffType } from './sniff.js';

const b = (s: string) => Buffer.from(s, 'latin1');

test('image types are recognized by their magic numbers', () => {
  assert.equal(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0])), 'image/jpeg');
  assert.equal(sniffType(b('\x89PNG\r\n\x1a\n\0\0\0\rIHDR')), 'image/png');
  assert.equal(sniffType(b('GIF89a....')), 'image/gif');
  assert.equal(sniffType(b('GIF87a....')), 'image/gif');
  assert.equal(sniffType(b('RIFF\x10\0\0\0WEBPVP8 ')), 'image/webp');
  assert.equal(sniffType(b('\0\0\0\x1cftypavif\0\0\0\0mif1miaf')), 'image/avif');
  assert.equal(sniffType(b('\0\0\0\x1cftypmif1\0\0\0\0mif1avif')), 'image/avif');
});

test('non-image and lookalike types are named so the refusal can say what they were', () => {
  assert.equal(sniffType(b('\0\0\0\x18ftypisom\0\0\0\0isomiso2')), 'video/mp4');
  assert.equal(sniffType(b('\0\0\0\x14ftypqt  \0\0\0\0qt  ')), 'video/quicktime');
  assert.equal(sniffType(b('\0\0\0\x18ftypheic\0\0\0\0mif1heic')), 'image/heic');
  assert.equal(sniffType(b('%PDF-1.7\n')), 'application/pdf');
  assert.equal(sniffType(b('II*\0\x08\0\0\0')), 'image/tiff');
});

test('unknown, short and empty inputs are not guessed', () => {
  assert.equal(sniffType(b('<svg xmlns="http://www.w3.org/2000/svg"/>')), undefined);
  assert.equal(sniffType(b('hello world')), undefined);
  assert.equal(sniffType(Buffer.alloc(0)), undefined);
  assert.equal(sniffType(Buffer.from([0xff, 0xd8])), undefined);
  assert.equal(sniffType(b('RIFF\x10\0\0\0WAVEfmt ')), undefined);
});
