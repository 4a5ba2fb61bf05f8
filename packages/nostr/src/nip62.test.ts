import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isVanishRequest, vanishApplies } from './nip62.js';

const url = 'wss://lifeline.example';

test('isVanishRequest is true only for kind 62', () => {
  assert.ok(isVanishRequest({ kind: 62 }));
  assert.ok(!isVanishRequest({ kind: 5 }));
});

test('vanishApplies to this relay or ALL_RELAYS', () => {
  assert.ok(vanishApplies({ kind: 62, tags: [['relay', 'ALL_RELAYS']] }, url));
  const tags = [
    ['relay', 'wss://other'],
    ['relay', 'WSS://Lifeline.example/'],
  ];
  assert.ok(vanishApplies({ kind: 62, tags }, url));
  assert.ok(!vanishApplies({ kind: 62, tags: [['relay', 'all_relays']] }, url), 'must be uppercase');
  assert.ok(!vanishApplies({ kind: 62, tags: [['relay', 'wss://other.example']] }, url));
  assert.ok(!vanishApplies({ kind: 62, tags: [] }, url));
  assert.ok(!vanishApplies({ kind: 62, tags: [['relay']] }, url));
  assert.ok(!vanishApplies({ kind: 5, tags: [['relay', 'ALL_RELAYS']] }, url));
});
