// A reader comment form for live-blog pages, shown only when the browser holds a Nostr key through
// a NIP-07 extension: comments are NIP-53 live chat messages (kind 1311) with the blog's `a` tag,
// signed by the reader's key and sent to this node over a same-origin WebSocket.

const COMMENT_KIND = 1311;

interface Nip07 {
  signEvent(t: {
    kind: number;
    created_at: number;
    tags: string[][];
    content: string;
  }): Promise<{ id: string; content: string }>;
}

const text = (persian: boolean) =>
  persian
    ? {
        label: 'نظر شما',
        send: 'فرستادن',
        sending: 'در حال فرستادن…',
        sent: 'نظر شما منتشر شد.',
        failed: 'فرستاده نشد: ',
      }
    : {
        label: 'Your comment',
        send: 'Send',
        sending: 'Sending…',
        sent: 'Your comment was published.',
        failed: 'Not sent: ',
      };

/** Publishes one signed event to the node and resolves with the relay's OK verdict. */
function publish(event: { id: string }): Promise<{ ok: boolean; message: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`);
    const done = (ok: boolean, message: string) => {
      clearTimeout(timer);
      ws.close();
      resolve({ ok, message });
    };
    const timer = setTimeout(() => done(false, 'no answer from the relay'), 15_000);
    ws.onopen = () => ws.send(JSON.stringify(['EVENT', event]));
    ws.onerror = () => done(false, 'cannot reach the relay');
    ws.onmessage = (msg) => {
      try {
        const m = JSON.parse(String(msg.data)) as unknown[];
        if (m[0] === 'OK' && m[1] === event.id) done(m[2] === true, String(m[3] ?? ''));
      } catch {
        // Not for us: ignore.
      }
    };
  });
}

/** Adds the comment form to the page's comments section if a NIP-07 signer is present. */
export function addCommentForm(coordinate: string, persian: boolean): void {
  const nostr = (window as unknown as { nostr?: Nip07 }).nostr;
  const section = document.querySelector('section.comments');
  if (!nostr || !section || section.querySelector('form')) return;
  const t = text(persian);
  const form = document.createElement('form');
  form.className = 'comment-form';
  const label = document.createElement('label');
  label.textContent = t.label;
  const area = document.createElement('textarea');
  area.name = 'comment';
  area.dir = 'auto';
  area.rows = 3;
  area.maxLength = 2000;
  area.required = true;
  label.append(area);
  const button = document.createElement('button');
  button.type = 'submit';
  button.textContent = t.send;
  const status = document.createElement('p');
  status.className = 'status';
  status.setAttribute('role', 'status');
  form.append(label, button, status);
  section.querySelector('h2')?.after(form);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const content = area.value.trim();
    if (!content) return;
    button.disabled = true;
    status.textContent = t.sending;
    void (async () => {
      try {
        const signed = await nostr.signEvent({
          kind: COMMENT_KIND,
          created_at: Math.floor(Date.now() / 1000),
          tags: [['a', coordinate]],
          content,
        });
        const verdict = await publish(signed);
        if (!verdict.ok) throw new Error(verdict.message);
        area.value = '';
        status.textContent = t.sent;
        let list = section.querySelector('ul');
        if (!list) {
          list = document.createElement('ul');
          form.after(list);
          section.querySelector('p:not(.status):not(.hint)')?.remove();
        }
        const li = document.createElement('li');
        const p = document.createElement('p');
        p.dir = 'auto';
        p.textContent = signed.content;
        li.append(p);
        list.prepend(li);
      } catch (err) {
        status.textContent = t.failed + (err instanceof Error ? err.message : String(err));
      } finally {
        button.disabled = false;
      }
    })();
  });
}
