import { createStore } from './store.js';

const TZ_KEY = 'lifeline:settings:timeZone';

/** The time zone posts are shown in: the device's own unless the reader picked one (e.g. Asia/Tehran). */
const zone = createStore<string>(read());

function read(): string {
  try {
    return localStorage.getItem(TZ_KEY) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  }
}

/** Display preferences kept on this device. */
export const prefs = {
  zone,
  timeZone: () => zone.get(),
  deviceZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
  setTimeZone(tz: string): void {
    localStorage.setItem(TZ_KEY, tz);
    zone.set(tz);
  },
};
