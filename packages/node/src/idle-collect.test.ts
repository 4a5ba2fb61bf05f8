import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

const MODULE = new URL('./idle-collect.js', import.meta.url).href;

/**
 * In a fresh process: leaves 24 MB of dead buffers behind (as a burst of reads does), goes idle,
 * and reports the RSS just after and 1.5 s later, with or without the collector (looking every 200 ms).
 */
function afterBurst(collector: boolean): { before: number; after: number } {
  const script = `
    import { collectWhenQuiet } from ${JSON.stringify(MODULE)};
    const c = ${collector} ? collectWhenQuiet(200) : { stop() {} };
    (() => { const keep = []; for (let i = 0; i < 48; i++) keep.push(Buffer.allocUnsafeSlow(512 * 1024).fill(7)); })();
    const before = process.memoryUsage().rss;
    setTimeout(() => {
      console.log(JSON.stringify({ before, after: process.memoryUsage().rss }));
      c.stop();
    }, 1500);
  `;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

test('dead buffers left by a burst are returned once the process is quiet, and stay without the collector', () => {
  const MB = 1024 * 1024;
  const on = afterBurst(true);
  assert.ok(on.after < on.before - 16 * MB, `with the collector: ${on.before / MB} -> ${on.after / MB} MB`);
  // V8 alone collects nothing in an idle process: the case the collector exists for.
  const off = afterBurst(false);
  assert.ok(off.after > off.before - 8 * MB, `without: ${off.before / MB} -> ${off.after / MB} MB`);
});

/**
 * In a fresh process: a burst of short-lived objects grows V8's young generation (as a REQ flood
 * does), then the process idles; reports the young generation's resident bytes just after and
 * `waitMs` later, with or without the collector (looking every 500 ms).
 */
function youngAfterBurst(collector: boolean, waitMs: number): { before: number; after: number } {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { collectWhenQuiet } from ${JSON.stringify(MODULE)};
    const young = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').physical_space_size;
    const c = ${collector} ? collectWhenQuiet(500) : { stop() {} };
    let keep = [];
    for (let r = 0; r < 20; r++) {
      const a = [];
      for (let i = 0; i < 20000; i++) a.push({ s: 'x'.repeat(40) + i, i });
      keep.push(a);
      if (keep.length > 4) keep.shift();
    }
    keep = [];
    const before = young();
    setTimeout(() => {
      console.log(JSON.stringify({ before, after: young() }));
      c.stop();
    }, ${waitMs});
  `;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

test('the young generation a burst grew is given back once the process is quiet, and stays without the collector', () => {
  const MB = 1024 * 1024;
  // Up to three tries 5 s apart (V8 judges its allocation rate over ~5 s): 12 s covers two.
  const on = youngAfterBurst(true, 12_000);
  assert.ok(on.before >= 8 * MB, `the burst grew it: ${on.before / MB} MB`);
  assert.ok(on.after <= 2 * MB, `with the collector: ${on.before / MB} -> ${on.after / MB} MB`);
  const off = youngAfterBurst(false, 12_000);
  assert.ok(off.after >= 8 * MB, `without: ${off.before / MB} -> ${off.after / MB} MB`);
});
