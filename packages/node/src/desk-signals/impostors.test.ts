import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LookalikeVerdict } from '@lifeline/desk-signals';
import { fakeEvent } from '@lifeline/testkit';
import { ImpostorIndex } from './impostors.js';

const pk = (n: number) => n.toString(16).padStart(64, '0');
let at = 1_700_000_000;
const profile = (who: string, content: object) =>
  fakeEvent({ pubkey: who, kind: 0, content: JSON.stringify(content), created_at: ++at });
const follows = (who: string, ...targets: string[]) =>
  fakeEvent({ pubkey: who, kind: 3, tags: targets.map((t) => ['p', t]), created_at: ++at });

function index(trusted: string[] = []) {
  const said: LookalikeVerdict[] = [];
  const cleared: string[] = [];
  const idx = new ImpostorIndex({
    minFollowers: 2,
    isTrusted: (p) => trusted.includes(p),
    trusted: () => trusted,
    onVerdict: (v) => said.push(v),
    onCleared: (p) => cleared.push(p),
  });
  return { idx, said, cleared };
}

test('a one-edit copy of a followed name with a look-alike NIP-05 is found through the deletion index', () => {
  const { idx, said } = index();
  idx.observe(profile(pk(1), { name: 'Tehran Bureau', nip05: 'news@tehranbureau.org' }));
  idx.observe(follows(pk(90), pk(1)));
  idx.observe(follows(pk(91), pk(1)));
  assert.ok(idx.isProtected(pk(1)));
  // One letter dropped (names one edit apart) and a NIP-05 whose domain has a zero for an o.
  idx.observe(profile(pk(2), { name: 'Tehran Bureu', nip05: 'news@tehranbureau.0rg' }));
  // A plain one-edit variant without a disguise, picture or NIP-05 is not flagged.
  idx.observe(profile(pk(3), { name: 'Tehran Burea' }));
  assert.deepEqual(
    said.map((v) => [v.pubkey, v.imitates]),
    [[pk(2), pk(1)]],
  );
});

test('an account that becomes protected later has its earlier copies flagged; loading judges once', () => {
  const { idx, said } = index();
  idx.beginLoading();
  idx.observe(profile(pk(2), { display_name: 'مریم خبرنگار' }));
  idx.observe(profile(pk(1), { display_name: 'مريم خبرنگار' })); // the original uses Arabic yeh
  idx.observe(follows(pk(90), pk(1)));
  idx.observe(follows(pk(91), pk(1)));
  assert.equal(said.length, 0, 'nothing judged while loading');
  idx.endLoading();
  assert.deepEqual(
    said.map((v) => [v.pubkey, v.imitates, v.reasons]),
    [[pk(2), pk(1), ['disguised-name']]],
  );
});

test('desk-trusted accounts are protected with no followers; a protected account is never flagged', () => {
  const { idx, said, cleared } = index([pk(1)]);
  idx.observe(profile(pk(1), { name: 'Sara Newsdesk' }));
  idx.observe(profile(pk(2), { name: 'Sаra Newsdesk' }));
  assert.equal(idx.verdict(pk(2))?.imitates, pk(1));
  // The copy gains followers and becomes protected itself: its flag is withdrawn.
  idx.observe(follows(pk(90), pk(2)));
  idx.observe(follows(pk(91), pk(2)));
  assert.equal(idx.verdict(pk(2)), undefined);
  assert.deepEqual(cleared, [pk(2)]);
  assert.equal(said.length, 1);
});

test('malformed profiles change nothing', () => {
  const { idx, said } = index([pk(1)]);
  idx.observe(profile(pk(1), { name: 'Sara Newsdesk' }));
  idx.observe(fakeEvent({ pubkey: pk(2), kind: 0, content: '{not json', created_at: ++at }));
  idx.observe(fakeEvent({ pubkey: pk(3), kind: 0, content: '"a string"', created_at: ++at }));
  idx.observe(fakeEvent({ pubkey: pk(4), kind: 0, content: JSON.stringify({ name: 42 }), created_at: ++at }));
  assert.equal(said.length, 0);
});
