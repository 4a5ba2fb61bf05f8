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

function idOf(x: unknown): string {
  const id = (x as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : '(no id)';
}

function run(): void {
  const pages = pagesToCheck();
  let total = 0;
  const failed: string[] = [];
  for (const p of pages)
    for (const e of p.events) {
      total++;
      if (!verifiedEvent(e)) failed.push(`${idOf(e)} (${p.page})`);
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
    ? `${failed.length} of ${total} signatures FAILED — this copy was altered. Failing events:`
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

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
else run();
