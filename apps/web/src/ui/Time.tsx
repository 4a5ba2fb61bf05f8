import { formatTime } from '@lifeline/client';
import { lang } from '../i18n/index.js';
import { prefs } from '../state/prefs.js';

/** A post's time in the reader's language, calendar and chosen time zone. */
export function Time(props: { ts: number }) {
  const date = new Date(props.ts * 1000);
  return (
    <time dateTime={date.toISOString()}>{formatTime(props.ts, { locale: lang(), timeZone: prefs.timeZone() })}</time>
  );
}
