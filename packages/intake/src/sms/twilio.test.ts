import assert from 'node:assert/strict';
import { test } from 'node:test';
import twilio from 'twilio';
import { twilioArrival, twilioSignature, verifyTwilio } from './twilio.js';

// The twilio SDK is the oracle: our signature must equal what its own validator accepts.
const token = '12345';
const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const params = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+12349013030',
  Digits: '1234',
  From: '+12349013030',
  To: '+18005551212',
};

test("our signature is the one Twilio's SDK validates", () => {
  const sig = twilioSignature(token, url, params);
  assert.equal(twilio.validateRequest(token, sig, url, params), true);
  const persian = { From: '+989121234567', Body: 'سلام، تجمع در  میدان آزادی ', NumMedia: '0' };
  const u = 'https://node.example/api/intake/sms/twilio';
  assert.equal(twilio.validateRequest(token, twilioSignature(token, u, persian), u, persian), true);
});

test('forged, missing, or computed over other values: refused', () => {
  const sig = twilioSignature(token, url, params);
  assert.equal(verifyTwilio(token, url, params, sig), true);
  assert.equal(verifyTwilio(token, url, params, undefined), false);
  assert.equal(verifyTwilio('other-token', url, params, sig), false);
  assert.equal(verifyTwilio(token, url, { ...params, Digits: '9999' }, sig), false);
  assert.equal(verifyTwilio(token, 'https://mycompany.com/myapp.php?foo=1', params, sig), false);
  assert.equal(verifyTwilio(token, url, params, `${sig.slice(0, -2)}A=`), false);
});

test('the arrival keeps Body as text and seals the rest', () => {
  const a = twilioArrival({ From: '+989121234567', To: '+15550001111', Body: 'hi', MessageSid: 'SM1' });
  assert.equal(a.text, 'hi');
  assert.equal(a.address, '+989121234567');
  assert.deepEqual(a.contact, { From: '+989121234567', To: '+15550001111', MessageSid: 'SM1' });
});
