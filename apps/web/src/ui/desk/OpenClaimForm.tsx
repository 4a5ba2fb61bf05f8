import type { SignedEvent } from '@lifeline/client';
import type { SourceKind } from '@lifeline/verify-desk';
import { useState } from 'preact/hooks';
import { lang, t } from '../../i18n/index.js';
import { openClaim } from '../../state/desk.js';

/** Opens a claim on a post: the claim's words, their language, and what the post is as a source. */
export function OpenClaimForm(props: { event: SignedEvent; onDone: () => void }) {
  const [text, setText] = useState('');
  const [claimLang, setClaimLang] = useState<string>(lang());
  const [kind, setKind] = useState<SourceKind>('primary');
  const [error, setError] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return;
    const { refused } = await openClaim(props.event, text.trim(), claimLang, kind);
    if (refused) return setError(t('deskRefused', { reason: refused }));
    props.onDone();
    location.hash = `#/claim/${props.event.id}`;
  };
  return (
    <form class="desk-form" data-testid="open-claim-form" onSubmit={submit}>
      <label>
        {t('deskClaimText')}
        <textarea dir="auto" maxLength={1000} value={text} onInput={(e) => setText(e.currentTarget.value)} required />
      </label>
      <label>
        {t('deskClaimLang')}{' '}
        <select value={claimLang} onChange={(e) => setClaimLang(e.currentTarget.value)}>
          <option value="fa">فارسی</option>
          <option value="en">English</option>
        </select>
      </label>
      <label>
        {t('deskTargetIs')}{' '}
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value as SourceKind)}>
          <option value="primary">{t('deskPrimary')}</option>
          <option value="secondary">{t('deskSecondary')}</option>
        </select>
      </label>
      <button type="submit">{t('deskOpenSubmit')}</button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
