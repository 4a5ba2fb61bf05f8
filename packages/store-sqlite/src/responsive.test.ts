import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fastStored } from '@lifeline/store/testing';
import { keys, seededRandom } from '@lifeline/testkit';
import { openSqliteStore } from './index.js';

test('the main thread stays responsive while 20 heavy reads run', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-responsive-'));
  const store = await openSqliteStore({ path: join(dir, 'r.db'), synchronous: 'NORMAL', readThreads: 2 });
  try {
    // 2000 posts of ~10 KB of words: a one-letter search prefix matches every word of every post,
    // so each read below is one SQLite statement of several hundred ms that nothing can slice.
    const key = keys();
    const rand = seededRandom(5);
    const posts = Array.from({ length: 2000 }, (_, i) => {
      const content = Array.from({ length: 1500 }, () => `w${Math.floor(rand() * 2000).toString(36)}`).join(' ');
      return fastStored(key, { created_at: 1_700_000_000 + i, content });
    });
    await store.save(posts);
    const began = performance.now();
    assert.equal(await store.count([{ search: 'w' }]), 2000);
    t.diagnostic(`one heavy read alone: ${(performance.now() - began).toFixed(0)} ms`);

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const reads = Array.from({ length: 20 }, (_, i) =>
      i % 2 ? store.count([{ search: 'w' }]) : store.query([{ search: 'w1', limit: 20 }], { maxLimit: 50 }),
    );
    const answers = await Promise.all(reads);
    delay.disable();
    assert.deepEqual(
      answers.map((a) => (typeof a === 'number' ? a : a.length)),
      Array.from({ length: 20 }, (_, i) => (i % 2 ? 2000 : 20)),
    );
    const p99 = delay.percentile(99) / 1e6;
    t.diagnostic(`event-loop delay p99 ${p99.toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`);
    // Inline, every one of those statements would hold the event loop for its whole run.
    assert.ok(p99 < 100, `event-loop delay p99 ${p99.toFixed(1)} ms`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
