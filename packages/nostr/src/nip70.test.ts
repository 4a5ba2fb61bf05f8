import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isProtected } from './nip70.js';

test('isProtected requires a tag that is exactly ["-"]', () => {
  assert.ok(isProtected({ tags: [['t', 'x'], ['-']] }));
  assert.ok(!isProtected({ tags: [] }));
  assert.ok(!isProtected({ tags: [['-', 'x']] }));
  assert.ok(!isProtected({ tags: [['--']] }));
});
