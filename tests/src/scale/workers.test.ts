import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { NostrEvent } from '@lifeline/nostr';
import { keys, RawClient, signed, sleep, socketOwners, waitFor } from '@lifeline/testkit';
import { sharedPostgres } from '@lifeline/testkit/postgres';
import { connectRetrying, localPort, Publisher, Subscriber } from './clients.js';
import { serveWorkers, type Workers } from './serve-workers.js';

// `lifeline serve --workers 3` on a real PostgreSQL server: three processes on one port (Node
// cluster), sharing live events through the database's feed.

const T = Math.floor(Date.now() / 1000) - 3600;
const loose = [
  '--connection-burst',
  '1000000',
  '--connection-messages-per-second',
  '1000000',
  '--verify-threads',
  '1',
  '--database-connections',
  '4',
];

/** Which worker holds each client's connection. */
function ownersOf(w: Workers, clients: RawClient[]): Array<number | undefined> {
  const owners = socketOwners([...w.pids], w.port, clients.map(localPort));
  return clients.map((c) => owners.get(localPort(c)));
}

/**
 * Clients connected until every worker holds at least `perWorker` of them (the cluster's
 * round-robin is not exact when connections arrive together); returns them grouped by worker.
 */
async function spreadClients(w: Workers, perWorker: number, all: RawClient[]): Promise<RawClient[][]> {
  const byWorker = new Map<number, RawClient[]>([...w.pids].map((p) => [p, []]));
  for (let tries = 0; [...byWorker.values()].some((l) => l.length < perWorker); tries++) {
    assert.ok(tries < perWorker * 30, 'connections reach every worker');
    const c = await RawClient.connect(w.url);
    all.push(c);
    // The server side is registered in the worker a moment after the client sees the upgrade.
    await waitFor(() => ownersOf(w, [c])[0] !== undefined, 'the connection owned by a worker');
    byWorker.get(ownersOf(w, [c])[0]!)!.push(c);
  }
  return [...byWorker.values()].map((l) => l.slice(0, perWorker));
}

describe('serve --workers 3 on PostgreSQL', () => {
  let w: Workers;
  const clients: RawClient[] = [];
  before(async () => {
    const databaseUrl = await (await sharedPostgres()).createDatabase('workers');
    w = await serveWorkers(3, [
      '--database-url',
      databaseUrl,
      '--pubkey-burst',
      '5',
      '--pubkey-events-per-minute',
      '1',
      ...loose,
    ]);
  });
  after(async () => {
    for (const c of clients) await c.close();
    const code = await w.stop();
    assert.equal(code, 0, `the primary stops its workers cleanly: ${w.log()}`);
  });

  test('clients spread over the three workers and a note posted on one reaches subscribers on all', async () => {
    assert.equal(w.pids.size, 3);
    const subs = (await spreadClients(w, 3, clients)).flat();
    const owners = ownersOf(w, subs);
    assert.deepEqual(new Set(owners), w.pids, `connections held by every worker: ${owners.join(' ')}`);
    for (const s of subs) {
      s.send(['REQ', 'live', { kinds: [1], since: T }]);
      await s.next((m) => m[0] === 'EOSE');
    }
    const note = signed(keys(), { content: 'from one worker to all' });
    assert.equal((await subs[0]!.publish(note))[2], true);
    for (const [i, s] of subs.entries()) {
      const got = await s.next((m) => m[0] === 'EVENT' && m[1] === 'live', 20_000);
      assert.equal((got[2] as NostrEvent).id, note.id, `subscriber ${i} on worker ${owners[i]}`);
    }
    await sleep(2500); // the feed's poll interval: a second copy would have arrived by now
    for (const s of subs) assert.equal(s.received.filter((m) => m[0] === 'EVENT').length, 0, 'delivered once');
  });

  test('the same event sent to three workers at once is stored once and delivered once everywhere', async () => {
    const byWorker = await spreadClients(w, 2, clients);
    const senders = byWorker.map((l) => l[0]!);
    const subs = byWorker.map((l) => l[1]!);
    // One author per round: five rounds on one key would meet the suite's burst of 5.
    const authors = Array.from({ length: 5 }, () => keys());
    for (const s of subs) {
      s.send(['REQ', 'dup', { authors: authors.map((a) => a.pk) }]);
      await s.next((m) => m[0] === 'EOSE');
    }
    for (let round = 0; round < 5; round++) {
      const note = signed(authors[round]!, { created_at: T + round, content: `race ${round}` });
      const oks = await Promise.all(senders.map((s) => s.publish(note, 30_000)));
      assert.ok(
        oks.every((ok) => ok[2] === true),
        JSON.stringify(oks),
      );
      assert.equal(oks.filter((ok) => !String(ok[3]).startsWith('duplicate:')).length, 1, JSON.stringify(oks));
    }
    await sleep(2500);
    for (const s of subs) {
      const got = s.received.filter((m) => m[0] === 'EVENT' && m[1] === 'dup').map((m) => (m[2] as NostrEvent).id);
      assert.equal(got.length, 5, 'each note once on each worker');
      assert.equal(new Set(got).size, 5);
    }
    const stored = await senders[0]!.req('all', { authors: authors.map((a) => a.pk) });
    assert.equal(stored.events.length, 5);
  });

  test("an author's rate limit is shared: a burst of 5 spread over three workers accepts 5, not 15", async () => {
    const one = (await spreadClients(w, 1, clients)).flat();
    const author = keys();
    const verdicts: unknown[] = [];
    for (let i = 0; i < 15; i++) {
      const ok = await one[i % 3]!.publish(signed(author, { content: `burst ${i}` }));
      verdicts.push(ok[2] === true ? true : ok[3]);
      // Each worker learns of the others' commits through the feed within milliseconds.
      await sleep(100);
    }
    assert.equal(verdicts.filter((v) => v === true).length, 5, JSON.stringify(verdicts));
    assert.ok(verdicts.slice(5).every((v) => typeof v === 'string' && v.startsWith('rate-limited:')));
  });

  test('deletions and vanish requests racing saves on other workers leave nothing behind', async () => {
    const one = (await spreadClients(w, 1, clients)).flat();
    const on = (k: number) => one[k % 3]!;
    const notes: NostrEvent[] = [];
    const sends: Promise<unknown[]>[] = [];
    // Each note goes to one worker while its author's deletion goes to another, at the same moment.
    for (let i = 0; i < 30; i++) {
      const author = keys();
      const note = signed(author, { created_at: T + i, content: `racing ${i}` });
      const deletion = signed(author, { kind: 5, tags: [['e', note.id]] });
      notes.push(note);
      sends.push(on(i).publish(note, 30_000), on(i + 1).publish(deletion, 30_000));
    }
    // And a request to vanish racing each of its author's notes.
    const vanishers: string[] = [];
    for (let i = 0; i < 10; i++) {
      const author = keys();
      vanishers.push(author.pk);
      const note = signed(author, { created_at: T + i, content: `vanishing ${i}` });
      const vanish = signed(author, { kind: 62, tags: [['relay', 'ALL_RELAYS']] });
      sends.push(on(i).publish(note, 30_000), on(i + 2).publish(vanish, 30_000));
    }
    await Promise.all(sends);
    const reader = one[0]!;
    const left = await reader.req('left', { ids: notes.map((n) => n.id) });
    assert.deepEqual(
      left.events.map((e) => e.content),
      [],
      'a deleted note survived its deletion',
    );
    const vanished = await reader.req('vanished', { authors: vanishers, kinds: [1] });
    assert.deepEqual(
      vanished.events.map((e) => e.content),
      [],
      'a note survived its author vanishing',
    );
    // And every worker refuses them from now on.
    for (const [i, n] of notes.slice(0, 3).entries()) assert.equal((await on(i).publish(n))[2], false);
  });
});

describe('serve --workers 3: one worker killed under load', () => {
  let w: Workers;
  before(async () => {
    const databaseUrl = await (await sharedPostgres()).createDatabase('workers_kill');
    w = await serveWorkers(3, [
      '--database-url',
      databaseUrl,
      '--pubkey-burst',
      '1000000',
      '--pubkey-events-per-minute',
      '1000000',
      '--max-limit',
      '100000',
      '--connection-query-burst',
      '10000000',
      '--connection-query-cost-per-second',
      '10000000',
      ...loose,
    ]);
  });
  after(async () => {
    await w.stop();
  });

  test('clients reconnect to the others, nothing acknowledged is lost, resubscribers miss nothing', async () => {
    const base = T - 600;
    const authors = Array.from({ length: 6 }, () => keys());
    const subs = Array.from({ length: 6 }, () => new Subscriber(w.url, { kinds: [1], since: base }));
    for (const s of subs) await s.start();
    const pubs = authors.map((a) => new Publisher(w.url, a, (n) => base + Math.floor(n / 8)));
    for (const p of pubs) await p.start();
    await sleep(1500);
    // Kill the worker that holds the first publisher's connection, with everything in flight.
    const owners = socketOwners([...w.pids], w.port, [
      localPort(pubs[0]!.client),
      ...subs.map((s) => localPort(s.client)),
    ]);
    const victim = owners.get(localPort(pubs[0]!.client));
    assert.ok(victim !== undefined, 'the publisher is held by a worker');
    const subsOnVictim = subs.filter((s) => owners.get(localPort(s.client)) === victim).length;
    const before = new Set(w.pids);
    process.kill(victim, 'SIGKILL');
    await sleep(2500);
    for (const p of pubs) await p.stop();
    const acked = new Set(pubs.flatMap((p) => [...p.acked]));
    assert.ok(acked.size > 200, `load was applied: ${acked.size} acknowledged`);
    assert.ok(pubs[0]!.reconnects >= 1, 'the publisher on the killed worker reconnected');
    assert.equal(
      subs.reduce((n, s) => n + s.reconnects, 0),
      subsOnVictim,
      'exactly the subscribers on the killed worker reconnected',
    );
    // Nothing acknowledged is lost: every acknowledged note is stored.
    const reader = await connectRetrying(w.url);
    const stored = new Set<string>();
    for (const a of authors) {
      const { events } = await reader.req(`s-${a.pk.slice(0, 6)}`, { authors: [a.pk], limit: 100_000 });
      for (const e of events) stored.add(e.id);
    }
    await reader.close();
    const lost = [...acked].filter((id) => !stored.has(id));
    assert.deepEqual(lost, [], 'acknowledged notes missing from the store');
    // Every subscriber, including those that resubscribed with `since`, has every acknowledged note.
    const all = new Map<string, NostrEvent>();
    for (const p of pubs) for (const e of p.sent) all.set(e.id, e);
    const explain = (s: Subscriber) => {
      const missing = [...acked].filter((id) => !s.seen.has(id)).map((id) => all.get(id)!);
      return JSON.stringify({
        missing: missing.map((e) => ({
          created_at: e.created_at,
          author: authors.findIndex((a) => a.pk === e.pubkey),
        })),
        reconnects: s.reconnects,
        since: s.resubscribedSince,
        other: s.other,
      });
    };
    // This found a gap: a subscription registered just after a note was delivered early but
    // before it committed got it neither live nor stored (fixed in relay handlers/req.ts).
    for (const [i, s] of subs.entries())
      await waitFor(() => [...acked].every((id) => s.seen.has(id)), `subscriber ${i} has every acknowledged note`, {
        timeoutMs: 15_000,
      }).catch((error: Error) => assert.fail(`${error.message}: ${explain(s)}`));
    for (const s of subs) await s.stop();
    assert.match(w.log(), new RegExp(`worker ${victim} exited \\(SIGKILL\\); starting another`));
    const successor = await w.nextWorker(before, 60_000);
    assert.ok(w.pids.has(successor) && w.pids.size === 3, 'the primary replaced the killed worker');
  });
});
