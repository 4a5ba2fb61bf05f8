import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashtagTags } from './hashtags.js';

test('hashtags become normalized, deduplicated t tags', () => {
  assert.deepEqual(hashtagTags('Protests #IranElection and #iranelection, #تهران!'), [
    ['t', 'iranelection'],
    ['t', 'تهران'],
  ]);
  assert.deepEqual(hashtagTags('#ايران first'), [['t', 'ایران']]);
});

test('not every # is a hashtag', () => {
  assert.deepEqual(hashtagTags('issue#12, a & #, #123 and https://x.org/#anchor'), []);
  assert.deepEqual(hashtagTags('no tags here'), []);
});
