import { keys, RawClient, signed, type TestKeys } from '@lifeline/testkit';
import type { NostrEvent } from '@lifeline/nostr';

/** A small, realistic timeline: named people posting in Persian and English, a reply, a verified repost. */
export async function seedTimeline(relayUrl: string): Promise<{ people: TestKeys[]; events: NostrEvent[] }> {
  const raw = await RawClient.connect(relayUrl);
  const [sara, reza, nima, lena] = [keys(), keys(), keys(), keys()];
  const now = Math.floor(Date.now() / 1000);
  const events: NostrEvent[] = [];
  const put = async (e: NostrEvent) => {
    const ok = await raw.publish(e);
    if (ok[2] !== true) throw new Error(`seed event refused: ${JSON.stringify(ok)}`);
    events.push(e);
    return e;
  };
  await put(signed(sara!, { kind: 0, content: JSON.stringify({ name: 'سارا', about: 'گزارش از تهران' }) }));
  await put(signed(reza!, { kind: 0, content: JSON.stringify({ name: 'Reza M.' }) }));
  await put(signed(nima!, { kind: 0, content: JSON.stringify({ name: 'نیما' }) }));
  await put(signed(lena!, { kind: 0, content: JSON.stringify({ name: 'Lena (translator)' }) }));
  const first = await put(
    signed(sara!, {
      created_at: now - 3600,
      content: 'جمعیت زیادی در میدان آزادی جمع شده‌اند. اینترنت موبایل قطع است. #تهران #آزادی',
      tags: [
        ['t', 'تهران'],
        ['t', 'آزادی'],
      ],
    }),
  );
  await put(
    signed(lena!, {
      created_at: now - 3000,
      content: 'Translation of @سارا: "Large crowds have gathered in Azadi Square. Mobile internet is cut." #Tehran',
      tags: [['t', 'tehran']],
    }),
  );
  await put(
    signed(reza!, {
      created_at: now - 2400,
      content: 'Confirmed by a second source near Enghelab street. Need one more. #Tehran',
      tags: [['t', 'tehran']],
    }),
  );
  await put(
    signed(nima!, {
      created_at: now - 1800,
      content: 'مراقب باشید، ماموران در خیابان انقلاب هستند',
      tags: [
        ['e', first.id, '', 'root', sara!.pk],
        ['p', sara!.pk],
      ],
    }),
  );
  await put(
    signed(reza!, {
      kind: 6,
      created_at: now - 1200,
      content: JSON.stringify(first),
      tags: [
        ['e', first.id],
        ['p', sara!.pk],
      ],
    }),
  );
  await put(
    signed(lena!, { created_at: now - 600, content: 'Stay safe everyone. Share only what you have seen yourself.' }),
  );
  await raw.close();
  return { people: [sara!, reza!, nima!, lena!], events };
}
