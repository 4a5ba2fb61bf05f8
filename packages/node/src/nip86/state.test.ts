import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModerationRules, emptyModeration } from '@lifeline/policies';
import type { EventStore } from '@lifeline/store';
import { NaiveStore } from '@lifeline/store/testing';
import { ModerationStore, diffRows, rowsOf, snapshotOf } from './state.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

test('lists and rows convert both ways; a change writes only the rows it touched', () => {
  const rules = new ModerationRules();
  rules.banPubkey(A, 'spam');
  rules.allowKind(1);
  rules.allowKind(30023);
  rules.setInfo('name', 'خبر');
  const before = rules.snapshot();
  assert.deepEqual(snapshotOf(rowsOf(before)), before);
  rules.allowPubkey(A, '');
  rules.disallowKind(1);
  const { put, remove } = diffRows(before, rules.snapshot());
  assert.deepEqual(put, [
    { list: 'allowed-pubkey', subject: A, value: '' },
    { list: 'disallowed-kind', subject: '1', value: '' },
  ]);
  assert.deepEqual(remove, [
    { list: 'banned-pubkey', subject: A },
    { list: 'allowed-kind', subject: '1' },
  ]);
  assert.deepEqual(snapshotOf([{ list: 'future-list', subject: 'x', value: 'y' }]), emptyModeration());
});

test('two stores on one database: changes to different entries do not undo each other; refresh reads them', async () => {
  const db = new NaiveStore();
  const one = await ModerationStore.open(db);
  const two = await ModerationStore.open(db);
  await one.change((r) => r.banPubkey(A, 'one'));
  await two.change((r) => r.banPubkey(B, 'two'));
  await one.refresh();
  assert.deepEqual(one.rules.snapshot().bannedPubkeys, { [A]: 'one', [B]: 'two' });
  const failing = {
    moderationRows: () => db.moderationRows(),
    changeModeration: () => Promise.reject(new Error('disk full')),
  } as unknown as EventStore;
  const three = await ModerationStore.open(failing);
  await assert.rejects(
    three.change((r) => r.unbanPubkey(A)),
    /disk full/,
  );
  assert.ok(A in three.rules.snapshot().bannedPubkeys, 'a change that was not stored is undone');
});
