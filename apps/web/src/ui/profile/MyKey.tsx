import { npubEncode } from 'nostr-tools/nip19';
import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { href } from '../../router.js';
import { Qr } from '../Qr.js';

/** Settings: the user's own npub, to share — copy, and a QR code drawn on this device. */
export function MyNpub(props: { me: string }) {
  const npub = npubEncode(props.me);
  const [copied, setCopied] = useState(false);
  const [showQr, setShowQr] = useState(false);
  return (
    <section class="card" aria-labelledby="npub-h">
      <h2 id="npub-h">{t('yourPublicKey')}</h2>
      <p class="muted">{t('yourPublicKeyText')}</p>
      <p class="ncryptsec ltr" data-testid="my-npub">
        {npub}
      </p>
      <div class="choices">
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard?.writeText(npub).catch(() => {});
            setCopied(true);
          }}
        >
          {copied ? t('copied') : t('copyNpub')}
        </button>
        <button type="button" aria-expanded={showQr} onClick={() => setShowQr(!showQr)}>
          {showQr ? t('hideQr') : t('showQr')}
        </button>
        <a href={href.profile(npub)}>{t('viewProfile')}</a>
      </div>
      {showQr && <Qr text={npub} label={t('qrOf', { what: t('yourPublicKey') })} testId="npub-qr" />}
    </section>
  );
}
