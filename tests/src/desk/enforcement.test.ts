import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { npubEncode } from 'nostr-tools/nip19';
import { DESK_LIST_KIND, REPORT_KIND, type NostrEvent } from '@lifeline/nostr';
import { keys, signed, waitFor, type TestKeys } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import {
  buildAccountLabel,
  buildClaim,
  buildReportResolution,
  buildSource,
  buildState,
  type ClaimView,
  type HistoryEntry,
  type SourceView,
} from '@lifeline/verify-desk';

/** The fields of the desk API's answers these tests read. */
interface Body {
  events: Record<string, NostrEvent & { claim?: string }>;
  accounts: Record<string, string>;
  claim: ClaimView;
  claims: { claim: string }[];
  reports: { id: string; type: string; pubkey: string }[];
  trust: { followedByTrusted: string[]; followedByFollowed: string[]; distance?: number };
}

const T = Math.floor(Date.now() / 1000) - 3600;

describe('the desk enforces its rule on a real node', () => {
  const curator = keys();
  const sara = keys();
  const env = nodeSuite({ client: true, node: { desk: npubEncode(curator.pk) } });
  const w = [keys(), keys(), keys(), keys()];
  const puppet = keys();
  let claim: NostrEvent;
  let t = T;
  const at = () => ++t;
  const send = async (ev: NostrEvent) => (await env.client.publish(ev)) as [string, string, boolean, string];
  const ok = async (ev: NostrEvent) => {
    const r = await send(ev);
    assert.equal(r[2], true, r[3]);
    return ev;
  };
  const api = async (path: string) => {
    const res = await fetch(env.node.httpUrl + path, { headers: { accept: 'application/json' } });
    return { status: res.status, body: (res.ok ? await res.json() : {}) as Body };
  };
  const post = (who: TestKeys, content: string, tags: string[][] = []) =>
    ok(signed(who, { content, tags, created_at: at() }));
  const label = (who: TestKeys, template: { kind: number; tags: string[][]; content: string }) =>
    signed(who, { ...template, created_at: at() });

  test('a member opens a claim on a witness post: "needs 2 more", and Confirmed is refused with the reason', async () => {
    await ok(
      signed(curator, {
        kind: DESK_LIST_KIND,
        created_at: at(),
        tags: [
          ['d', 'lifeline-desk'],
          ['p', sara.pk],
        ],
      }),
    );
    await waitFor(() => env.node.desk.isMember(sara.pk));
    const first = await post(w[0]!, 'Police wearing green scarves near Vanak square, beating people');
    claim = await ok(
      label(
        curator,
        buildClaim({
          target: first.id,
          targetAuthor: first.pubkey,
          text: 'Police in green scarves at Vanak',
          lang: 'en',
        }),
      ),
    );
    const { body } = await api(`/api/desk/badges?e=${first.id}`);
    assert.deepEqual(body.events[first.id], {
      claim: claim.id,
      state: 'unstarted',
      independent: 1,
      needed: 3,
      missing: 2,
    });
    const refused = await send(label(sara, buildState({ claim: claim.id, state: 'confirmed', reason: 'looks right' })));
    assert.equal(refused[2], false);
    assert.equal(
      refused[3],
      'blocked: confirmation refused: confirmed by 1 independent source, this desk needs 3 (2 more)',
    );
    assert.equal((await api(`/api/desk/claims/${claim.id}`)).body.claim.state, 'unstarted');
  });

  test('quotes and sockpuppet copies do not count, and the claim says why', async () => {
    const first = claim.tags.find((t) => t[0] === 'e')![1]!;
    const second = await post(
      w[1]!,
      'Saw riot police with green scarves at Vanak, they attacked the crowd with batons',
    );
    const quote = await post(w[2]!, 'This is happening now', [['q', first]]);
    await ok(
      label(
        curator,
        buildAccountLabel({ pubkey: puppet.pk, label: 'suspected_sockpuppet', reason: 'created today, copies posts' }),
      ),
    );
    const copy = await post(puppet, 'police wearing green scarves near vanak square beating people!!');
    for (const s of [second, quote, copy])
      await ok(label(sara, buildSource({ claim: claim.id, event: s.id, kind: 'primary' })));
    await env.node.deskBook.settled();
    const { body } = await api(`/api/desk/claims/${claim.id}`);
    assert.equal(body.claim.rule.independent, 2);
    assert.deepEqual(
      body.claim.sources.map((s: SourceView) => s.reasons.map((r: { code: string }) => r.code).join('+')),
      ['counts', 'counts', 'quote_of', 'suspected_sockpuppet+near_duplicate'],
    );
    assert.equal(body.events[copy.id].content, copy.content);
    assert.equal(body.accounts[puppet.pk], 'suspected_sockpuppet');
  });

  test('labels from non-members never change the verdict; a flood of them is rate-limited', async () => {
    const strangers = Array.from({ length: 3 }, () => keys());
    for (const s of strangers) {
      const e = await post(s, `I am an independent witness number ${s.pk.slice(0, 8)} and saw it all`);
      await ok(label(s, buildSource({ claim: claim.id, event: e.id, kind: 'primary' })));
    }
    await ok(label(strangers[0]!, buildState({ claim: claim.id, state: 'confirmed', reason: 'trust me' })));
    const flooder = keys();
    const answers: string[] = [];
    for (let i = 0; i < 14; i++)
      answers.push(
        (
          await send(label(flooder, buildSource({ claim: claim.id, url: `https://x.example/${i}`, kind: 'primary' })))
        )[3],
      );
    assert.ok(
      answers.slice(0, 10).every((a) => a === ''),
      answers.join('|'),
    );
    assert.ok(
      answers.slice(10).every((a) => a.startsWith('rate-limited:')),
      answers.join('|'),
    );
    await env.node.deskBook.settled();
    const { body } = await api(`/api/desk/claims/${claim.id}`);
    assert.equal(body.claim.state, 'unstarted');
    assert.equal(body.claim.rule.independent, 2);
    const ignored = body.claim.history.find((h: HistoryEntry) => h.action === 'state');
    assert.equal(ignored?.ignored, 'not a desk member');
  });

  test('many fresh keys, one suggestion each, are limited per claim and still change nothing', async () => {
    const answers: string[] = [];
    for (let i = 0; i < 40; i++) {
      const fresh = keys();
      answers.push(
        (
          await send(label(fresh, buildSource({ claim: claim.id, url: `https://fresh.example/${i}`, kind: 'primary' })))
        )[3],
      );
    }
    const limited: string[] = answers.filter(
      (a) => a === 'rate-limited: this claim is receiving too many suggestions; try again in a minute',
    );
    assert.ok(limited.length >= 5, answers.join('|'));
    assert.ok(
      answers.every((a) => a === '' || limited.includes(a)),
      answers.join('|'),
    );
    // A member is never held back by strangers' flood.
    const member = await post(keys(), 'Another street, another witness: green scarves on Jordan avenue');
    const attached = label(
      curator,
      buildSource({ claim: claim.id, event: member.id, kind: 'primary', stance: 'contradicts' }),
    );
    await ok(attached);
    await env.node.deskBook.settled();
    assert.equal((await api(`/api/desk/claims/${claim.id}`)).body.claim.rule.independent, 2);
  });

  test('malformed desk labels are refused with invalid: and change nothing', async () => {
    const bad = [
      {
        kind: 1985,
        tags: [
          ['L', 'lifeline.desk.state'],
          ['l', 'confirmed', 'lifeline.desk.state'],
        ],
        content: '',
      },
      {
        kind: 1985,
        tags: [
          ['L', 'lifeline.desk.claim'],
          ['l', 'open', 'lifeline.desk.claim'],
          ['e', 'a'.repeat(64)],
        ],
        content: 'x'.repeat(1001),
      },
      buildSource({ claim: claim.id, url: 'javascript:alert(1)', kind: 'primary' }),
    ];
    for (const b of bad) {
      const r = await send(label(sara, b));
      assert.equal(r[2], false);
      assert.match(r[3], /^invalid: desk label: /);
    }
    // A member's Confirmed with a forged signature never reaches the desk's rules.
    const forged = {
      ...label(sara, buildState({ claim: claim.id, state: 'false', reason: 'forged' })),
      sig: 'a'.repeat(128),
    };
    const r = await send(forged);
    assert.equal(r[2], false);
    assert.match(r[3], /^invalid: /);
    assert.equal((await api(`/api/desk/claims/${claim.id}`)).body.claim.state, 'unstarted');
  });

  test('a third independent primary source makes Confirmed possible; the badge says so', async () => {
    const third = await post(w[3]!, 'من در ونک بودم، مأموران شال سبز بسته بودند و با باتوم به جمعیت حمله کردند');
    await ok(label(curator, buildSource({ claim: claim.id, event: third.id, kind: 'primary' })));
    await env.node.deskBook.settled();
    await ok(label(sara, buildState({ claim: claim.id, state: 'confirmed', reason: 'three independent witnesses' })));
    const target = claim.tags.find((t) => t[0] === 'e')![1]!;
    const { body } = await api(`/api/desk/badges?e=${target},${'b'.repeat(64)}&p=${puppet.pk},${sara.pk}`);
    assert.deepEqual(body.events, {
      [target]: { claim: claim.id, state: 'confirmed', independent: 3, needed: 3, missing: 0 },
    });
    assert.deepEqual(Object.keys(body.accounts).sort(), [puppet.pk, sara.pk].sort());
    const claimPage = (await api(`/api/desk/claims/${target}`)).body.claim;
    assert.equal(claimPage.id, claim.id);
    assert.equal(claimPage.stateReason, 'three independent witnesses');
    assert.deepEqual(
      claimPage.history
        .filter((h: HistoryEntry) => h.action === 'state' && h.member)
        .map((h: HistoryEntry) => [h.state, Boolean(h.ignored)]),
      [['confirmed', false]],
    );
  });

  test('reports land in the queue until a member resolves them', async () => {
    const report = await ok(
      signed(keys(), {
        kind: REPORT_KIND,
        created_at: at(),
        tags: [['p', puppet.pk, 'impersonation']],
        content: 'pretends to be a witness',
      }),
    );
    let q = (await api('/api/desk/queue?state=all')).body;
    assert.equal(q.claims[0].claim, claim.id);
    assert.deepEqual(
      q.reports.map((r) => [r.id, r.type, r.pubkey]),
      [[report.id, 'impersonation', puppet.pk]],
    );
    assert.equal((await api('/api/desk/queue')).body.claims.length, 0, 'a confirmed claim has left the open queue');
    await ok(
      label(sara, buildReportResolution({ report: report.id, resolution: 'resolved', reason: 'labelled sockpuppet' })),
    );
    q = (await api('/api/desk/queue')).body;
    assert.equal(q.reports.length, 0);
  });

  test('web-of-trust context counts trusted followers; bad requests get 400', async () => {
    const friend = keys();
    await ok(
      signed(sara, {
        kind: 3,
        created_at: at(),
        tags: [
          ['p', w[0]!.pk],
          ['p', friend.pk],
        ],
      }),
    );
    await ok(signed(friend, { kind: 3, created_at: at(), tags: [['p', w[1]!.pk]] }));
    assert.deepEqual((await api(`/api/desk/accounts/${w[0]!.pk}`)).body.trust.followedByTrusted, [sara.pk]);
    const far = (await api(`/api/desk/accounts/${w[1]!.pk}`)).body.trust;
    assert.equal(far.distance, 2);
    assert.deepEqual(far.followedByFollowed, [friend.pk]);
    assert.equal((await api(`/api/desk/accounts/${sara.pk}`)).body.trust.distance, 0);
    assert.equal((await api('/api/desk/badges?e=nothex')).status, 400);
    assert.equal((await api(`/api/desk/badges?e=${Array(201).fill('a'.repeat(64)).join(',')}`)).status, 400);
    assert.equal((await api('/api/desk/claims/zz')).status, 400);
    assert.equal((await api(`/api/desk/claims/${'c'.repeat(64)}`)).status, 404);
    assert.equal((await api(`/api/desk/queue?desk=30000:${'d'.repeat(64)}:x`)).status, 404);
  });
});
