import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DESK_LIST_KIND } from './kinds.js';
import { parseDeskCoordinate, parseDeskList } from './desk-list.js';
import type { NostrEvent } from './types.js';

const owner = 'a'.repeat(64);
const sara = 'b'.repeat(64);
const ev = (tags: string[][], pubkey = owner): NostrEvent => ({
  id: '0'.repeat(64),
  pubkey,
  created_at: 100,
  kind: DESK_LIST_KIND,
  tags,
  content: '',
  sig: '0'.repeat(128),
});

test('a desk list gives members, owner included, and its policy', () => {
  const desk = parseDeskList(
    { owner, d: 'd1' },
    ev([
      ['d', 'd1'],
      ['p', sara],
      ['p', 'not-a-key'],
      ['min-sources', '2'],
      ['primary-confirms', 'true'],
      ['state', 'rumour', 'Rumour', 'شایعه'],
      ['state', 'Bad Value'],
    ]),
  );
  assert.deepEqual([...desk.members].sort(), [owner, sara]);
  assert.equal(desk.minSources, 2);
  assert.equal(desk.primaryConfirms, true);
  assert.deepEqual(desk.states, [{ value: 'rumour', en: 'Rumour', fa: 'شایعه' }]);
  assert.equal(desk.updatedAt, 100);
});

test('a list by another key, of another d, or with a bad min-sources changes nothing', () => {
  for (const e of [
    ev(
      [
        ['d', 'd1'],
        ['p', sara],
      ],
      sara,
    ),
    ev([
      ['d', 'other'],
      ['p', sara],
    ]),
  ]) {
    const desk = parseDeskList({ owner, d: 'd1' }, e);
    assert.deepEqual([...desk.members], [owner]);
    assert.equal(desk.updatedAt, 0);
  }
  for (const bad of ['0', '21', '2.5', 'x', '']) {
    assert.equal(
      parseDeskList(
        { owner, d: 'd1' },
        ev([
          ['d', 'd1'],
          ['min-sources', bad],
        ]),
      ).minSources,
      3,
    );
  }
});

test('desk coordinates name kind 30000 only', () => {
  assert.deepEqual(parseDeskCoordinate(`30000:${owner}:x:y`), { owner, d: 'x:y' });
  assert.equal(parseDeskCoordinate(`30001:${owner}:x`), undefined);
});
