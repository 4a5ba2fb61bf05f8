/**
 * The static site's verifier (bundled to site-verify.js by the web build, copied by `lifeline
 * export-site`). It runs offline in the reader's browser: on an exported page it checks the signed
 * events the page carries in `application/nostr+json` blocks; on verify.html it checks every page's
 * events listed in events.js. A copy served by an untrusted host is thus proven authentic or not
 * without asking any server.
 */
import { verifiedEvent } from '@lifeline/client';

/** One exported page's events, as events.js lists them. */
interface PageEvents {
  page: string;
  events: unknown[];
}

declare global {
  interface Window {
    LIFELINE_SITE_EVENTS?: PageEvents[];
  }
}

function pagesToCheck(): PageEvents[] {
  if (window.LIFELINE_SITE_EVENTS) return window.LIFELINE_SITE_EVENTS;
  const events: unknown[] = [];
  for (const el of document.querySelectorAll('script[type="application/nostr+json"]')) {
    try {
      const parsed: unknown = JSON.parse(el.textContent ?? '');
      if (Array.isArray(parsed)) events.push(...parsed);
      else events.push(parsed);
    } catch {
      events.push(null); // Unparsable counts as a failure, never as silence.
    }
  }
  return [{ page: location.pathname.split('/').pop() ?? '', events }];
}

const norm = (t: string) => t.replace(/\s+/g, ' ').trim();

/** Every text the signed events carry: contents, tag values, and the content of a reposted event. */
function signedText(events: unknown[]): string {
  const parts: string[] = [];
  for (const e of events) {
    const ev = e as { kind?: unknown; content?: unknown; tags?: unknown } | null;
    if (typeof ev?.content === 'string') parts.push(ev.content);
    if (Array.isArray(ev?.tags)) for (const t of ev.tags) if (Array.isArray(t)) parts.push(t.join(' '));
    if (ev?.kind === 6 && typeof ev.content === 'string') {
      try {
        const inner = JSON.parse(ev.content) as { content?: unknown };
        if (typeof inner.content === 'string') parts.push(inner.content);
      } catch {
        // not a repost with an embedded event
      }
    }
  }
  return norm(parts.join('\n'));
}

/**
 * Visible post and entry text that no signed event of the page carries: headlines, bodies and
 * post text, outside links (which show names, tags and shortened addresses) and the page's own
 * labels. Each is named by its article's event id when it has one, else by its first words.
 */
function alteredText(events: unknown[]): string[] {
  const corpus = signedText(events);
  const out: string[] = [];
  for (const article of document.querySelectorAll('article')) {
    let bad = '';
    for (const el of article.querySelectorAll('.body, h2, p[dir="auto"]')) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentElement?.closest('a, .key, .warn, .meta, time, figcaption')) continue;
        const t = norm(n.textContent ?? '');
        if (t.length > 0 && !corpus.includes(t)) bad ||= t;
      }
    }
    if (bad) out.push(`text "${bad.slice(0, 60)}" of ${article.getAttribute('data-id') ?? 'a post'}`);
  }
  return out;
}

function idOf(x: unknown): string {
  const id = (x as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : '(no id)';
}

/** This page's own check: signatures, and visible text against the signed events. */
function checkThisPage(): { total: number; failed: string[] } {
  const [p] = pagesToCheck();
  const failed: string[] = [];
  for (const e of p!.events) if (!verifiedEvent(e)) failed.push(`${idOf(e)} (${p!.page})`);
  for (const t of alteredText(p!.events)) failed.push(`${t} (${p!.page})`);
  return { total: p!.events.length, failed };
}

/**
 * verify.html: every page is opened in a hidden frame, where its own verifier checks it and
 * reports by postMessage (from file:// a page cannot read another's content, but frames can talk).
 * A page that does not report within 15 s fails too.
 */
function checkEveryPage(pages: PageEvents[], failed: string[]): Promise<void> {
  return new Promise((done) => {
    const waiting = new Map<Window, string>();
    let next = 0;
    const open = () => {
      while (waiting.size < 4 && next < pages.length) {
        const page = pages[next++]!.page;
        const frame = document.createElement('iframe');
        frame.hidden = true;
        frame.src = page;
        document.body.append(frame);
        const win = frame.contentWindow!;
        waiting.set(win, page);
        setTimeout(() => finish(win, [`${page}: did not report a check`]), 15_000);
      }
      if (waiting.size === 0) {
        window.removeEventListener('message', onMessage);
        done();
      }
    };
    const finish = (win: Window, pageFailed: string[]) => {
      const page = waiting.get(win);
      if (page === undefined) return;
      waiting.delete(win);
      for (const f of pageFailed) failed.push(f.includes(page) ? f : `${f} (${page})`);
      for (const frame of document.querySelectorAll('iframe')) if (frame.contentWindow === win) frame.remove();
      open();
    };
    const onMessage = (ev: MessageEvent) => {
      const data = ev.data as { lifelineVerify?: string[] } | null;
      if (ev.source && Array.isArray(data?.lifelineVerify))
        finish(ev.source as Window, data.lifelineVerify.map(String));
    };
    window.addEventListener('message', onMessage);
    open();
  });
}

async function run(): Promise<void> {
  let total = 0;
  const failed: string[] = [];
  if (window.LIFELINE_SITE_EVENTS) {
    const pages = window.LIFELINE_SITE_EVENTS;
    for (const p of pages)
      for (const e of p.events) {
        total++;
        if (!verifiedEvent(e)) failed.push(`${idOf(e)} (${p.page})`);
      }
    await checkEveryPage(pages, failed);
  } else {
    const own = checkThisPage();
    total = own.total;
    failed.push(...own.failed);
    // Opened by verify.html: report there.
    if (window.parent !== window) window.parent.postMessage({ lifelineVerify: own.failed }, '*');
  }
  let box = document.getElementById('lifeline-verify');
  if (!box) {
    box = document.createElement('p');
    box.id = 'lifeline-verify';
    document.body.append(box);
  }
  box.setAttribute('role', 'status');
  box.setAttribute('dir', 'auto');
  document.body.dataset.verify = failed.length ? 'failed' : 'ok';
  box.textContent = failed.length
    ? `${failed.length} check(s) of ${total} signed events FAILED — this copy was altered. Failing:`
    : `All ${total} signatures valid. / همه ${total} امضا معتبرند.`;
  if (failed.length) {
    const list = document.createElement('ul');
    list.id = 'lifeline-verify-failed';
    for (const f of failed) {
      const li = document.createElement('li');
      li.textContent = f;
      list.append(li);
    }
    box.after(list);
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void run());
else void run();
