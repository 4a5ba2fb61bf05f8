import type { SignedEvent } from '@lifeline/client';
import { neventEncode } from 'nostr-tools/nip19';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { readRelays } from '../state/relays.js';

/** At most this many relay hints go into a shared nevent (NIP-19 allows several; short links travel better). */
const HINTS = 3;

/** The post's NIP-19 nevent: id, author, kind, and the relays this app reads it from as hints. */
export function shareNevent(ev: SignedEvent): string {
  return neventEncode({ id: ev.id, author: ev.pubkey, kind: ev.kind, relays: readRelays().slice(0, HINTS) });
}

/**
 * "Share": the post's nevent to copy, and the node's page for it (`/e/<nevent>`, readable without
 * JavaScript) when this node has the post. Only this node is asked; nothing goes to a third party.
 */
export function ShareButton(props: { event: SignedEvent }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('share')}
      </button>
      {open && <SharePanel event={props.event} onClose={() => setOpen(false)} />}
    </>
  );
}

function SharePanel(props: { event: SignedEvent; onClose: () => void }) {
  const nevent = shareNevent(props.event);
  const page = `${location.origin}/e/${nevent}`;
  const [pageServed, setPageServed] = useState(false);
  const [copied, setCopied] = useState('');
  useEffect(() => {
    let alive = true;
    // Same origin only: a HEAD to this node, which answers 200 when it stores the post.
    void fetch(`/e/${nevent}`, { method: 'HEAD', cache: 'no-store' }).then(
      (r) => alive && setPageServed(r.ok && (r.headers.get('content-type') ?? '').startsWith('text/html')),
      () => {},
    );
    return () => {
      alive = false;
    };
  }, [nevent]);
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(t('shareCopied'));
    } catch {
      setCopied(t('shareCopyFailed'));
    }
  };
  const row = (label: string, value: string, testid: string) => (
    <label class="share-row">
      {label}
      <span class="share-value">
        <input class="ltr" readOnly value={value} data-testid={testid} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={() => void copy(value)}>
          {t('shareCopy')}
        </button>
      </span>
    </label>
  );
  return (
    <section class="share-panel" aria-label={t('shareTitle')} data-testid="share-panel">
      {row(t('shareNevent'), nevent, 'share-nevent')}
      {pageServed && row(t('shareWebPage'), page, 'share-page')}
      {copied && (
        <p class="muted" role="status">
          {copied}
        </p>
      )}
      <button type="button" class="link" onClick={props.onClose}>
        {t('shareClose')}
      </button>
    </section>
  );
}
