import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareNewestFirst,
  compileFilter,
  indexedTagValue,
  matchFilter,
  matchFilters,
  validateFilter,
} from './filter.js';
import { randomInt } from 'node:crypto';
import { matchFilter as toolsMatchFilter } from 'nostr-tools/filter';
import type { Filter, NostrEvent } from './types.js';

const limits = { maxValues: 100 };
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

function event(over: Partial<NostrEvent> = {}): NostrEvent {
  return {
    id: A,
    pubkey: B,
    created_at: 1000,
    kind: 1,
    tags: [
      ['e', 'x'.repeat(64)],
      ['t', 'iran'],
      ['p', A, 'wss://relay'],
    ],
    content: 'Protests in Tehran',
    sig: 'c'.repeat(128),
    ...over,
  };
}

function reject(input: unknown, max = limits.maxValues): string {
  const r = validateFilter(input, { maxValues: max });
  assert.equal(r.ok, false, JSON.stringify(input));
  return r.ok ? '' : r.reason;
}

test('validateFilter accepts every NIP-01 field and copies only them', () => {
  const input = JSON.parse(
    `{"ids":["${A}"],"authors":[],"kinds":[0,1,65535],"since":0,"until":5,"limit":10,` +
      `"search":"x","#e":["x"],"#T":[]}`,
  ) as unknown;
  const r = validateFilter(input, limits);
  assert.ok(r.ok);
  assert.deepEqual(r.filter, input);
  assert.notEqual(r.filter, input);
  const empty = validateFilter({}, limits);
  assert.ok(empty.ok);
  assert.deepEqual(empty.filter, {});
});

test('validateFilter rejects malformed filters with invalid: reasons', () => {
  for (const bad of [null, 1, 'x', [], true]) assert.match(reject(bad), /^invalid: /);
  assert.match(reject({ foo: 1 }), /unknown filter key/);
  assert.match(reject({ '#ab': ['x'] }), /unknown filter key/);
  assert.match(reject({ '#1': ['x'] }), /unknown filter key/);
  assert.match(reject(JSON.parse('{"__proto__":[]}')), /unknown filter key/);
  assert.match(reject({ ids: A }), /array/);
  assert.match(reject({ ids: [A.toUpperCase()] }), /hex/);
  assert.match(reject({ ids: ['abc'] }), /hex/, 'prefixes are not allowed');
  assert.match(reject({ authors: [`${A}0`] }), /hex/);
  assert.match(reject({ authors: [1] }), /hex/);
  assert.match(reject({ kinds: [1.5] }), /kinds/);
  assert.match(reject({ kinds: [-1] }), /kinds/);
  assert.match(reject({ kinds: [65536] }), /kinds/);
  assert.match(reject({ kinds: ['1'] }), /kinds/);
  for (const k of ['since', 'until', 'limit']) {
    for (const v of [-1, 1.5, '1', null, 2 ** 60]) assert.match(reject({ [k]: v }), new RegExp(k));
  }
  assert.match(reject({ search: 1 }), /search/);
  assert.match(reject({ '#e': 'x' }), /array/);
  assert.match(reject({ '#e': [1] }), /strings/);
  assert.match(reject({ kinds: [1, 2, 3] }, 2), /too many/);
  assert.match(reject({ '#p': ['a', 'b', 'c'] }, 2), /too many/);
});

test('matchFilter checks each condition', () => {
  const e = event();
  const m = (f: Filter) => matchFilter(f, e);
  assert.ok(m({}));
  assert.ok(m({ ids: [B, A] }) && !m({ ids: [B] }) && !m({ ids: [] }));
  assert.ok(m({ authors: [B] }) && !m({ authors: [A] }));
  assert.ok(m({ kinds: [0, 1] }) && !m({ kinds: [7] }) && !m({ kinds: [] }));
  assert.ok(m({ since: 1000 }) && !m({ since: 1001 }));
  assert.ok(m({ until: 1000 }) && !m({ until: 999 }));
  assert.ok(m({ '#t': ['iran'] }) && m({ '#t': ['#Iran'] }) && !m({ '#t': ['ira'] }) && !m({ '#t': [] }));
  assert.ok(m({ '#p': [A] }) && !m({ '#P': [A] }));
  assert.ok(m({ '#e': ['x'.repeat(64)], '#t': ['no', 'iran'] }));
  assert.ok(!m({ '#e': ['x'.repeat(64)], '#t': ['no'] }));
  assert.ok(!m({ '#d': [''] }), 'missing tag does not match empty value');
  assert.ok(m({ limit: 0 }), 'limit is ignored');
  assert.ok(m({ search: 'tehran protest' }) && !m({ search: 'shiraz' }));
  assert.ok(m({ ids: [A], '#t': undefined }));
});

test('matchFilter uses sets for long value lists with identical results', () => {
  const many = Array.from({ length: 200 }, (_, i) => i.toString(16).padStart(64, '0'));
  const f: Filter = { authors: many, kinds: Array.from({ length: 50 }, (_, i) => i + 2) };
  assert.ok(!matchFilter(f, event()));
  assert.ok(!matchFilter(f, event({ pubkey: many[150]! })));
  assert.ok(matchFilter(f, event({ pubkey: many[150]!, kind: 40 })));
  assert.ok(matchFilter({ '#t': [...many, 'iran'] }, event()));
});

test('compileFilter: search can be ignored; #t, and only #t, compares folded hashtags', () => {
  const e = event({
    tags: [
      ['t', 'ایران'],
      ['e', 'x'],
      ['T', 'Upper'],
    ],
  });
  const reader = (f: Filter) => compileFilter(f, { ignoreSearch: true })(e);
  const relay = (f: Filter) => compileFilter(f)(e);
  assert.ok(reader({ search: 'shiraz' }) && !relay({ search: 'shiraz' }));
  assert.ok(relay({ '#t': ['#ايران'] }), 'Arabic yeh folds to Persian yeh, # dropped');
  assert.ok(relay({ '#t': ['x', 'ایران'] }) && !relay({ '#t': ['iran'] }) && !relay({ '#t': [] }));
  assert.ok(!relay({ '#T': ['upper'] }) && relay({ '#T': ['Upper'] }), 'only #t folds');
  assert.ok(!relay({ '#e': ['X'] }) && relay({ '#e': ['x'] }));
  assert.ok(compileFilter({ '#t': ['iranelection'] })(event({ tags: [['t', 'IranElection']] })));
});

test('#t finds every spelling: Arabic kaf and yeh, ZWNJ, Arabic-Indic digits', () => {
  const tagged = (t: string) => event({ tags: [['t', t]] });
  for (const [stored, asked] of [
    ['كتاب', 'کتاب'],
    ['مي\u200cخواهيم', 'میخواهیم'],
    ['١٨تير', '18تیر'],
    ['۱۸تیر', '١٨تير'],
  ] as const) {
    assert.ok(matchFilter({ '#t': [asked] }, tagged(stored)), `${asked} finds ${stored}`);
    assert.ok(matchFilter({ '#t': [stored] }, tagged(asked)), `${stored} finds ${asked}`);
    assert.equal(indexedTagValue('t', stored), indexedTagValue('t', asked));
    assert.equal(indexedTagValue('d', stored), stored, 'other tags stay exact');
  }
});

test('compareNewestFirst sorts newest first, ties by the lowest id', () => {
  const xs = [
    { created_at: 1, id: 'b' },
    { created_at: 2, id: 'c' },
    { created_at: 1, id: 'a' },
    { created_at: 2, id: 'a' },
  ];
  assert.deepEqual(xs.sort(compareNewestFirst), [
    { created_at: 2, id: 'a' },
    { created_at: 2, id: 'c' },
    { created_at: 1, id: 'a' },
    { created_at: 1, id: 'b' },
  ]);
  assert.equal(compareNewestFirst({ created_at: 1, id: 'a' }, { created_at: 1, id: 'a' }), 0);
});

test('matchFilters is an OR over filters', () => {
  const e = event();
  assert.ok(!matchFilters([], e));
  assert.ok(matchFilters([{ kinds: [7] }, { authors: [B] }], e));
  assert.ok(!matchFilters([{ kinds: [7] }, { authors: [A] }], e));
});

test('matchFilter agrees with nostr-tools on random filters and events', () => {
  // Small pools so that random filters and events often overlap.
  const hex = ['0', '1', '2'].map((c) => c.repeat(64));
  const pick = <T>(xs: readonly T[]): T => xs[randomInt(xs.length)]!;
  const some = <T>(xs: readonly T[]): T[] => xs.filter(() => randomInt(2) === 0);
  const letters = ['e', 'p', 't', 'E'];
  const values = ['x', 'y', ''];
  for (let i = 0; i < 3000; i++) {
    const e = event({
      id: pick(hex),
      pubkey: pick(hex),
      kind: pick([0, 1, 7]),
      created_at: 1 + randomInt(10),
      tags: Array.from({ length: randomInt(4) }, () => [pick(letters), pick(values)]),
    });
    const f: Filter = {};
    if (randomInt(3) === 0) f.ids = some(hex);
    if (randomInt(3) === 0) f.authors = some(hex);
    if (randomInt(3) === 0) f.kinds = some([0, 1, 7]);
    // nostr-tools treats since/until 0 as absent, so keep them positive here.
    if (randomInt(3) === 0) f.since = 1 + randomInt(10);
    if (randomInt(3) === 0) f.until = 1 + randomInt(10);
    for (const l of letters) if (randomInt(4) === 0) f[`#${l}`] = some(values);
    assert.equal(matchFilter(f, e), toolsMatchFilter(f, e), JSON.stringify({ f, e }));
  }
});

test('search length and word count are bounded when asked, with an invalid: reason', () => {
  const limits = { maxValues: 10, maxSearchLength: 40, maxSearchTerms: 3 };
  assert.equal(validateFilter({ search: 'azadi square tehran' }, limits).ok, true);
  assert.equal(validateFilter({ search: 'آزادی آزادی آزادی آزادی' }, limits).ok, true, 'repeated words count once');
  const many = validateFilter({ search: 'a b c d' }, limits);
  assert.deepEqual(many, { ok: false, reason: 'invalid: search has too many words (4, max 3)' });
  const long = validateFilter({ search: 'x'.repeat(41) }, limits);
  assert.deepEqual(long, { ok: false, reason: 'invalid: search is too long (max 40 characters)' });
  assert.equal(validateFilter({ search: 'x'.repeat(41) }, { maxValues: 10 }).ok, true, 'unbounded by default');
});
