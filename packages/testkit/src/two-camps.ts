import {
  buildCommunityNote,
  buildRating,
  COMMUNITY_NOTE_KIND,
  type Helpfulness,
  type NostrEvent,
  type Subject,
} from '@lifeline/nostr';
import { keys, signed, type TestKeys } from './events.js';

/** Notes on one post rated by two camps of scripted raters (for community-notes tests). */
export interface TwoCamps {
  /** Both camps rate it helpful: the one note that should become "currently rated helpful". */
  bridging: NostrEvent;
  /** One camp rates each helpful and the other not helpful. */
  partisan: NostrEvent[];
  /** Both camps rate it not helpful. */
  rejected: NostrEvent;
  /** Notes first, then every rating: publish in this order. */
  events: NostrEvent[];
  camps: [TestKeys[], TestKeys[]];
}

/** Texts of the notes, so a browser test can find them on screen. */
export interface TwoCampTexts {
  bridging: string;
  partisan: (camp: 0 | 1, i: number) => string;
  rejected: string;
}

const DEFAULT_TEXTS: TwoCampTexts = {
  bridging: 'The photo was taken in 2019; the original is in the archive linked below.',
  partisan: (camp, i) => `Camp ${camp === 0 ? 'A' : 'B'} view number ${i + 1}: the other side is lying.`,
  rejected: 'This is fake, trust me.',
};

/**
 * Scripted keys in two camps (`perCamp` raters each) and notes by separate authors: each camp
 * rates its own partisan notes helpful and the other camp's not helpful; both rate the bridging
 * note helpful and the rejected one not helpful. With 4 partisan notes per camp every rater has 10
 * ratings, the scorer's minimum per rater. `createdAt` is the notes' time; ratings follow it.
 */
export function twoCamps(
  post: Subject,
  options: { perCamp?: number; partisanPerCamp?: number; texts?: TwoCampTexts; createdAt?: number } = {},
): TwoCamps {
  const perCamp = options.perCamp ?? 6;
  const partisanPerCamp = options.partisanPerCamp ?? 4;
  const texts = options.texts ?? DEFAULT_TEXTS;
  const t0 = options.createdAt ?? Math.floor(Date.now() / 1000) - 600;
  const camps: [TestKeys[], TestKeys[]] = [
    Array.from({ length: perCamp }, () => keys()),
    Array.from({ length: perCamp }, () => keys()),
  ];
  const note = (text: string, i: number) =>
    signed(keys(), {
      ...buildCommunityNote(
        {
          subject: post,
          classification: 'MISINFORMED_OR_POTENTIALLY_MISLEADING',
          text,
          links: ['https://example.org/archive'],
        },
        t0 + i,
      ),
    });
  const bridging = note(texts.bridging, 0);
  const rejected = note(texts.rejected, 1);
  const partisanBy: [NostrEvent[], NostrEvent[]] = [[], []];
  for (const camp of [0, 1] as const)
    for (let i = 0; i < partisanPerCamp; i++) partisanBy[camp].push(note(texts.partisan(camp, i), 2 + camp * 10 + i));
  const events: NostrEvent[] = [bridging, rejected, ...partisanBy[0], ...partisanBy[1]];
  const rate = (who: TestKeys, n: NostrEvent, helpfulness: Helpfulness, at: number) =>
    signed(who, {
      ...buildRating({ subject: { id: n.id, kind: COMMUNITY_NOTE_KIND, pubkey: n.pubkey }, helpfulness }, at),
    });
  for (const camp of [0, 1] as const) {
    for (const [r, rater] of camps[camp].entries()) {
      const at = t0 + 60 + r;
      events.push(rate(rater, bridging, 'HELPFUL', at), rate(rater, rejected, 'NOT_HELPFUL', at));
      for (const n of partisanBy[camp]) events.push(rate(rater, n, 'HELPFUL', at));
      for (const n of partisanBy[camp === 0 ? 1 : 0]) events.push(rate(rater, n, 'NOT_HELPFUL', at));
    }
  }
  return { bridging, partisan: [...partisanBy[0], ...partisanBy[1]], rejected, events, camps };
}
