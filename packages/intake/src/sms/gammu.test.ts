import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gammuArrivals } from './gammu.js';

test('a joined long message is read from DECODED_n_TEXT', () => {
  const a = gammuArrivals({
    SMS_MESSAGES: '2',
    SMS_1_NUMBER: '+989121234567',
    SMS_1_TEXT: 'part one ',
    SMS_2_NUMBER: '+989121234567',
    SMS_2_TEXT: 'part two',
    DECODED_PARTS: '1',
    DECODED_1_TEXT: 'part one part two',
    PHONE_ID: 'modem1',
  });
  assert.deepEqual(
    a.map((x) => [x.address, x.text]),
    [['+989121234567', 'part one part two']],
  );
});

test('physical parts are joined per sender when gammu decoded nothing', () => {
  const a = gammuArrivals({
    SMS_MESSAGES: '3',
    SMS_1_NUMBER: '+1',
    SMS_1_TEXT: 'a',
    SMS_2_NUMBER: '+2',
    SMS_2_TEXT: 'b',
    SMS_3_NUMBER: '+1',
    SMS_3_TEXT: 'c',
  });
  assert.deepEqual(
    a.map((x) => [x.address, x.text]),
    [
      ['+1', 'ac'],
      ['+2', 'b'],
    ],
  );
  assert.deepEqual(gammuArrivals({}), []);
});
