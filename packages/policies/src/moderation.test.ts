import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeEvent } from '@lifeline/testkit';
import { ModerationRules, moderationPolicy } from './moderation.js';
import { fakeInput } from './fixture.js';
import { policyNips } from './types.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

test('a banned pubkey and a banned event are refused with the reason; the node itself passes', () => {
  const rules = new ModerationRules();
  const p = moderationPolicy(rules, true);
  assert.equal(p(fakeInput(fakeEvent({ pubkey: A }))), undefined);
  rules.banPubkey(A, 'spam');
  assert.equal(p(fakeInput(fakeEvent({ pubkey: A }))), 'blocked: this pubkey is banned by the operator (spam)');
  assert.equal(
    p(fakeInput(fakeEvent({ pubkey: A }), { source: 'sync' })),
    'blocked: this pubkey is banned by the operator (spam)',
  );
  assert.equal(p(fakeInput(fakeEvent({ pubkey: A }), { source: 'node' })), undefined);
  rules.unbanPubkey(A);
  assert.equal(p(fakeInput(fakeEvent({ pubkey: A }))), undefined);
  const e = fakeEvent({ pubkey: B });
  rules.banEvent(e.id, '');
  assert.equal(p(fakeInput(e)), 'blocked: this event was removed by the operator');
  rules.allowEvent(e.id, 'reviewed');
  assert.equal(p(fakeInput(e)), undefined);
});

test('allow lists: banning and allowing move a pubkey between lists; kinds; deletions always pass', () => {
  const rules = new ModerationRules();
  const p = moderationPolicy(rules, false);
  rules.allowPubkey(A, '');
  assert.match(p(fakeInput(fakeEvent({ pubkey: B }))) ?? '', /^blocked: only pubkeys on/);
  rules.banPubkey(A, '');
  assert.deepEqual(Object.keys(rules.snapshot().allowedPubkeys), []);
  rules.unbanPubkey(A);
  rules.allowKind(1);
  assert.equal(p(fakeInput(fakeEvent({ kind: 1 }))), undefined);
  assert.equal(p(fakeInput(fakeEvent({ kind: 7 }))), 'blocked: kind 7 is not accepted by this relay');
  assert.equal(p(fakeInput(fakeEvent({ kind: 5 }))), undefined);
  rules.disallowKind(1);
  assert.deepEqual(rules.snapshot().allowedKinds, []);
  assert.deepEqual(rules.snapshot().disallowedKinds, [1]);
  assert.equal(p(fakeInput(fakeEvent({ kind: 1 }))), 'blocked: kind 1 is not accepted by this relay');
  assert.equal(p(fakeInput(fakeEvent({ kind: 7 }))), undefined);
});

test('NIP-86 is advertised only when asked (admins configured)', () => {
  const rules = new ModerationRules();
  const policies = (advertise: boolean) => ({
    rejectEvent: [moderationPolicy(rules, advertise)],
    rejectSignedEvent: [],
    rejectFilter: [],
  });
  assert.deepEqual(policyNips(policies(true)), [86]);
  assert.deepEqual(policyNips(policies(false)), []);
});
