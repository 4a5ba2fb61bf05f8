import { createStore } from '../../state/store.js';

/*
 * The node's impostor verdicts (GET /desk/signals/impostors), asked for every author shown, in
 * batches of at most 100 every 200 ms. They come from the node that served the app, never a third
 * party, and are shown to every reader, signed in or not: a visitor who follows nobody still sees
 * "Impostor of @…". A node without the API (404) or offline just yields no verdicts.
 */

/** A verdict as the node serves it. */
export interface ImpostorVerdict {
  imitates: string;
  name: string;
  reasons: string[];
}

const verdicts = new Map<string, ImpostorVerdict | null>();
const wanted = new Set<string>();
let timer: ReturnType<typeof setTimeout> | undefined;

/** Bumps when verdicts arrive. */
export const impostorsTick = createStore(0);

async function load(keys: string[]): Promise<void> {
  try {
    const res = await fetch(`/desk/signals/impostors?${keys.map((k) => `p=${k}`).join('&')}`, {
      headers: { accept: 'application/json' },
    });
    if (!res.ok) return;
    const body = (await res.json()) as { verdicts: Record<string, ImpostorVerdict> };
    for (const k of keys) verdicts.set(k, body.verdicts[k] ?? null);
    impostorsTick.set((n) => n + 1);
  } catch {
    // Offline or not a Lifeline node: no verdicts, and the next render may ask again.
    for (const k of keys) verdicts.delete(k);
  }
}

/** The node's verdict on an account: undefined while unknown or when it imitates nobody. */
export function impostorVerdict(pubkey: string): ImpostorVerdict | undefined {
  if (!verdicts.has(pubkey) && !wanted.has(pubkey)) {
    wanted.add(pubkey);
    if (timer === undefined)
      timer = setTimeout(() => {
        timer = undefined;
        const keys = [...wanted];
        wanted.clear();
        for (let i = 0; i < keys.length; i += 100) void load(keys.slice(i, i + 100));
      }, 200);
  }
  return verdicts.get(pubkey) ?? undefined;
}
