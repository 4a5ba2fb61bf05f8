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
  const strict = relayInfo(
    { ...defaults(), minPowBits: 12, createdAtPastSeconds: 3600, operatorPubkey: 'a'.repeat(64) },
    [1, 13],
  );
  assert.equal(strict.limitation?.min_pow_difficulty, 12);
  assert.equal(strict.limitation?.restricted_writes, true);
  assert.equal(strict.limitation?.created_at_lower_limit, 3600);
  assert.equal(strict.pubkey, 'a'.repeat(64));
  assert.equal(strict.contact, undefined);
});

test('icon and banner appear when configured; software is never a bare name', () => {
  const plain = relayInfo(defaults(), [1]);
  assert.equal(plain.icon, undefined);
  assert.equal(plain.banner, undefined);
  // NIP-11: software, when present, MUST be the URL of the project's homepage.
  if (plain.software !== undefined) assert.ok(URL.canParse(plain.software), plain.software);
  const dressed = relayInfo(
    { ...defaults(), icon: 'https://example.org/icon.png', banner: 'https://example.org/banner.jpg' },
    [1],
  );
  assert.equal(dressed.icon, 'https://example.org/icon.png');
  assert.equal(dressed.banner, 'https://example.org/banner.jpg');
});
