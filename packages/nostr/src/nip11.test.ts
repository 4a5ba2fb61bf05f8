import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relayInfoDocument, type RelayInfoInput } from './nip11.js';

test('relayInfoDocument includes only defined fields', () => {
  const doc = relayInfoDocument({
    name: 'Lifeline',
    description: undefined,
    supported_nips: [50, 1, 11, 1, 9],
    software: 'lifeline',
    version: '0.1.0',
    limitation: {
      max_message_length: 131072,
      auth_required: false,
      min_pow_difficulty: undefined,
      default_limit: 500,
    },
  });
  assert.deepEqual(doc, {
    name: 'Lifeline',
    supported_nips: [1, 9, 11, 50],
    software: 'lifeline',
    version: '0.1.0',
    limitation: { max_message_length: 131072, auth_required: false, default_limit: 500 },
  });
  assert.ok(!('description' in doc));
  assert.deepEqual(JSON.parse(JSON.stringify(doc)), doc);
});

test('relayInfoDocument drops unknown keys and empty limitation', () => {
  const input = { name: 'x', secret: 'no', limitation: { bogus: 1 } } as unknown as RelayInfoInput;
  assert.deepEqual(relayInfoDocument(input), { name: 'x' });
  assert.deepEqual(relayInfoDocument({}), {});
});

test('relayInfoDocument copies every documented field', () => {
  const full: RelayInfoInput = {
    name: 'n',
    description: 'd',
    banner: 'b',
    icon: 'i',
    pubkey: 'a'.repeat(64),
    self: 'b'.repeat(64),
    contact: 'mailto:x',
    supported_nips: [1],
    software: 's',
    version: 'v',
    terms_of_service: 't',
    posting_policy: 'p',
    language_tags: ['fa', 'en'],
    tags: ['news'],
    limitation: {
      max_message_length: 1,
      max_subscriptions: 2,
      max_limit: 3,
      max_subid_length: 64,
      max_event_tags: 4,
      max_content_length: 5,
      min_pow_difficulty: 6,
      auth_required: true,
      payment_required: false,
      restricted_writes: true,
      created_at_lower_limit: 7,
      created_at_upper_limit: 8,
      default_limit: 9,
    },
  };
  assert.deepEqual(relayInfoDocument(full), full);
});
