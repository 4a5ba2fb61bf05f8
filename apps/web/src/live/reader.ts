// Progressive enhancement for server-rendered live-blog pages (/live/...): the reader's local time
// beside each blog-zone time, and a live "N new entries" bar fed by a same-origin WebSocket REQ.
// The page works fully without this script (Tor Browser's safest mode).

import { addCommentForm } from './comment-form.js';

const ENTRY_KIND = 1312;
const REVISION_KIND = 1313;

const body = document.body;
const lang = body.dataset.lang ?? 'en';
const persian = lang.startsWith('fa');
const locale = persian ? 'fa-IR-u-ca-persian-nu-arabext' : undefined;

/** Adds "(your time 10:45)" after every blog-zone time. */
function addLocalTimes(root: ParentNode): void {
  const fmt = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  for (const el of root.querySelectorAll<HTMLTimeElement>('time[data-local]')) {
    if (el.nextElementSibling?.classList.contains('local')) continue;
    const when = new Date(el.dateTime);
    if (Number.isNaN(when.getTime())) continue;
    const span = document.createElement('span');
    span.className = 'local';
    span.textContent = `(${persian ? 'وقت شما' : 'your time'} ${fmt.format(when)})`;
    el.after(span);
  }
}

function barText(n: number): string {
  const count = n.toLocaleString(locale);
  if (persian) return `${count} مطلب یا به‌روزرسانی تازه — نمایش`;
  return n === 1 ? '1 new entry or update — show' : `${count} new entries or updates — show`;
}

/** Opens the live subscription; counts new entries and revisions by the blog's editors. */
function followLive(): void {
  const coordinate = body.dataset.coordinate;
  if (!coordinate || body.dataset.live !== '1' || typeof WebSocket === 'undefined') return;
  const editors = new Set((body.dataset.editors ?? '').split(',').filter(Boolean));
  const since = Math.floor(Date.now() / 1000) - 5;
  const seen = new Set<string>();
  const bar = document.createElement('button');
  bar.id = 'new-bar';
  bar.type = 'button';
  bar.hidden = true;
  bar.setAttribute('aria-live', 'polite');
  document.body.append(bar);
  bar.addEventListener('click', () => void refresh(bar, seen));
  let retry = 1000;
  const connect = () => {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`);
    ws.onopen = () => {
      retry = 1000;
      ws.send(JSON.stringify(['REQ', 'live', { kinds: [ENTRY_KIND, REVISION_KIND], '#a': [coordinate], since }]));
    };
    ws.onmessage = (msg) => {
      let m: unknown;
      try {
        m = JSON.parse(String(msg.data));
      } catch {
        return;
      }
      if (!Array.isArray(m) || m[0] !== 'EVENT') return;
      const e = m[2] as { id?: string; pubkey?: string } | undefined;
      if (!e?.id || !e.pubkey || !editors.has(e.pubkey) || seen.has(e.id)) return;
      seen.add(e.id);
      bar.textContent = barText(seen.size);
      bar.hidden = false;
    };
    ws.onclose = () => {
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 60_000);
    };
  };
  connect();
}

/** Replaces the entries and key events with a fresh server rendering; the page does not jump until asked. */
async function refresh(bar: HTMLButtonElement, seen: Set<string>): Promise<void> {
  const res = await fetch(location.pathname, { headers: { accept: 'text/html' }, cache: 'no-store' });
  if (!res.ok) return;
  const fresh = new DOMParser().parseFromString(await res.text(), 'text/html');
  for (const sel of ['#entries', '.key-events']) {
    const next = fresh.querySelector(sel);
    const current = document.querySelector(sel);
    if (next && current) current.replaceWith(document.importNode(next, true));
    else if (next && sel === '.key-events') document.querySelector('#entries')?.before(document.importNode(next, true));
  }
  addLocalTimes(document);
  seen.clear();
  bar.hidden = true;
  document.querySelector('#entries')?.scrollIntoView({ block: 'start' });
}

addLocalTimes(document);
followLive();
if (body.dataset.coordinate) {
  const coordinate = body.dataset.coordinate;
  addCommentForm(coordinate, persian);
  // Extensions may inject window.nostr a moment after the page's scripts run.
  setTimeout(() => addCommentForm(coordinate, persian), 1000);
}
