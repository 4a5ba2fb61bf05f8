import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keys, signed } from '@lifeline/testkit';
import { deletedOriginals, deletionRequestFilters, DELETION_LOOKUP_CHUNK } from './deleted-originals.js';

test("deletedOriginals: only a request from the original's own author counts", () => {
  const author = keys();
  const other = keys();
  const note = signed(author, { content: 'gone' });
  const kept = signed(author, { content: 'kept' });
  const refs = [note, kept].map((e) => ({ id: e.id, pubkey: e.pubkey }));
  const own = signed(author, { kind: 5, tags: [['e', note.id]] });
  const foreign = signed(other, { kind: 5, tags: [['e', kept.id]] });
  const notADeletion = signed(author, { kind: 1, tags: [['e', kept.id]] });
  assert.deepEqual([...deletedOriginals(refs, [own, foreign, notADeletion])], [note.id]);
  assert.deepEqual([...deletedOriginals(refs, [])], []);
});

test('deletionRequestFilters: one kind-5 filter per chunk, authors and ids once each', () => {
  const author = keys();
  const refs = Array.from({ length: DELETION_LOOKUP_CHUNK + 1 }, (_, i) => ({
    id: i.toString(16).padStart(64, '0'),
    pubkey: author.pk,
  }));
  const filters = deletionRequestFilters([...refs, refs[0]!]);
  assert.equal(filters.length, 2);
  assert.deepEqual(filters[0]!.kinds, [5]);
  assert.deepEqual(filters[0]!.authors, [author.pk]);
  assert.equal(filters[0]!['#e']!.length, DELETION_LOOKUP_CHUNK);
  assert.deepEqual(filters[1]!['#e'], [refs[DELETION_LOOKUP_CHUNK]!.id, refs[0]!.id]);
  assert.deepEqual(deletionRequestFilters([]), []);
});
