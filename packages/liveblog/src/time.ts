/** The Intl locale for a blog language: Persian gets the Persian calendar and digits. */
export function intlLocale(lang: string): string {
  return lang.startsWith('fa') ? 'fa-IR-u-ca-persian-nu-arabext' : lang;
}

const cache = new Map<string, Intl.DateTimeFormat>();

function format(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f;
}

/** "10:45 PM GMT+3:30" style time of day in the blog's zone. */
export function timeOfDay(unix: number, lang: string, timeZone: string): string {
  return format(
    `t|${lang}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(intlLocale(lang), {
        timeZone,
        hour: 'numeric',
        minute: '2-digit',
        timeZoneName: 'short',
      }),
  ).format(unix * 1000);
}

/** Full date in the blog's zone, e.g. "Sunday, June 14, 2009". */
export function longDate(unix: number, lang: string, timeZone: string): string {
  return format(
    `d|${lang}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(intlLocale(lang), {
        timeZone,
        weekday: 'long',
        year: 'numeric',
        month: 'long',
        day: 'numeric',
      }),
  ).format(unix * 1000);
}

/** ISO 8601 in UTC, for datetime attributes, feeds and JSON-LD. */
export function iso(unix: number): string {
  return new Date(unix * 1000).toISOString().replace('.000Z', 'Z');
}
