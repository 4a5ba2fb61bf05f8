import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NostrEvent } from '@lifeline/nostr';
import { keys, signed } from '@lifeline/testkit';
import { flipBit, randomEvents } from './test-events.js';
import { loadBackend, loadNative, packEvents, preferredBackend, verifySync, type Backend } from './backend.js';

// BIP-340 test vectors 0-14 (bitcoin/bips bip-0340/test-vectors.csv, final even-y revision): pubkey,
// message, sig, valid.
const VECTORS: [string, string, string, boolean][] = [
  [
    'F9308A019258C31049344F85F89D5229B531C845836F99B08601F113BCE036F9',
    '0000000000000000000000000000000000000000000000000000000000000000',
    'E907831F80848D1069A5371B402410364BDF1C5F8307B0084C55F1CE2DCA821525F66A4A85EA8B71E482A74F382D2CE5EBEEE8FDB2172F477DF4900D310536C0',
    true,
  ],
  [
    'DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659',
    '243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89',
    '6896BD60EEAE296DB48A229FF71DFE071BDE413E6D43F917DC8DCF8C78DE33418906D11AC976ABCCB20B091292BFF4EA897EFCB639EA871CFA95F6DE339E4B0A',
    true,
  ],
  [
    'DD308AFEC5777E13121FA72B9CC1B7CC0139715309B086C960E18FD969774EB8',
    '7E2D58D8B3BCDF1ABADEC7829054F90DDA9805AAB56C77333024B9D0A508B75C',
    '5831AAEED7B44BB74E5EAB94BA9D4294C49BCF2A60728D8B4C200F50DD313C1BAB745879A5AD954A72C45A91C3A51D3C7ADEA98D82F8481E0E1E03674A6F3FB7',
    true,
  ],
  [
    '25D1DFF95105F5253C4022F628A996AD3A0D95FBF21D468A1B33F8C160D8F517',
    'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF',
    '7EB0509757E246F19449885651611CB965ECC1A187DD51B64FDA1EDC9637D5EC97582B9CB13DB3933705B32BA982AF5AF25FD78881EBB32771FC5922EFC66EA3',
    true,
  ],
  [
    'D69C3509BB99E412E68B0FE8544E72837DFA30746D8BE2AA65975F29D22DC7B9',
    '4DF3C3F68FCC83B27E9D42C90431A72499F17875C81A599B566C9889B9696703',
    '00000000000000000000003B78CE563F89A0ED9414F5AA28AD0D96D6795F9C6376AFB1548AF603B3EB45C9F8207DEE1060CB71C04E80F593060B07D28308D7F4',
    true,
  ],
  [
    'EEFDEA4CDB677750A420FEE807EACF21EB9898AE79B9768766E4FAA04A2D4A34',
    '243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89',
    '6CFF5C3BA86C69EA4B7376F31A9BCB4F74C1976089B2D9963DA2E5543E17776969E89B4C5564D00349106B8497785DD7D1D713A8AE82B32FA79D5F7FC407D39B',
    false,
  ],
  [
    'DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659',
    '243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89',
    'FFF97BD5755EEEA420453A14355235D382F6472F8568A18B2F057A14602975563CC27944640AC607CD107AE10923D9EF7A73C643E166BE5EBEAFA34B1AC553E2',
    false,
  ],
  [
    'DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659',
    '243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89',
    '1FA62E331EDBC21C394792D2AB1100A7B432B013DF3F6FF4F99FCB33E0E1515F28890B3EDB6E7189B630448B515CE4F8622A954CFE545735AAEA5134FCCDB2BD',
    false,
  ],
  [
    'DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659',
    '243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89',
    '6CFF5C3BA86C69EA4B7376F31A9BCB4F74C1976089B2D9963DA2E5543E177769961764B3AA9B2FFCB6EF947B6887A226E8D7C93E00C5ED0C1834FF0D0C2E6DA6',
    false,
  ],
  [
    'DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659',
    '243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89',
    '0000000000000000000000000000000000000000000000000000000000000000123DDA8328AF9C23A94C1FEECFD123BA4FB73476F0D594DCB65C6425BD186051',
    false,
  ],
  [
    'DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659',
    '243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89',
    '00000000000000000000000000000000000000000000000000000000000000017615FBAF5AE28864013C099742DEADB4DBA87F11AC6754F93780D5A1837CF197',
    false,
  ],
  [
    'DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659',
    '243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89',
    '4A298DACAE57395A15D0795DDBFD1DCB564DA82B0F269BC70A74F8220429BA1D69E89B4C5564D00349106B8497785DD7D1D713A8AE82B32FA79D5F7FC407D39B',
    false,
  ],
  [
    'DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659',
    '243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89',
    'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F69E89B4C5564D00349106B8497785DD7D1D713A8AE82B32FA79D5F7FC407D39B',
    false,
  ],
  [
    'DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659',
    '243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89',
    '6CFF5C3BA86C69EA4B7376F31A9BCB4F74C1976089B2D9963DA2E5543E177769FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141',
    false,
  ],
  [
    'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC30',
    '243F6A8885A308D313198A2E03707344A4093822299F31D0082EFA98EC4E6C89',
    '6CFF5C3BA86C69EA4B7376F31A9BCB4F74C1976089B2D9963DA2E5543E17776969E89B4C5564D00349106B8497785DD7D1D713A8AE82B32FA79D5F7FC407D39B',
    false,
  ],
];

const native = loadNative();
const noNative = native ? false : 'native addon not built';

test('native addon passes the BIP-340 test vectors, with and without the pubkey cache', { skip: noNative }, () => {
  const records = Buffer.concat(VECTORS.map(([pk, msg, sig]) => Buffer.from(msg + pk + sig, 'hex')));
  const expected = VECTORS.map(([, , , ok]) => (ok ? 1 : 0));
  for (const cache of [true, false, true]) {
    assert.deepEqual([...native!.verifyBatch(records, cache)], expected);
  }
});

test('native addon rejects input that is not whole 128-byte records', { skip: noNative }, () => {
  assert.throws(() => native!.verifyBatch(new Uint8Array(127)), RangeError);
  assert.throws(() => native!.verifyBatch('x' as unknown as Uint8Array), TypeError);
  assert.deepEqual([...native!.verifyBatch(new Uint8Array(0))], []);
});

test('packEvents lays out id, pubkey, sig', () => {
  const e = signed(keys());
  assert.equal(Buffer.from(packEvents([e])).toString('hex'), e.id + e.pubkey + e.sig);
});

const backends: [string, () => Promise<Backend>, false | string][] = [
  ['native', () => loadBackend('native'), noNative],
  ['wasm', () => loadBackend('wasm'), false],
];

for (const [name, load, skip] of backends) {
  test(`${name}: valid events verify, a flipped bit in sig, pubkey or id does not`, { skip }, async () => {
    const b = await load();
    assert.equal(b.name, name);
    const e = signed(keys());
    const bad = (['sig', 'pubkey', 'id'] as const).map((f) => ({ ...e, [f]: flipBit(e[f]) }));
    assert.deepEqual([...b.verifyEvents([e, ...bad])], [1, 0, 0, 0]);
  });

  test(`${name}: pubkeys off the curve and malformed hex are invalid, not errors`, { skip }, async () => {
    const b = await load();
    const e = signed(keys());
    const variants: NostrEvent[] = [
      { ...e, pubkey: VECTORS[5]![0].toLowerCase() },
      { ...e, pubkey: VECTORS[14]![0].toLowerCase() },
      { ...e, pubkey: e.pubkey.toUpperCase() },
      { ...e, sig: e.sig.slice(2) },
      { ...e, sig: `${e.sig}00` },
      { ...e, id: `zz${e.id.slice(2)}` },
      { ...e, pubkey: undefined as unknown as string },
      e,
    ];
    assert.deepEqual([...b.verifyEvents(variants)], [0, 0, 0, 0, 0, 0, 0, 1]);
  });
}

test('both backends agree on 500 random valid and invalid events', { skip: noNative }, async () => {
  const { events, expected } = randomEvents(500);
  const want = expected.map((ok) => (ok ? 1 : 0));
  assert.deepEqual([...(await loadBackend('native')).verifyEvents(events)], want);
  assert.deepEqual([...(await loadBackend('wasm')).verifyEvents(events)], want);
  // Same pubkeys again, now served from the addon's cache, and with the cache off.
  const records = packEvents(events);
  assert.deepEqual([...native!.verifyBatch(records, true)], want);
  assert.deepEqual([...native!.verifyBatch(records, false)], want);
});

test('a backend asked for is used; auto picks native when the addon is built', () => {
  assert.equal(preferredBackend('wasm'), 'wasm');
  assert.equal(preferredBackend('native'), 'native');
  assert.equal(preferredBackend('auto'), native ? 'native' : 'wasm');
  assert.equal(preferredBackend(), native ? 'native' : 'wasm');
});

test('verifySync checks one event on the calling thread', async () => {
  await loadBackend();
  const e = signed(keys());
  assert.equal(verifySync(e), true);
  assert.equal(verifySync({ ...e, sig: flipBit(e.sig) }), false);
});
