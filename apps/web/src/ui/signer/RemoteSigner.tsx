import type { NostrConnectOffer } from '@lifeline/client/nip46';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { ownRelayUrl } from '../../state/relays.js';
import * as session from '../../state/session.js';
import { useStore } from '../../state/store.js';
import { Qr } from '../Qr.js';

/**
 * Sign-in with a NIP-46 remote signer: paste its bunker:// address, or show a nostrconnect:// code
 * for the signer app. Either way a passphrase (typed twice) encrypts the pairing key at rest.
 */
export function RemoteSignerForm(props: { onCancel: () => void }) {
  const [uri, setUri] = useState('');
  const [pass, setPass] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [offer, setOffer] = useState<NostrConnectOffer | null>(null);
  const live = useRef<NostrConnectOffer | null>(null);
  // Leaving the form withdraws a code still waiting for the signer app.
  useEffect(() => () => live.current?.cancel(), []);

  const passphraseProblem = () =>
    pass.length < 8 ? t('passphraseShort') : pass !== repeat ? t('passphraseMismatch') : '';
  const fail = (err: unknown) => {
    const e = err as { code?: string; message?: string };
    setError(e.code === 'refused' ? `${t('remoteRefused')} ${e.message ?? ''}` : e.message || t('keyInvalid'));
    setBusy(false);
  };

  return (
    <form
      aria-labelledby="remote-h"
      onSubmit={async (e) => {
        e.preventDefault();
        const problem = passphraseProblem();
        if (problem) return setError(problem);
        setBusy(true);
        setError('');
        await session.useRemoteSigner(uri, pass).catch(fail);
      }}
    >
      <h2 id="remote-h">{t('useRemoteSigner')}</h2>
      <p>{t('remoteSignerIntro')}</p>
      <p class="muted">{t('remotePassphraseHint')}</p>
      <label>
        {t('passphrase')}
        <input
          type="password"
          name="passphrase"
          autoComplete="new-password"
          value={pass}
          onInput={(e) => setPass(e.currentTarget.value)}
          required
        />
      </label>
      <label>
        {t('passphraseRepeat')}
        <input
          type="password"
          name="passphrase2"
          autoComplete="new-password"
          value={repeat}
          onInput={(e) => setRepeat(e.currentTarget.value)}
          required
        />
      </label>
      {!offer && (
        <label>
          {t('bunkerAddress')}
          <input
            name="bunker"
            class="ltr"
            autoComplete="off"
            spellcheck={false}
            placeholder="bunker://…"
            value={uri}
            onInput={(e) => setUri(e.currentTarget.value)}
          />
        </label>
      )}
      {offer && <ConnectCode offer={offer} />}
      <AuthUrl />
      {busy && !offer && <p role="status">{t('remoteWaiting')}</p>}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="choices">
        {!offer && (
          <button class="primary" type="submit" disabled={busy || !uri.trim()}>
            {busy ? t('loading') : t('connectBunker')}
          </button>
        )}
        {!offer && (
          <button
            type="button"
            disabled={busy}
            onClick={async () => {
              const problem = passphraseProblem();
              if (problem) return setError(problem);
              setError('');
              setBusy(true);
              try {
                const next = await session.offerRemoteSigner([ownRelayUrl()]);
                live.current = next;
                await next.listening;
                setOffer(next);
                await session.adoptOffer(next, pass);
              } catch (err) {
                if ((err as { code?: string }).code !== 'closed') fail(err);
                live.current = null;
                setOffer(null);
              }
            }}
          >
            {t('showConnectCode')}
          </button>
        )}
        <button
          type="button"
          onClick={() => {
            live.current?.cancel();
            props.onCancel();
          }}
        >
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** The nostrconnect:// code, as a QR code and selectable text, while the signer app has not answered. */
function ConnectCode(props: { offer: NostrConnectOffer }) {
  const box = useRef<HTMLDivElement>(null);
  // On a phone the code appears below the passphrase fields: bring it into view.
  useEffect(() => box.current?.scrollIntoView({ block: 'center' }), []);
  return (
    <div data-testid="nostrconnect" ref={box}>
      <p role="status">{t('connectCodeHelp')}</p>
      <div class="connect-qr">
        <Qr text={props.offer.uri} label={t('connectQrLabel')} testId="nostrconnect-qr" />
      </div>
      <label>
        {t('connectCodeLabel')}
        <textarea class="ltr ncryptsec" readOnly rows={4} value={props.offer.uri} />
      </label>
    </div>
  );
}

/** A NIP-46 auth challenge: the signer's approval page, opened only if the user follows the link. */
export function AuthUrl() {
  const url = useStore(session.signerAuthUrl);
  if (!/^https?:\/\//.test(url)) return null;
  return (
    <p role="status">
      {t('remoteAuthUrl')}{' '}
      <a href={url} target="_blank" rel="noreferrer noopener" class="ltr">
        {url}
      </a>
    </p>
  );
}
