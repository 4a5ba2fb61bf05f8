import { formatRelative, formatTime } from '@lifeline/client';
import { lang } from '../i18n/index.js';
import { prefs } from '../state/prefs.js';
import { createStore, useStore } from '../state/store.js';

/** The current minute, in unix seconds: one timer for every relative time on screen. */
const clock = createStore(Math.floor(Date.now() / 1000));
let ticking = false;

/**
 * A post's time in the reader's language, calendar and chosen time zone. `relative` shows "2m" /
 * "۲ دقیقه" (kept current each minute) with the full date on hover and for screen readers' title.
 */
export function Time(props: { ts: number; relative?: boolean }) {
  const now = useStore(clock);
  const date = new Date(props.ts * 1000);
  const opts = { locale: lang(), timeZone: prefs.timeZone() };
  const full = formatTime(props.ts, opts);
  if (!props.relative) return <time dateTime={date.toISOString()}>{full}</time>;
  if (!ticking) {
    ticking = true;
    setInterval(() => clock.set(Math.floor(Date.now() / 1000)), 60_000);
  }
  return (
    <time dateTime={date.toISOString()} title={full}>
      {formatRelative(props.ts, Math.max(now, Math.floor(Date.now() / 1000)), opts)}
    </time>
  );
}
