import { nip05Url, parseNip05 } from '@lifeline/client';
import { t } from '../../i18n/index.js';
import { nip05State, nip05Tick } from '../../state/nip05.js';
import { useStore } from '../../state/store.js';

/** A profile's NIP-05 identifier with what is known of it (see state/nip05.ts for what is fetched). */
export function Nip05(props: { nip05: string; pubkey: string }) {
  useStore(nip05Tick);
  const id = parseNip05(props.nip05);
  const state = nip05State(props.nip05, props.pubkey);
  if (!id || !state) return null;
  return (
    <p class="nip05" data-testid="nip05" data-state={state}>
      <bdi class="ltr">{id.display}</bdi>{' '}
      {state === 'verified' ? (
        <span class="badge ok">✓ {t('nip05Verified')}</span>
      ) : state === 'foreign' ? (
        <>
          <span class="muted">{t('nip05NotChecked')}</span>{' '}
          <a href={nip05Url(id)} target="_blank" rel="noopener noreferrer nofollow" class="muted">
            {t('nip05CheckYourself', { domain: id.domain })}
          </a>
        </>
      ) : state === 'checking' ? (
        <span class="muted">{t('loading')}</span>
      ) : (
        <span class="badge warn">{state === 'mismatch' ? t('nip05Mismatch') : t('nip05Unreachable')}</span>
      )}
    </p>
  );
}
