import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRelative, formatTime } from './time.js';

// 13 June 2009, 18:15 UTC = 22:45 in Tehran (+04:30 summer time then).
const t = Date.UTC(2009, 5, 13, 18, 15) / 1000;

test('Persian uses the Persian calendar and Persian digits', () => {
  const s = formatTime(t, { locale: 'fa', timeZone: 'Asia/Tehran' });
  assert.match(s, /۲۳/);
  assert.match(s, /خرداد/);
  assert.match(s, /۱۳۸۸/);
  assert.match(s, /۲۲:۴۵/);
  assert.doesNotMatch(s, /[0-9]/);
});

test('English in a chosen zone, and the same instant in another zone', () => {
  assert.equal(formatTime(t, { locale: 'en', timeZone: 'Asia/Tehran' }), 'Jun 13, 2009, 10:45 PM');
  assert.equal(formatTime(t, { locale: 'en', timeZone: 'America/New_York', show: 'time' }), '2:15 PM');
  assert.equal(formatTime(t, { locale: 'en', timeZone: 'UTC', show: 'date' }), 'Jun 13, 2009');
});

test('an unknown zone is a clear error', () => {
  assert.throws(() => formatTime(t, { locale: 'en', timeZone: 'Mars/Olympus' }), /Unknown time zone: Mars\/Olympus/);
});

test('formatRelative: now, minutes, hours, days, then the date; Persian words and digits', () => {
  const now = 1_700_000_000;
  const en = { locale: 'en' as const, timeZone: 'UTC' };
  const fa = { locale: 'fa' as const, timeZone: 'UTC' };
  assert.equal(formatRelative(now - 30, now, en), 'now');
  assert.equal(formatRelative(now - 30, now, fa), 'اکنون');
  assert.equal(formatRelative(now - 120, now, en), '2m');
  assert.equal(formatRelative(now - 120, now, fa), '۲ دقیقه');
  assert.equal(formatRelative(now - 3 * 3600, now, en), '3h');
  assert.equal(formatRelative(now - 3 * 3600, now, fa), '۳ ساعت');
  assert.equal(formatRelative(now - 2 * 86400, now, en), '2d');
  assert.equal(formatRelative(now - 30 * 86400, now, en), formatTime(now - 30 * 86400, { ...en, show: 'date' }));
  assert.equal(formatRelative(now + 3600, now, en), formatTime(now + 3600, { ...en, show: 'date' }));
});
