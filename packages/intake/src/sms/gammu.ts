import type { Arrival } from '../message.js';

/**
 * gammu-smsd's RunOnReceive environment (gammu-smsd-run(7)) as arrivals. One run carries the
 * physical parts of what arrived (`SMS_MESSAGES`, with `SMS_<n>_NUMBER` and `SMS_<n>_TEXT`); when
 * gammu could join a long message it also sets `DECODED_PARTS` and `DECODED_<n>_TEXT`, which are
 * read instead. Parts from one number become one message, in order.
 */
export function gammuArrivals(env: Record<string, string | undefined>): Arrival[] {
  const parts = Number(env.SMS_MESSAGES ?? 0);
  const decoded = Number(env.DECODED_PARTS ?? 0);
  const first = env.SMS_1_NUMBER ?? '';
  if (decoded > 0 && first) {
    const texts: string[] = [];
    for (let n = 1; n <= decoded; n++) {
      const t = env[`DECODED_${n}_TEXT`];
      if (t !== undefined) texts.push(t);
    }
    return [arrival(first, texts.join(''), env)];
  }
  const byNumber = new Map<string, string[]>();
  for (let n = 1; n <= parts; n++) {
    const number = env[`SMS_${n}_NUMBER`] ?? '';
    if (!number) continue;
    byNumber.set(number, [...(byNumber.get(number) ?? []), env[`SMS_${n}_TEXT`] ?? '']);
  }
  return [...byNumber].map(([number, texts]) => arrival(number, texts.join(''), env));
}

function arrival(number: string, text: string, env: Record<string, string | undefined>): Arrival {
  return {
    channel: 'sms',
    via: 'gammu',
    address: number,
    contact: { number, phone: env.PHONE_ID ?? '' },
    text,
    attachments: [],
  };
}
