import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeSigned, keys } from '@lifeline/testkit';
import type { NostrEvent } from '@lifeline/nostr';
import { buildClaim, buildSource, buildState } from './builders.js';
import { computeClaim, badgeOf, type ClaimInput, type ClaimLabel } from './claim.js';
import { parseDeskLabel, type DeskLabel } from './labels.js';
import { accountSignals, type CampaignSignals } from './signals.js';
import { badgeText, reasonText } from './strings.js';
import { DEFAULT_POLICY } from './rule.js';

const curator = keys();
const sara = keys();
const stranger = keys();
const w1 = keys();
const w2 = keys();
const w3 = keys();
const puppet = keys();
const members = new Set([curator.pk, sara.pk]);
const T = 1_245_000_000;

const inputOf = (w: { input: () => ClaimInput }) => w.input();

const label = (who: { pk: string }, t: ReturnType<typeof buildState>): DeskLabel => {
  const r = parseDeskLabel(fakeSigned(who, t));
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.label;
};

function world(opts: { sockpuppets?: string[]; campaigns?: CampaignSignals } = {}) {
  const events = new Map<string, NostrEvent>();
  const post = (who: { pk: string }, content: string, tags: string[][] = [], kind = 1) => {
    const e = fakeSigned(who, { content, tags, kind, created_at: T });
    events.set(e.id, e);
    return e;
  };
  const labels: DeskLabel[] = [];
  const puppets = new Set(opts.sockpuppets ?? []);
  let claim: ClaimLabel | undefined;
  const input = (policy = DEFAULT_POLICY): ClaimInput => ({
    claim: claim!,
    labels,
    events,
    isMember: (p) => members.has(p),
    policy,
    signals: accountSignals((p) => (puppets.has(p) ? 'suspected_sockpuppet' : undefined), opts.campaigns),
  });
  const compute = (policy = DEFAULT_POLICY) => computeClaim(input(policy));
  return {
    input,
    post,
    open(target: NostrEvent) {
      claim = label(
        curator,
        buildClaim({
          target: target.id,
          targetAuthor: target.pubkey,
          text: 'Police in green scarves at Vanak',
          lang: 'en',
          at: T + 10,
        }),
      ) as ClaimLabel;
      return claim;
    },
    attach(who: { pk: string }, o: Omit<Parameters<typeof buildSource>[0], 'claim'>) {
      labels.push(label(who, buildSource({ claim: claim!.id, at: T + 20 + labels.length, ...o })));
    },
    state(who: { pk: string }, state: string, at: number, reason = 'checked') {
      labels.push(label(who, buildState({ claim: claim!.id, state, reason, at })));
    },
    compute,
  };
}

test('2009: one witness is "needs 2 more"; a quote does not count; a sockpuppet copy does not; a third independent source confirms', () => {
  const w = world({ sockpuppets: [puppet.pk] });
  const first = w.post(w1, 'Police wearing green scarves near Vanak square, beating people');
  w.open(first);
  let view = w.compute();
  assert.equal(view.rule.independent, 1);
  assert.equal(badgeText(badgeOf(view), 'en'), 'Confirmed by 1 independent source — needs 2 more');
  assert.equal(badgeText(badgeOf(view), 'fa'), 'تأییدشده با ۱ منبع مستقل — ۲ منبع دیگر لازم است');

  const second = w.post(w2, 'Saw riot police with green scarves at Vanak, they attacked the crowd with batons');
  const quote = w.post(w3, `This is happening right now nostr:nevent1xyz`, [['q', first.id]]);
  w.attach(curator, { event: second.id, kind: 'primary' });
  w.attach(sara, { event: quote.id, kind: 'secondary' });
  const copy = w.post(puppet, 'police wearing green scarves near vanak square beating people!!');
  w.attach(curator, { event: copy.id, kind: 'primary' });
  view = w.compute();
  assert.equal(view.rule.independent, 2);
  assert.deepEqual(view.sources[2]!.reasons, [{ code: 'quote_of', source: 1 }]);
  assert.equal(reasonText(view.sources[2]!.reasons[0]!, 'en'), 'quotes source 1');
  assert.equal(view.sources[3]!.counts, false);
  assert.deepEqual(view.sources[3]!.reasons, [
    { code: 'suspected_sockpuppet' },
    { code: 'near_duplicate', source: 1, percent: 100 },
  ]);

  // Below the rule, a member's Confirmed is ignored and says why.
  w.state(sara, 'confirmed', T + 100);
  view = w.compute();
  assert.equal(view.state, 'unstarted');
  assert.match(view.history.at(-1)!.ignored!, /2 independent sources, this desk needs 3 \(1 more\)/);

  const third = w.post(keys(), 'من در ونک بودم، مأموران شال سبز بسته بودند و با باتوم به جمعیت حمله کردند');
  w.attach(curator, { event: third.id, kind: 'primary' });
  w.state(sara, 'confirmed', T + 200, 'three witnesses');
  view = w.compute();
  assert.equal(view.state, 'confirmed');
  assert.equal(view.rule.independent, 3);
  assert.equal(badgeText(badgeOf(view), 'en'), 'Confirmed · 3 independent sources');
  assert.equal(view.history.filter((h) => h.action === 'state').length, 2);
});

test('sources from non-members, contradicting sources and missing events never count', () => {
  const w = world();
  w.open(w.post(w1, 'Police wearing green scarves near Vanak square, beating people'));
  for (let i = 0; i < 5; i++)
    w.attach(keys(), {
      event: w.post(keys(), `independent report number ${i} from another street corner entirely ${i}`).id,
      kind: 'primary',
    });
  w.attach(curator, {
    event: w.post(w2, 'No police at Vanak at all, I am standing there now').id,
    kind: 'primary',
    stance: 'contradicts',
  });
  w.attach(curator, { event: 'f'.repeat(64), kind: 'primary' });
  w.state(stranger, 'confirmed', T + 500);
  const view = w.compute();
  assert.equal(view.rule.independent, 1);
  assert.deepEqual(
    view.sources.slice(1, 6).map((s) => s.reasons[0]!.code),
    Array(5).fill('suggestion'),
  );
  assert.equal(view.sources[6]!.reasons[0]!.code, 'contradicts');
  assert.equal(view.sources[7]!.reasons[0]!.code, 'missing');
  assert.equal(view.state, 'unstarted');
  assert.equal(view.history.at(-1)!.ignored, 'not a desk member');
});

test('same author, repost, reply, same cluster, same intake sender and same site each join a group', () => {
  const campaigns: CampaignSignals = {
    clusterOf: (p) => (p === w2.pk || p === w3.pk ? 'c1' : undefined),
    impostorOf: () => undefined,
  };
  const w = world({ campaigns });
  const first = w.post(w1, 'Shots fired at the university dorms tonight, many hurt');
  w.open(first);
  const more = [
    w.post(w1, 'Another account of mine: the dorms are on fire now'),
    w.post(
      keys(),
      JSON.stringify(first),
      [
        ['e', first.id],
        ['p', w1.pk],
      ],
      6,
    ),
    w.post(keys(), 'Is this true? where exactly?', [['e', first.id]]),
    w.post(w2, 'Basij units entering Amirabad from the north gate'),
    w.post(w3, 'Heard sirens all night long in district six of the city'),
    w.post(keys(), 'Fax from Shiraz: students arrested at dawn', [['intake-sender', 's-17']]),
    w.post(keys(), 'Fax from Shiraz again: dozens detained, families waiting', [['intake-sender', 's-17']]),
  ];
  for (const e of more) w.attach(curator, { event: e.id, kind: 'primary' });
  w.attach(curator, { url: 'https://www.news.example/a', kind: 'secondary' });
  w.attach(curator, { url: 'https://news.example/b', kind: 'secondary' });
  const view = w.compute();
  const codes = view.sources.map((s) => s.reasons.map((r) => r.code).join(','));
  assert.deepEqual(codes, [
    'counts',
    'same_author',
    'repost_of',
    'reply_to',
    'counts',
    'same_cluster',
    'counts',
    'same_sender',
    'counts',
    'same_site',
  ]);
  assert.equal(view.rule.independent, 4);
});

test("intake reports a member published count per sender (the label's intake-sender), not per signing key", () => {
  const w = world();
  w.open(w.post(w1, 'Police wearing green scarves near Vanak square, beating people'));
  // All three were published by the curator from the review queue: one key, two witnesses.
  const sms1 = w.post(curator, 'SMS: green scarves beating people at Vanak — via SMS');
  const sms2 = w.post(curator, 'SMS again: they took three people away in a van — via SMS');
  const other = w.post(curator, 'Another number: I saw the van near the square — via SMS');
  w.attach(curator, { event: sms1.id, kind: 'primary', sender: 'a'.repeat(32) });
  w.attach(curator, { event: sms2.id, kind: 'primary', sender: 'a'.repeat(32) });
  w.attach(curator, { event: other.id, kind: 'primary', sender: 'b'.repeat(32) });
  const view = w.compute();
  assert.deepEqual(
    view.sources.map((s) => s.reasons.map((r) => r.code).join(',')),
    ['counts', 'counts', 'same_sender', 'counts'],
  );
  assert.equal(view.rule.independent, 3);
  // Without the sender, the one signing key makes them one source.
  const plain = world();
  plain.open(plain.post(w1, 'Police wearing green scarves near Vanak square, beating people'));
  plain.attach(curator, { event: plain.post(curator, sms1.content).id, kind: 'primary' });
  plain.attach(curator, { event: plain.post(curator, other.content).id, kind: 'primary' });
  assert.deepEqual(
    plain.compute().sources.map((s) => s.reasons[0]!.code),
    ['counts', 'counts', 'same_author'],
  );
});

test('a source label names at most one well-formed intake sender', () => {
  const t = buildSource({ claim: 'c'.repeat(64), event: 'e'.repeat(64), kind: 'primary' });
  t.tags.push(['intake-sender', 'bad id with spaces']);
  const r = parseDeskLabel(fakeSigned(curator, t));
  assert.equal(r.ok, false);
  const two = buildSource({ claim: 'c'.repeat(64), event: 'e'.repeat(64), kind: 'primary', sender: 'x1' });
  two.tags.push(['intake-sender', 'x2']);
  assert.equal(parseDeskLabel(fakeSigned(curator, two)).ok, false);
});

test('the policy: N per desk, and one verified primary only where the desk allows it', () => {
  const w = world();
  w.open(w.post(w1, 'Police wearing green scarves near Vanak square, beating people'));
  w.attach(curator, {
    event: w.post(w2, 'Photo I took of the green scarf unit outside my window').id,
    kind: 'primary',
    verified: true,
  });
  assert.equal(w.compute().rule.met, false);
  assert.equal(w.compute({ minSources: 2, primaryConfirms: false }).rule.met, true);
  const shortcut = w.compute({ minSources: 3, primaryConfirms: true }).rule;
  assert.equal(shortcut.met, true);
  assert.equal(shortcut.byVerifiedPrimary, true);
  assert.match(w.compute({ minSources: 5, primaryConfirms: false }).rule.reason, /needs 5 \(3 more\)/);
});

test('a planted copy by a non-member cannot merge two real witnesses', () => {
  const w = world();
  const a = w.post(w1, 'Police wearing green scarves near Vanak square, beating people');
  w.open(a);
  const b = w.post(w2, 'Saw riot police with green scarves at Vanak, they attacked the crowd with batons');
  w.attach(stranger, { event: w.post(stranger, `${a.content} ${b.content}`).id, kind: 'primary' });
  w.attach(curator, { event: b.id, kind: 'primary' });
  assert.equal(w.compute().rule.independent, 2);
});

test("desk-defined states apply; unknown ones and non-members' are ignored with the reason", () => {
  const w = world();
  w.open(w.post(w1, 'Police wearing green scarves near Vanak square, beating people'));
  w.state(sara, 'rumour', T + 50, 'heard it twice');
  w.state(sara, 'made_up', T + 60, 'not a state here');
  const view = computeClaim({ ...inputOf(w), customStates: ['rumour'] });
  assert.equal(view.state, 'rumour');
  assert.equal(view.stateReason, 'heard it twice');
  assert.equal(view.history.at(-1)!.ignored, 'not a state of this desk');
});
