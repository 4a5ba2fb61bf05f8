import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeEvent } from '@lifeline/testkit';
import { protectedEvents, requireAuth } from './auth.js';
import { fakeClient, fakeInput } from './fixture.js';

const author = 'a'.repeat(64);
const other = 'b'.repeat(64);

test('requireAuth rejects unauthenticated WebSocket publishers and readers', () => {
  const { event, filter } = requireAuth();
  assert.match(event(fakeInput(fakeEvent(), { client: fakeClient() })) ?? '', /^auth-required: /);
  assert.equal(event(fakeInput(fakeEvent(), { client: fakeClient(other) })), undefined, 'any authed key may publish');
  assert.match(filter([{}], fakeClient()) ?? '', /^auth-required: /);
  assert.equal(filter([{}], fakeClient(author)), undefined);
});

test('requireAuth leaves the operator paths and internal queries alone', () => {
  const { event, filter } = requireAuth();
  for (const source of ['import', 'gateway', 'sync'] as const) {
    assert.equal(event(fakeInput(fakeEvent(), { source })), undefined, source);
  }
  assert.equal(filter([{}], undefined), undefined);
});

test('protectedEvents over a WebSocket needs auth as the author', () => {
  const p = protectedEvents();
  const ev = fakeEvent({ pubkey: author, tags: [['-']] });
  assert.equal(
    p(fakeInput(ev, { client: fakeClient() })),
    'auth-required: this event may only be published by its author',
  );
  assert.equal(
    p(fakeInput(ev, { client: fakeClient(other) })),
    'auth-required: this event may only be published by its author',
  );
  assert.equal(p(fakeInput(ev, { client: fakeClient(other, author) })), undefined);
  assert.equal(p(fakeInput(fakeEvent({ pubkey: author }), { client: fakeClient() })), undefined, 'unprotected passes');
});

test('protectedEvents trusts operator sources but not sync by default', () => {
  const ev = fakeEvent({ tags: [['-']] });
  const p = protectedEvents();
  for (const source of ['import', 'gateway'] as const) assert.equal(p(fakeInput(ev, { source })), undefined, source);
  assert.equal(p(fakeInput(ev, { source: 'sync' })), 'blocked: protected event');
  assert.equal(protectedEvents({ trustedSources: ['sync'] })(fakeInput(ev, { source: 'sync' })), undefined);
  assert.equal(
    protectedEvents({ trustedSources: [] })(fakeInput(ev, { source: 'import' })),
    'blocked: protected event',
  );
});
