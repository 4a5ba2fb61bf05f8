import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaults } from '@lifeline/config';
import { fakeEvent } from '@lifeline/testkit';
import { defaultPolicies } from './defaults.js';
import { fakeClient, fakeInput } from './fixture.js';
import { policyNips } from './types.js';
import type { EventInput, Policies } from './types.js';

const firstEventVerdict = (p: Policies, input: EventInput) => {
  for (const f of [...p.rejectEvent, ...p.rejectSignedEvent]) {
    const v = f(input);
    if (v) return v;
  }
  return undefined;
};

test('default config accepts an ordinary note and a plain REQ', () => {
  const p = defaultPolicies(defaults());
  assert.equal(firstEventVerdict(p, fakeInput(fakeEvent())), undefined);
  assert.ok(p.rejectFilter.every((f) => f([{ kinds: [1] }], fakeClient()) === undefined));
});

test('pow and auth are off by default and on when configured', () => {
  const off = defaultPolicies(defaults());
  const on = defaultPolicies({ ...defaults(), minPowBits: 8, authRequired: true });
  assert.equal(on.rejectEvent.length, off.rejectEvent.length + 2);
  assert.equal(on.rejectFilter.length, off.rejectFilter.length + 1);
  assert.match(firstEventVerdict(on, fakeInput(fakeEvent({ id: 'f'.repeat(64) }))) ?? '', /^auth-required/);
  const authed = fakeInput(fakeEvent({ id: 'f'.repeat(64) }), { client: fakeClient('b'.repeat(64)) });
  assert.equal(firstEventVerdict(on, authed), 'pow: difficulty 0 is less than 8');
  assert.match(on.rejectFilter.map((f) => f([{}], fakeClient())).find(Boolean) ?? '', /^auth-required/);
});

test('configured limits are the ones applied', () => {
  const p = defaultPolicies({ ...defaults(), maxEventTags: 1 });
  assert.match(
    firstEventVerdict(
      p,
      fakeInput(
        fakeEvent({
          tags: [
            ['t', 'a'],
            ['t', 'b'],
          ],
        }),
      ),
    ) ?? '',
    /too many tags/,
  );
  const protectedNote = fakeInput(fakeEvent({ tags: [['-']] }));
  assert.match(firstEventVerdict(p, protectedNote) ?? '', /^auth-required: this event may only/);
});

test('the NIPs of the configured hooks are listed for NIP-11', () => {
  assert.deepEqual(policyNips(defaultPolicies(defaults())).sort(), [70]);
  const on = defaultPolicies({ ...defaults(), minPowBits: 8, authRequired: true });
  assert.deepEqual(
    policyNips(on).sort((a, b) => a - b),
    [13, 42, 70],
  );
});
