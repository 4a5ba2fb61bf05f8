import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AUTH_KIND,
  DELETION_KIND,
  FOLLOW_LIST_KIND,
  GIFT_WRAP_KIND,
  LIVE_EVENT_KIND,
  METADATA_KIND,
  MUTE_LIST_KIND,
  RELAY_LIST_KIND,
  VANISH_KIND,
  isAddressable,
  isEphemeral,
  isRegular,
  isReplaceable,
} from './kinds.js';

test('kind ranges follow NIP-01 boundaries', () => {
  for (const k of [0, 3, 10000, 19999]) assert.ok(isReplaceable(k), `${k}`);
  for (const k of [1, 2, 4, 9999, 20000, 30000]) assert.ok(!isReplaceable(k), `${k}`);
  assert.ok(isEphemeral(20000) && isEphemeral(29999) && !isEphemeral(30000) && !isEphemeral(19999));
  assert.ok(isAddressable(30000) && isAddressable(39999) && !isAddressable(40000));
  for (const k of [1, 2, 4, 5, 7, 1000, 9999, 40000, 65535]) assert.ok(isRegular(k), `${k}`);
  for (const k of [0, 3, 10002, 22242, 30023]) assert.ok(!isRegular(k), `${k}`);
});

test('named kinds sit in the ranges their NIPs give them', () => {
  for (const k of [METADATA_KIND, FOLLOW_LIST_KIND, MUTE_LIST_KIND, RELAY_LIST_KIND])
    assert.ok(isReplaceable(k), `${k}`);
  for (const k of [DELETION_KIND, VANISH_KIND, GIFT_WRAP_KIND]) assert.ok(isRegular(k), `${k}`);
  assert.ok(isEphemeral(AUTH_KIND));
  assert.ok(isAddressable(LIVE_EVENT_KIND));
});
