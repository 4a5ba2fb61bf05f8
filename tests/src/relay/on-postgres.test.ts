import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startTestNode } from '@lifeline/testkit/node';

// The relay's end-to-end suites (but the load tests) again, with every test node keeping its events in its own database
// on a real PostgreSQL server that this process starts (`@lifeline/testkit/postgres`) and stops.
process.env.LIFELINE_TEST_STORE = 'postgres';
await import('./nip01.test.js');
await import('./nips.test.js');
await import('./durability.test.js');
await import('./budgets.test.js');
await import('./abuse.test.js');
await import('./deleted-reposts.test.js');
await import('./hashtags.test.js');
// The live-blog pages read their entries from the store too.
await import('../live/liveblog.test.js');

test('the nodes of this file keep their events in PostgreSQL, not in the data directory', async () => {
  const node = await startTestNode();
  try {
    assert.equal(node.store.constructor.name, 'PostgresStore');
    assert.equal(existsSync(join(node.dataDir, 'lifeline.db')), false);
  } finally {
    await node.stop();
  }
});
