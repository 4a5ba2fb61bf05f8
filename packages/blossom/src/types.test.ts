import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extensionFor, parseTypeList } from './types.js';

test('extensions follow the MIME type, bin when unknown', () => {
  assert.equal(extensionFor('image/jpeg'), 'jpg');
  assert.equal(extensionFor('image/avif'), 'avif');
  assert.equal(extensionFor('application/x-whatever'), 'bin');
});

test('the type list accepts only strippable images', () => {
  const ok = parseTypeList(' image/JPEG, image/png ,,');
  assert.ok(ok.ok);
  assert.deepEqual([...ok.types], ['image/jpeg', 'image/png']);
  const bad = parseTypeList('image/png,video/mp4');
  assert.equal(bad.ok, false);
  assert.match(!bad.ok ? bad.error : '', /video\/mp4 is not supported/);
});
