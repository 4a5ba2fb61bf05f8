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

/** Words for relative times, per UI language ("2m" in English, "۲ دقیقه" in Persian). */
const RELATIVE: Record<UiLocale, { now: string; m: string; h: string; d: string }> = {
  en: { now: 'now', m: '{n}m', h: '{n}h', d: '{n}d' },
  fa: { now: 'اکنون', m: '{n} دقیقه', h: '{n} ساعت', d: '{n} روز' },
};

/**
 * A short relative time: "now" under a minute, then minutes, hours, and days up to a week; older
 * (or future, from a skewed clock) times fall back to the date. Digits follow the language.
 */
export function formatRelative(unix: number, nowUnix: number, opts: TimeOptions): string {
  const ago = nowUnix - unix;
  const words = RELATIVE[opts.locale];
  const n = (v: number, unit: 'm' | 'h' | 'd') =>
    words[unit].replace('{n}', new Intl.NumberFormat(intlLocale(opts.locale)).format(Math.floor(v)));
  if (ago < -60 || ago >= 7 * 86400) return formatTime(unix, { ...opts, show: 'date' });
  if (ago < 60) return words.now;
  if (ago < 3600) return n(ago / 60, 'm');
  if (ago < 86400) return n(ago / 3600, 'h');
  return n(ago / 86400, 'd');
}
