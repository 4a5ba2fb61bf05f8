import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaults } from '@lifeline/config';
import { relayInfo } from './index.js';

test('supported_nips is what the relay reports, plus NIP-11; limits are the configured ones', () => {
  const doc = relayInfo({ ...defaults(), maxLimit: 123, minPowBits: 0 }, [1, 45, 9, 1]);
  assert.deepEqual(doc.supported_nips, [1, 9, 11, 45]);
  assert.equal(doc.limitation?.max_limit, 123);
  assert.equal(doc.limitation?.restricted_writes, false);
  assert.equal(doc.limitation?.created_at_lower_limit, undefined);
  const strict = relayInfo({ ...defaults(), minPowBits: 12, createdAtPastSeconds: 3600, operatorPubkey: 'a'.repeat(64) }, [1, 13]);
  assert.equal(strict.limitation?.min_pow_difficulty, 12);
  assert.equal(strict.limitation?.restricted_writes, true);
  assert.equal(strict.limitation?.created_at_lower_limit, 3600);
  assert.equal(strict.pubkey, 'a'.repeat(64));
  assert.equal(strict.contact, undefined);
});
