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
