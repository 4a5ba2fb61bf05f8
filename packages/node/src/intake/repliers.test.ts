import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, defaults } from '@lifeline/config';
import { openRepliers } from './repliers.js';

const base = defaults();

test('each way out is off until its settings are given', () => {
  assert.deepEqual(Object.keys(openRepliers(base)), []);
  const all = openRepliers({
    ...base,
    intakeSmsSyncSecret: 's',
    intakeTwilioAuthToken: 't',
    intakeTwilioAccountSid: 'AC1',
    intakeTwilioFrom: '+15550001111',
    intakeGammuSmsdrc: '/etc/gammu-smsdrc',
    intakeTelnyxApiKey: 'k',
    intakeTelnyxConnectionId: 'c',
    intakeTelnyxFrom: '+15550002222',
    intakeSendfax: 'sendfax',
  });
  assert.deepEqual(Object.keys(all).sort(), ['gammu', 'hylafax', 'smssync', 'telnyx', 'twilio']);
  // An account SID without a number to send from still fetches MMS media, but cannot reply.
  const mediaOnly = openRepliers({ ...base, intakeTwilioAuthToken: 't', intakeTwilioAccountSid: 'AC1' });
  assert.equal(mediaOnly.twilio, undefined);
});

test('incomplete or malformed reply settings stop start-up with the setting named', () => {
  const refused = (over: Partial<typeof base>, pattern: RegExp) =>
    assert.throws(
      () => openRepliers({ ...base, ...over }),
      (e: Error) => e instanceof ConfigError && pattern.test(e.message),
    );
  refused({ intakeTwilioAccountSid: 'AC1' }, /--intake-twilio-auth-token/);
  refused(
    { intakeTwilioAccountSid: 'AC1', intakeTwilioAuthToken: 't', intakeTwilioApiUrl: 'ftp://x' },
    /--intake-twilio-api-url/,
  );
  refused({ intakeTelnyxApiKey: 'k', intakeTelnyxFrom: '+1555' }, /--intake-telnyx-connection-id/);
  refused(
    { intakeTelnyxApiKey: 'k', intakeTelnyxConnectionId: 'c', intakeTelnyxFrom: '+1', intakeTelnyxApiUrl: 'nope' },
    /--intake-telnyx-api-url/,
  );
  refused({ intakeReplySmtpUrl: 'smtp://127.0.0.1:25' }, /--intake-addresses/);
});
