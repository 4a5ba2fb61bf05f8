import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nostr from './index.js';

test('index re-exports every protocol module', () => {
  for (const name of [
    'reason',
    'isReplaceable',
    'eventAddress',
    'normalizeText',
    'matchesSearch',
    'validateFilter',
    'matchFilters',
    'serializeEvent',
    'validateEventShape',
    'parseClientMessage',
    'eventMessage',
    'deletionTargets',
    'expirationOf',
    'meetsPow',
    'validateAuthEvent',
    'vanishApplies',
    'isProtected',
    'relayInfoDocument',
    'normalizeRelayUrl',
    'isHex64',
    'isHex128',
    'parseAddress',
    'replaces',
    'compareNewestFirst',
    'computeEventId',
    'nowSeconds',
  ]) {
    assert.equal(typeof (nostr as Record<string, unknown>)[name], 'function', name);
  }
});
