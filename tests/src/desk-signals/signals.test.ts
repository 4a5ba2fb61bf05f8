import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import {
  blockyPixels,
  type FileServer,
  keys,
  RawClient,
  serveFiles,
  signed,
  sleep,
  tempDir,
  waitFor,
  type TestKeys,
} from '@lifeline/testkit';
import { nodeSuite, startTestNode } from '@lifeline/testkit/node';
import { rmSync } from 'node:fs';
import { npubEncode } from 'nostr-tools/nip19';

const now = () => Math.floor(Date.now() / 1000);
const picture = (seed: number) => {
  const p = blockyPixels(seed);
  return sharp(Buffer.from(p.data), { raw: { width: p.width, height: p.height, channels: p.channels } })
    .png()
    .toBuffer();
};

type Verdicts = { signer: string; verdicts: Record<string, { imitates: string; name: string; reasons: string[] }> };

describe('impostors: a look-alike of a well-followed account is flagged by the node', () => {
  const s = nodeSuite({ client: true, node: { impostorMinFollowers: 3, avatarAllowPrivate: true } });
  let images: FileServer;
  const original = keys();
  const impostor = keys();
  const namesake = keys();
  before(async () => {
    const avatar = await picture(11);
    images = await serveFiles({
      '/original.png': { type: 'image/png', body: avatar },
      // The impostor re-uploaded the same picture, recompressed and resized.
      '/copy.jpg': { type: 'image/jpeg', body: await sharp(avatar).resize(100, 100).jpeg({ quality: 70 }).toBuffer() },
      '/other.png': { type: 'image/png', body: await picture(12) },
    });
  });
  after(() => images.close());

  let at = now() - 100;
  const profile = (who: TestKeys, content: object) =>
    s.client.publish(signed(who, { kind: 0, content: JSON.stringify(content), created_at: ++at }));
  const verdicts = async (...pks: string[]) =>
    (await (
      await fetch(`${s.node.httpUrl}/desk/signals/impostors?${pks.map((p) => `p=${p}`).join('&')}`)
    ).json()) as Verdicts;

  test('profile through the relay, followers, same name with Arabic yeh and same avatar → a signed label', async () => {
    await profile(original, { name: 'خبرنگار آزادی', picture: `${images.url}/original.png` });
    for (let i = 0; i < 3; i++) await s.client.publish(signed(keys(), { kind: 3, tags: [['p', original.pk]] }));
    // Same spelling and a different picture: a namesake, not flagged.
    await profile(namesake, { name: 'خبرنگار آزادی', picture: `${images.url}/other.png` });
    await profile(impostor, { name: 'خبرنگار آزادي', picture: `${images.url}/copy.jpg` });
    await s.node.signals.impostors.settled();

    const got = await verdicts(impostor.pk, namesake.pk, original.pk);
    assert.equal(got.signer, s.node.identity.pubkey);
    assert.deepEqual(Object.keys(got.verdicts), [impostor.pk]);
    assert.equal(got.verdicts[impostor.pk]?.imitates, original.pk);
    assert.deepEqual(got.verdicts[impostor.pk]?.reasons.sort(), ['disguised-name', 'same-avatar']);

    let labels: Array<{ tags: string[][] }> = [];
    await waitFor(async () => {
      const r = await s.client.req('labels', { kinds: [1985], authors: [s.node.identity.pubkey], '#p': [impostor.pk] });
      labels = r.events;
      return labels.length > 0;
    }, 'the impostor label');
    const label = labels[0]!;
    assert.deepEqual(
      label.tags.find((t) => t[0] === 'l'),
      ['l', 'impostor', 'lifeline.impostor'],
    );
    assert.deepEqual(
      label.tags.find((t) => t[0] === 'imitates'),
      ['imitates', original.pk],
    );
    const none = await s.client.req('none', { kinds: [1985], '#p': [namesake.pk] });
    assert.equal(none.events.length, 0);
  });

  test('an impostor that changes its profile is cleared, and the node withdraws its label (NIP-09)', async () => {
    await profile(impostor, { name: 'Someone else entirely', picture: `${images.url}/copy.jpg` });
    await s.node.signals.impostors.settled();
    assert.deepEqual((await verdicts(impostor.pk)).verdicts, {});
    await waitFor(async () => {
      const r = await s.client.req('gone', { kinds: [1985], authors: [s.node.identity.pubkey], '#p': [impostor.pk] });
      return r.events.length === 0;
    }, 'the label to be deleted');
  });

  test('an account with too few followers is not protected: its look-alike is not flagged', async () => {
    const small = keys();
    const copy = keys();
    await profile(small, { name: 'Sara Newsdesk' });
    await profile(copy, { name: 'Sаrа Newsdesk' }); // Cyrillic а
    await s.node.signals.impostors.settled();
    assert.deepEqual((await verdicts(copy.pk)).verdicts, {});
  });

  test('bad requests get clear errors', async () => {
    const res = await fetch(`${s.node.httpUrl}/desk/signals/impostors?p=nothex`);
    assert.equal(res.status, 400);
    assert.match(res.headers.get('x-reason') ?? '', /hex pubkey/);
    assert.equal((await fetch(`${s.node.httpUrl}/desk/signals/impostors`)).status, 400);
    assert.equal((await fetch(`${s.node.httpUrl}/desk/signals/clusters?limit=0`)).status, 400);
    assert.equal((await fetch(`${s.node.httpUrl}/desk/signals/clusters/999999`)).status, 404);
  });
});

describe('coordinated clusters form from near-identical posts by many accounts', () => {
  const s = nodeSuite({ client: true });
  const texts = [
    'تجمع امروز در میدان آزادی لغو شد، همه به خانه برگردید و به شایعات توجه نکنید',
    'تجمع امروز در ميدان آزادي لغو شد، همه به خانه برگرديد و به شايعات توجه نکنيد',
    'تجمع امروز در میدان‌ آزادی لغو شد! همه به خانه برگردید و به شایعات توجه نکنید ۱۲',
  ];
  const different = [
    'امروز صبح در خیابان انقلاب صدای شعار شنیده شد',
    'برق محله ما از ساعت ده شب قطع است',
    'کسی از وضعیت اینترنت در اصفهان خبر دارد؟',
    'عکس‌های تجمع دیروز را اینجا ببینید لطفا',
    'نانوایی سر کوچه امروز باز نبود متاسفانه',
    'دانشجویان دانشگاه تهران در کلاس‌ها حاضر نشدند',
    'پلیس در میدان ونک مستقر شده است از صبح',
    'مترو خط یک با تاخیر زیاد کار می‌کند',
    'امتحانات این هفته همه لغو شد بچه‌ها',
    'خبرنگاران خارجی اجازه ورود ندارند هنوز',
  ];
  type Clusters = {
    clusters: Array<{
      id: number;
      accounts: string[];
      posts: number;
      firstPosts: Array<{ id: string; content: string }>;
    }>;
  };
  const clusters = async () => (await (await fetch(`${s.node.httpUrl}/desk/signals/clusters`)).json()) as Clusters;

  test('ten different texts from ten accounts form no cluster', async () => {
    for (const content of different) await s.client.publish(signed(keys(), { kind: 1, content, created_at: now() }));
    await s.node.signals.clusters!.settled();
    assert.deepEqual((await clusters()).clusters, []);
  });

  test('ten accounts posting near-identical Persian text within a minute form one cluster', async () => {
    const accounts = Array.from({ length: 10 }, () => keys());
    const ids: string[] = [];
    for (const [i, who] of accounts.entries()) {
      const e = signed(who, { kind: 1, content: texts[i % texts.length]!, created_at: now() });
      ids.push(e.id);
      await s.client.publish(e);
    }
    await s.node.signals.clusters!.settled();
    const got = (await clusters()).clusters;
    assert.equal(got.length, 1);
    assert.deepEqual(got[0]!.accounts.sort(), accounts.map((a) => a.pk).sort());
    assert.equal(got[0]!.posts, 10);
    assert.equal(got[0]!.firstPosts[0]!.id, ids[0]);
    assert.equal(got[0]!.firstPosts[0]!.content, texts[0]);
    const one = (await (await fetch(`${s.node.httpUrl}/desk/signals/clusters/${got[0]!.id}`)).json()) as {
      posts: number;
    };
    assert.equal(one.posts, 10);
    const q = [accounts[0]!.pk, accounts[5]!.pk, keys().pk].map((p) => `p=${p}`).join('&');
    const same = (await (await fetch(`${s.node.httpUrl}/desk/signals/same-cluster?${q}`)).json()) as {
      groups: Array<{ cluster: number; pubkeys: string[] }>;
    };
    assert.deepEqual(same.groups, [{ cluster: got[0]!.id, pubkeys: [accounts[0]!.pk, accounts[5]!.pk] }]);
    // The desk's independence rule asks synchronously, from the main thread's mirror.
    const campaigns = s.node.signals.campaigns;
    for (const a of accounts) assert.equal(campaigns.clusterOf(a.pk), String(got[0]!.id));
    assert.equal(campaigns.clusterOf(keys().pk), undefined);
  });
});

describe("a desk's members are protected whatever their follower count", () => {
  const owner = keys();
  const s = nodeSuite({ client: true, node: { desk: npubEncode(owner.pk) } });

  test('a look-alike of the desk owner (no followers) is flagged; the desk sees it as an impostor', async () => {
    const copy = keys();
    await s.client.publish(signed(owner, { kind: 0, content: JSON.stringify({ name: 'Tehran Bureau' }) }));
    await s.client.publish(signed(copy, { kind: 0, content: JSON.stringify({ name: 'Tehran Вureau' }) })); // Cyrillic В
    await s.node.signals.impostors.settled();
    assert.equal(s.node.signals.impostors.verdict(copy.pk)?.imitates, owner.pk);
    assert.equal(s.node.signals.campaigns.impostorOf(copy.pk), owner.pk);
    assert.equal(s.node.signals.campaigns.impostorOf(owner.pk), undefined);
  });
});

describe('after a restart the node neither repeats nor forgets its impostor labels', () => {
  test('one label across a restart; the verdict is rebuilt from stored profiles', async () => {
    const owner = keys();
    const copy = keys();
    const data = tempDir();
    const config = { data, desk: npubEncode(owner.pk) };
    let node = await startTestNode(config);
    const own = async () => {
      const c = await RawClient.connect(node.url);
      try {
        return (await c.req('own', { kinds: [1985], authors: [node.identity.pubkey], '#p': [copy.pk] })).events;
      } finally {
        await c.close();
      }
    };
    try {
      const c = await RawClient.connect(node.url);
      await c.publish(signed(owner, { kind: 0, content: JSON.stringify({ name: 'علی رضایی' }) }));
      await c.publish(signed(copy, { kind: 0, content: JSON.stringify({ name: 'علي رضايي' }) }));
      await c.close();
      await waitFor(async () => (await own()).length === 1, 'the first label');
    } finally {
      await node.stop();
    }
    node = await startTestNode(config);
    try {
      await node.signals.ready;
      await node.signals.impostors.settled();
      assert.equal(node.signals.impostors.verdict(copy.pk)?.imitates, owner.pk);
      await sleep(200);
      assert.equal((await own()).length, 1);
    } finally {
      await node.stop();
      rmSync(data, { recursive: true, force: true });
    }
  });
});
