import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { FaxTooLongError, MAX_REPLY_PAGES, renderFaxPages } from './render.js';
import { tiffResolutions } from './resolution.js';

test('a long reply fills several fax pages, each a fine-resolution G4 page; past the limit it is refused', async () => {
  const para = 'گزارش شما رسید. Your report arrived and is being checked by two editors.';
  const pages = await renderFaxPages(Array.from({ length: 40 }, () => para).join('\n'));
  assert.ok(pages.length >= 2, `${pages.length} pages`);
  for (const p of pages) {
    const m = await sharp(p).metadata();
    assert.deepEqual([m.format, m.width, m.height], ['tiff', 1728, 2292]);
    const [r] = tiffResolutions(p);
    assert.ok(r && Math.round(r.x) === 204 && Math.round(r.y) === 196, JSON.stringify(r));
    // CCITT G4 keeps a text page to a few kilobytes; uncompressed 1-bit it would be 495 KB.
    assert.ok(p.length < 60_000, `${p.length} bytes`);
  }
  // Blank lines count too: a reply cannot be stretched into a hundred pages.
  await assert.rejects(renderFaxPages(Array.from({ length: 400 }, () => 'x').join('\n\n')), FaxTooLongError);
  assert.equal(MAX_REPLY_PAGES, 5);
});
