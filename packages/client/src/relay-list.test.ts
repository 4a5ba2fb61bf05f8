import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRelayList, relayListOrDefault } from './relay-list.js';
import type { SignedEvent } from './types.js';

/** With no defaults, relayListOrDefault gives the list exactly as the event states it. */
const parseRelayList = (e: Pick<SignedEvent, 'kind' | 'tags'>) => relayListOrDefault(e, []);

test('parses unmarked, read and write r tags, normalizing and deduplicating', () => {
  const list = parseRelayList({
    kind: 10002,
    tags: [
      ['r', 'wss://Both.example/'],
      ['r', 'wss://r.example', 'read'],
      ['r', 'wss://w.example', 'write'],
      ['r', 'not a url'],
      ['r', 'wss://both.example'],
      ['p', 'x'],
    ],
  });
  assert.deepEqual(list, {
    read: ['wss://both.example', 'wss://r.example'],
    write: ['wss://both.example', 'wss://w.example'],
  });
  assert.deepEqual(parseRelayList({ kind: 3, tags: [['r', 'wss://x']] }), { read: [], write: [] });
});

test('builds one tag per relay with markers only where needed, and round-trips', () => {
  const t = buildRelayList({ read: ['wss://a', 'wss://r'], write: ['wss://a', 'wss://w'] }, { created_at: 1 });
  assert.deepEqual(t.tags, [
    ['r', 'wss://a'],
    ['r', 'wss://r', 'read'],
    ['r', 'wss://w', 'write'],
  ]);
  assert.deepEqual(parseRelayList({ kind: t.kind, tags: t.tags }), {
    read: ['wss://a', 'wss://r'],
    write: ['wss://a', 'wss://w'],
  });
  assert.throws(() => buildRelayList({ read: [], write: ['wss://a'] }), /at least one/);
});

test('falls back to the defaults for a missing list or an empty side', () => {
  assert.deepEqual(relayListOrDefault(undefined, ['ws://node.local:8080/']), {
    read: ['ws://node.local:8080'],
    write: ['ws://node.local:8080'],
  });
  assert.deepEqual(relayListOrDefault({ kind: 10002, tags: [['r', 'wss://r', 'read']] }, ['wss://d']), {
    read: ['wss://r'],
    write: ['wss://d'],
  });
});
