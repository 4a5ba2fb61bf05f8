import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, noteEncode, npubEncode } from 'nostr-tools/nip19';
import { blogPath, buildBlog, buildEntry, parseBlog } from '@lifeline/liveblog';
import { DESK_LIST_KIND, type NostrEvent } from '@lifeline/nostr';
import { keys, signed, type TestKeys } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { buildClaim, buildState } from '@lifeline/verify-desk';
import { AppUser } from './app-user.js';
import { webDir } from '../web-dir.js';

/*
 * June 2009, replayed in Chromium in English and in Persian: a witness posts; a curator (a desk
 * member, in the web app) opens the claim and sees "needs 2 more"; a second witness's post and a
 * quote of the first are attached (the quote does not count and the page says why); a
 * near-duplicate from an account the curator labels a suspected sockpuppet does not count;
 * Confirmed is refused below the rule with the reason; a third independent primary source makes
 * it Confirmed; a reader with no account sees the badge; the live-blog page, with JavaScript
 * off, shows the state of the entry that embeds the witness's post.
 */

const SCRIPT = {
  en: {
    ui: 'en',
    w1: 'Police wearing green scarves near Vanak square, beating people #iranelection',
    w2: 'Saw riot police with green scarves at Vanak, they attacked the crowd with batons',
    quote: 'This is happening right now, spread the word',
    copy: 'police wearing green scarves near vanak square beating people!! #IranElection',
    w3: 'I was at Vanak at 5pm: men in green scarves with batons chased students into the side streets',
    claim: 'Police in green scarves are beating people at Vanak square',
    needs2: 'Confirmed by 1 independent source — needs 2 more',
    quoteWhy: 'quotes source 1',
    copyWhy: 'Suspected sockpuppet; 100% same text as source 1',
    refused: 'Refused: blocked: confirmation refused: confirmed by 2 independent sources, this desk needs 3 (1 more)',
    confirmed: 'Confirmed · 3 independent sources',
    justRead: 'Just read, without an account',
    trust: 'Followed by accounts the desk trusts: 1',
  },
  fa: {
    ui: 'fa',
    w1: 'پلیس‌ها با شال سبز در میدان ونک مردم را می‌زنند #انتخابات',
    w2: 'من در ونک بودم، مأموران شال سبز بسته بودند و با باتوم به جمعیت حمله کردند',
    quote: 'همین الان دارد اتفاق می‌افتد، پخش کنید',
    copy: 'پليسها با شال سبز در ميدان ونك مردم را ميزنند!! #انتخابات',
    w3: 'ساعت ۵ در خیابان ولیعصر دیدم که مردانی با شال سبز دانشجوها را تا کوچه‌ها دنبال کردند',
    claim: 'پلیس با شال سبز در میدان ونک مردم را می‌زند',
    needs2: 'تأییدشده با ۱ منبع مستقل — ۲ منبع دیگر لازم است',
    quoteWhy: 'نقل‌قول منبع ۱',
    copyWhy: 'مشکوک به حساب جعلی; ۱۰۰٪ همان متن منبع ۱',
    refused:
      'پذیرفته نشد: blocked: confirmation refused: confirmed by 2 independent sources, this desk needs 3 (1 more)',
    confirmed: 'تأیید شد · ۳ منبع مستقل',
    justRead: 'فقط خواندن، بدون حساب',
    trust: 'دنبال‌شده از سوی حساب‌های مورد اعتماد میز: ۱',
  },
} as const;

describe('the verification desk in Chromium, 2009 replayed', () => {
  const owner = keys();
  const env = nodeSuite({ browser: true, client: true, node: { webDir, desk: npubEncode(owner.pk) } });
  let curator: AppUser;
  let t = Math.floor(Date.now() / 1000) - 3000;
  const publish = async (ev: NostrEvent) => {
    const r = await env.client.publish(ev);
    assert.equal(r[2], true, String(r[3]));
    return ev;
  };
  const note = (who: TestKeys, content: string, tags: string[][] = []) =>
    publish(signed(who, { content, tags, created_at: ++t }));

  test('a curator signs up and the desk owner adds them', async () => {
    curator = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
    await curator.signUp('desk curator passphrase');
    const pk = decode(curator.npub).data as string;
    await publish(
      signed(owner, {
        kind: DESK_LIST_KIND,
        created_at: ++t,
        tags: [
          ['d', 'lifeline-desk'],
          ['title', 'Tehran desk'],
          ['p', pk],
        ],
      }),
    );
    await env.node.desk.settled();
    assert.ok(env.node.desk.isMember(pk));
  });

  for (const lang of ['en', 'fa'] as const) {
    test(`${lang}: witness, claim, quote and sockpuppet copy not counted, refusal, third source, Confirmed for readers and the no-JS page`, async (tt) => {
      const s = SCRIPT[lang];
      const page = curator.page;
      tt.after(async () => {
        await page.screenshot({ path: join(tmpdir(), `lifeline-desk-${lang}.png`), fullPage: true }).catch(() => {});
      });
      await page.getByLabel('Language / زبان').first().selectOption(s.ui);

      const witness = await note(keys(), s.w1);
      // The live-blogger embeds the witness's post in an entry.
      const blog = parseBlog(
        await publish(signed(owner, buildBlog({ d: `vanak-${lang}`, title: 'Tehran, live', lang }, ++t))),
      );
      await publish(
        signed(
          owner,
          buildEntry(blog, { headline: 'Green scarves at Vanak', body: 'A reader writes:', embeds: [witness] }, ++t),
        ),
      );

      // The curator opens the claim on the witness's post.
      await curator.go(`#/thread/${witness.id}`);
      const post = page.getByTestId('note').filter({ hasText: s.w1 }).first();
      await post.getByTestId('open-claim').click();
      const form = page.getByTestId('open-claim-form');
      await form.locator('textarea').fill(s.claim);
      await form.locator('select').first().selectOption(lang);
      await form.getByRole('button').click();
      await page.getByTestId('claim-page').waitFor();
      await page.getByTestId('claim-state').filter({ hasText: s.needs2 }).waitFor();

      // Sources attached within one second are numbered by id (NIP-01 order), so items are found by their text.
      const item = (text: string) => page.getByTestId('source').filter({ hasText: text });
      const attach = async (id: string, kind: 'primary' | 'secondary') => {
        const f = page.getByTestId('attach-source');
        await f.locator('input[name=source]').fill(noteEncode(id));
        await f.locator('select[name=kind]').selectOption(kind);
        await f.getByRole('button').click();
        await page.getByTestId('attach-result').waitFor();
        await env.node.deskBook.settled();
      };
      const attachPost = async (ev: NostrEvent, kind: 'primary' | 'secondary') => {
        await attach(ev.id, kind);
        await item(ev.content).waitFor();
      };
      const second = await note(keys(), s.w2);
      const quote = await note(keys(), s.quote, [['q', witness.id]]);
      const puppet = keys();
      const copy = await note(puppet, s.copy);
      await attachPost(second, 'primary');
      await attachPost(quote, 'secondary');
      await attachPost(copy, 'primary');
      const copyItem = item(s.copy);
      // The curator labels the copier a suspected sockpuppet, from the source itself.
      const label = copyItem.getByTestId('label-author');
      await label.locator('select').selectOption('suspected_sockpuppet');
      await label.locator('input').fill('account made today, copies witnesses word for word');
      await label.getByRole('button').click();
      await item(s.copy).filter({ hasText: s.copyWhy }).waitFor();

      assert.equal(await page.getByTestId('source').count(), 4);
      const why = async (text: string) => [
        await item(text).getAttribute('data-counts'),
        await item(text).getByTestId('source-reason').textContent(),
      ];
      for (const counted of [s.w1, s.w2]) assert.equal((await why(counted))[0], 'true');
      const [quoteCounts, quoteWhy] = await why(s.quote);
      assert.equal(quoteCounts, 'false');
      assert.ok(quoteWhy!.includes(s.quoteWhy), quoteWhy!);
      const [copyCounts, copyWhy] = await why(s.copy);
      assert.equal(copyCounts, 'false');
      assert.ok(copyWhy!.includes(s.copyWhy), copyWhy!);

      // Confirmed below the rule: the relay refuses it and the page says why.
      const stateForm = page.getByTestId('set-state');
      await stateForm.locator('select[name=state]').selectOption('confirmed');
      await stateForm.locator('input[name=reason]').fill('two witnesses');
      await stateForm.getByRole('button').click();
      await page.getByTestId('state-result').filter({ hasText: s.refused }).waitFor();

      const third = await note(keys(), s.w3);
      await attachPost(third, 'primary');
      await stateForm.locator('select[name=state]').selectOption('confirmed');
      await stateForm.locator('input[name=reason]').fill('three independent witnesses');
      await stateForm.getByRole('button').click();
      await page.getByTestId('claim-state').filter({ hasText: s.confirmed }).waitFor();
      await page.getByTestId('history').filter({ hasText: 'three independent witnesses' }).waitFor();

      // A reader with no account, in the language of the run, sees the badge on the post.
      const reader = (await env.chrome.newUser({ locale: lang === 'fa' ? 'fa-IR' : 'en-US' })).page;
      await reader.goto(`${env.node.httpUrl}/`);
      await reader.getByRole('button', { name: s.justRead }).click();
      await reader.evaluate(`location.hash = ${JSON.stringify(`#/thread/${witness.id}`)}`);
      const badge = reader.getByTestId('note').filter({ hasText: s.w1 }).first().getByTestId('claim-badge');
      await badge.filter({ hasText: s.confirmed }).waitFor();
      assert.equal(await badge.getAttribute('data-state'), 'confirmed');
      // ... and on the quote, whose embedded original carries the same badge.
      await reader.evaluate(`location.hash = ${JSON.stringify(`#/thread/${quote.id}`)}`);
      await reader.getByTestId('embedded').getByTestId('claim-badge').filter({ hasText: s.confirmed }).waitFor();
      // The copier is marked on their post for every reader.
      await reader.evaluate(`location.hash = ${JSON.stringify(`#/thread/${copy.id}`)}`);
      await reader.getByTestId('account-badge').first().waitFor();
      assert.equal(
        await reader.getByTestId('account-badge').first().getAttribute('data-label'),
        'suspected_sockpuppet',
      );

      // Web-of-trust context on the witness's profile: the desk owner follows them.
      await publish(signed(owner, { kind: 3, created_at: ++t, tags: [['p', witness.pubkey]] }));
      await reader.evaluate(`location.hash = ${JSON.stringify(`#/p/${npubEncode(witness.pubkey)}`)}`);
      await reader.getByTestId('trust-line').filter({ hasText: s.trust }).waitFor();

      // The live-blog page with JavaScript off shows the state of the entry embedding the post.
      const noJs = await env.chrome.browser.newContext({ javaScriptEnabled: false });
      try {
        const p = await noJs.newPage();
        await p.goto(`${env.node.httpUrl}${blogPath(owner.pk, blog.d)}`);
        const state = p.locator('.claim-state');
        assert.equal(await state.getAttribute('data-state'), 'confirmed');
        assert.equal((await state.textContent())?.trim(), s.confirmed);
      } finally {
        await noJs.close();
      }
    });
  }

  test('the desk page: keyboard through the queue, and a report resolved', async () => {
    const page = curator.page;
    await page.getByLabel('Language / زبان').first().selectOption('en');
    const reported = keys();
    const report = await publish(
      signed(keys(), {
        kind: 1984,
        created_at: ++t,
        tags: [['p', reported.pk, 'impersonation']],
        content: 'poses as a Tehran witness',
      }),
    );
    await curator.go('#/desk');
    await page.getByTestId('desk-page').waitFor();
    // Both claims are Confirmed, so the open queue is empty until the filter moves on with "f".
    await page.getByTestId('desk-filter').waitFor();
    assert.equal(await page.getByTestId('queue-item').count(), 0);
    await page.locator('body').click();
    await page.keyboard.press('f');
    await page.getByTestId('queue-item').nth(1).waitFor();
    assert.equal(await page.getByTestId('desk-filter').inputValue(), 'all');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const second = await page.getByTestId('queue-item').nth(1).getAttribute('data-claim');
    await page.keyboard.press('Enter');
    await page.getByTestId('claim-page').waitFor();
    assert.equal(await curator.page.evaluate('location.hash'), `#/claim/${second}`);

    await curator.go('#/desk');
    const item = page.getByTestId('report').filter({ hasText: 'poses as a Tehran witness' });
    await item.waitFor();
    await item.getByRole('button', { name: 'Resolve' }).click();
    await item.waitFor({ state: 'detached' });
    const queue = (await (await fetch(`${env.node.httpUrl}/api/desk/queue`)).json()) as { reports: unknown[] };
    assert.equal(queue.reports.length, 0, report.id);
  });
});

describe('a reader chooses which desk to follow', () => {
  const strict = keys();
  const quick = keys();
  const env = nodeSuite({
    browser: true,
    client: true,
    node: { webDir, desk: `${npubEncode(strict.pk)},${npubEncode(quick.pk)}` },
  });
  let t = Math.floor(Date.now() / 1000) - 3000;
  const publish = async (ev: NostrEvent) => {
    const r = await env.client.publish(ev);
    assert.equal(r[2], true, String(r[3]));
    return ev;
  };

  test("the claim page and badges follow the chosen desk's verdict", async () => {
    await publish(
      signed(strict, {
        kind: DESK_LIST_KIND,
        created_at: ++t,
        tags: [
          ['d', 'lifeline-desk'],
          ['title', 'Strict desk'],
        ],
      }),
    );
    await publish(
      signed(quick, {
        kind: DESK_LIST_KIND,
        created_at: ++t,
        tags: [
          ['d', 'lifeline-desk'],
          ['title', 'Quick desk'],
          ['min-sources', '1'],
        ],
      }),
    );
    await env.node.desk.settled();
    const post = await publish(
      signed(keys(), { content: 'Power cut across northern Tehran since 9pm', created_at: ++t }),
    );
    const claim = await publish(
      signed(quick, {
        ...buildClaim({ target: post.id, text: 'Power cut in northern Tehran', lang: 'en' }),
        created_at: ++t,
      }),
    );
    await env.node.deskBook.settled();
    await publish(
      signed(quick, {
        ...buildState({ claim: claim.id, state: 'confirmed', reason: 'one witness is enough here' }),
        created_at: ++t,
      }),
    );

    const reader = (await env.chrome.newUser()).page;
    await reader.goto(`${env.node.httpUrl}/`);
    await reader.getByRole('button', { name: 'Just read, without an account' }).click();
    await reader.evaluate(`location.hash = ${JSON.stringify(`#/claim/${claim.id}`)}`);
    await reader.getByTestId('claim-state').filter({ hasText: 'Unstarted · no independent source yet' }).waitFor();
    await reader.getByTestId('desk-chooser').selectOption(`30000:${quick.pk}:lifeline-desk`);
    await reader.getByTestId('claim-state').filter({ hasText: 'Confirmed · 1 independent source' }).waitFor();
    await reader.evaluate(`location.hash = ${JSON.stringify(`#/thread/${post.id}`)}`);
    await reader.getByTestId('claim-badge').filter({ hasText: 'Confirmed · 1 independent source' }).waitFor();
    // "Just read" keeps nothing on the device, not even the chosen desk.
    assert.equal(await reader.evaluate('localStorage.getItem("lifeline.desk")'), null);
  });
});
