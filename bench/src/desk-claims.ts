/**
 * Verification desk costs, in process (no sockets): what every ingested event pays for the desk
 * (the namespace check the policy and the book run on each one), the text folding and shingling
 * of a source, and a whole claim's recomputation (independence is pairwise) at 3, 50 and 200
 * sources — the cost the relay pays for each member's Confirmed and the API for each uncached read.
 */
import { performance } from 'node:perf_hooks';
import { fakeSigned, keys, seededRandom } from '@lifeline/testkit';
import {
  accountSignals,
  buildClaim,
  buildSource,
  computeClaim,
  deskNamespace,
  parseDeskLabel,
  prepareText,
  type ClaimLabel,
  type DeskLabel,
} from '@lifeline/verify-desk';
import type { NostrEvent } from '@lifeline/nostr';
import { parseArgs } from './lib/args.js';

const args = parseArgs();
const events = args.num('events', 200_000);
const rounds = args.num('rounds', 50);
const random = seededRandom(11);

const EN = [
  'police',
  'green',
  'scarves',
  'Vanak',
  'square',
  'batons',
  'students',
  'crowd',
  'street',
  'night',
  'shots',
  'fired',
  'dorms',
];
const FA = ['پلیس', 'شال', 'سبز', 'میدان', 'ونک', 'باتوم', 'دانشجو', 'جمعیت', 'خیابان', 'شب', 'تیراندازی', 'خوابگاه'];
const sentence = (n: number) => {
  const words = random() < 0.4 ? FA : EN;
  return Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(' ');
};

// 1. Per ingested event: the check that decides whether an event is any of the desk's business.
const notes = Array.from({ length: 1000 }, (_, i) =>
  fakeSigned(
    { pk: 'a'.repeat(64) },
    {
      content: sentence(20),
      tags:
        i % 3
          ? [
              ['t', 'iran'],
              ['p', 'b'.repeat(64)],
            ]
          : [],
    },
  ),
);
let hits = 0;
let t0 = performance.now();
for (let i = 0; i < events; i++) if (deskNamespace(notes[i % notes.length]!)) hits++;
const perEventNs = ((performance.now() - t0) * 1e6) / events;

// 2. Folding and shingling one source's text.
const texts = Array.from({ length: 5000 }, () => sentence(25));
t0 = performance.now();
for (const text of texts) prepareText(text);
const perTextUs = ((performance.now() - t0) * 1e3) / texts.length;

// 3. A claim's recomputation with n sources attached by a member (a quarter near-duplicates).
const member = keys();
function claimWith(n: number) {
  const map = new Map<string, NostrEvent>();
  const witness = fakeSigned({ pk: 'c'.repeat(64) }, { content: sentence(25) });
  map.set(witness.id, witness);
  const claim = parseDeskLabel(fakeSigned(member, buildClaim({ target: witness.id, text: 'x', lang: 'en', at: 1 })));
  const labels: DeskLabel[] = [];
  for (let i = 0; i < n - 1; i++) {
    const author = keys().pk;
    const content = i % 4 === 0 ? `${witness.content}!!` : sentence(25);
    const e = fakeSigned({ pk: author }, { content, tags: i % 7 === 0 ? [['q', witness.id]] : [] });
    map.set(e.id, e);
    const l = parseDeskLabel(
      fakeSigned(
        member,
        buildSource({ claim: claim.ok ? claim.label.id : '', event: e.id, kind: 'primary', at: 2 + i }),
      ),
    );
    if (l.ok) labels.push(l.label);
  }
  return { claim: (claim.ok ? claim.label : undefined) as ClaimLabel, labels, events: map };
}
const results: string[] = [];
for (const n of [3, 50, 200]) {
  const { claim, labels, events: map } = claimWith(n);
  const input = {
    claim,
    labels,
    events: map,
    isMember: (p: string) => p === member.pk,
    policy: { minSources: 3, primaryConfirms: false },
    signals: accountSignals(() => undefined),
  };
  computeClaim(input);
  const times: number[] = [];
  let independent = 0;
  for (let r = 0; r < rounds; r++) {
    const s = performance.now();
    independent = computeClaim(input).rule.independent;
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  results.push(
    `| ${n} | ${independent} | ${times[Math.floor(times.length / 2)]!.toFixed(2)} | ${times[Math.floor(times.length * 0.95)]!.toFixed(2)} |`,
  );
}

console.log(
  `desk namespace check per ingested event: ${perEventNs.toFixed(0)} ns (${hits} desk labels among ${events})`,
);
console.log(`fold + shingle one 25-word source text: ${perTextUs.toFixed(1)} µs`);
console.log('| sources | independent | compute median ms | p95 ms |');
console.log('|---|---|---|---|');
for (const r of results) console.log(r);
