/** The UI languages. */
export type UiLocale = 'en' | 'fa';

/** Options of formatTime. */
export interface TimeOptions {
  locale: UiLocale;
  /** IANA zone such as 'Asia/Tehran'; the reader's own when omitted. */
  timeZone?: string;
  /** 'datetime' (default), 'date' or 'time'. */
  show?: 'datetime' | 'date' | 'time';
}

/** The Intl locale tag for a UI language: Persian calendar and Persian digits for 'fa'. */
function intlLocale(locale: UiLocale): string {
  return locale === 'fa' ? 'fa-IR-u-ca-persian-nu-arabext' : 'en';
}

/** True when Intl knows the IANA time zone name. */
function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Formats unix seconds as a date and/or time in the reader's language, calendar and zone. */
export function formatTime(unix: number, opts: TimeOptions): string {
  if (opts.timeZone !== undefined && !isValidTimeZone(opts.timeZone)) {
    throw new RangeError(`Unknown time zone: ${opts.timeZone}`);
  }
  const show = opts.show ?? 'datetime';
  const fmt: Intl.DateTimeFormatOptions = { timeZone: opts.timeZone };
  if (show !== 'time') fmt.dateStyle = 'medium';
  if (show !== 'date') fmt.timeStyle = 'short';
  return new Intl.DateTimeFormat(intlLocale(opts.locale), fmt).format(new Date(unix * 1000));
}
