import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blobDescriptor } from './descriptor.js';

test('the descriptor URL is the blob hash with the extension of its type', () => {
  const sha256 = 'ab'.repeat(32);
  assert.deepEqual(blobDescriptor('https://node.example/', { sha256, size: 5, type: 'image/png', uploaded: 7 }), {
    url: `https://node.example/${sha256}.png`,
    sha256,
    size: 5,
    type: 'image/png',
    uploaded: 7,
  });
});
