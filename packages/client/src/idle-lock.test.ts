import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createIdleLock, type TimerFns } from './idle-lock.js';

/** Manual timers: advance(ms) fires what is due. */
function fakeTimers(): TimerFns & { advance(ms: number): void } {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  return {
    setTimeout(fn, ms) {
      const id = next++;
      due.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(h) {
      due.delete(h as number);
    },
    advance(ms) {
      now += ms;
      for (const [id, t] of [...due]) {
        if (t.at <= now) {
          due.delete(id);
          t.fn();
        }
      }
    },
  };
}

test('locks after N idle minutes; activity postpones it; stop cancels it', () => {
  const timers = fakeTimers();
  let locks = 0;
  const idle = createIdleLock({ minutes: 5, onLock: () => locks++, timers });
  timers.advance(4 * 60_000);
  idle.touch();
  timers.advance(4 * 60_000);
  assert.equal(locks, 0);
  timers.advance(60_000);
  assert.equal(locks, 1);
  timers.advance(10 * 60_000);
  assert.equal(locks, 1, 'fires once per idle period');
  idle.touch();
  idle.stop();
  timers.advance(10 * 60_000);
  assert.equal(locks, 1);
});

test('refuses a non-positive timeout', () => {
  assert.throws(() => createIdleLock({ minutes: 0, onLock: () => {} }), RangeError);
});
