import type { SignedEvent } from '@lifeline/client';
import { accountLabelName, badgeText } from '@lifeline/verify-desk';
import { useState } from 'preact/hooks';
import { lang, t } from '../../i18n/index.js';
import { accountLabelOf, amMember, badgeOf, desk, deskTick } from '../../state/desk.js';
import { useStore } from '../../state/store.js';
import { OpenClaimForm } from './OpenClaimForm.js';

/** Badge colour by state: confirmed reads as good news, false and misleading as a warning. */
const TONE: Record<string, string> = { confirmed: 'ok', false: 'bad', misleading: 'bad' };

/**
 * The desk's word on a post (its claim's state, linked to the claim page) and on its author
 * (suspected sockpuppet, sockpuppet, trusted), for every reader, signed in or not. A desk
 * member also gets "Open claim" on a post that has none.
 */
export function DeskBadges(props: { event: SignedEvent }) {
  useStore(deskTick);
  const d = useStore(desk);
  const [opening, setOpening] = useState(false);
  const ev = props.event;
  const badge = badgeOf(ev.id);
  const author = accountLabelOf(ev.pubkey);
  return (
    <>
      {badge && (
        <a
          href={`#/claim/${badge.claim}`}
          class={`badge desk-badge ${TONE[badge.state] ?? 'warn'}`}
          data-testid="claim-badge"
          data-state={badge.state}
          title={t('deskBadgeTitle')}
        >
          {badgeText(badge, lang(), d?.states ?? [])}
        </a>
      )}
      {author && author.label !== 'trusted' && author.label !== 'unverified' && (
        <span class="badge bad" data-testid="account-badge" data-label={author.label} title={author.reason}>
          {accountLabelName(author.label, lang())}
        </span>
      )}
      {badge === null && amMember() && !opening && (
        <button type="button" class="link" data-testid="open-claim" onClick={() => setOpening(true)}>
          {t('deskOpenClaim')}
        </button>
      )}
      {opening && <OpenClaimForm event={ev} onDone={() => setOpening(false)} />}
    </>
  );
}

/** The desk's label of an account, for profile headers. */
export function AccountBadge(props: { pubkey: string }) {
  useStore(deskTick);
  const label = accountLabelOf(props.pubkey);
  if (!label || label.label === 'unverified') return null;
  return (
    <span
      class={`badge ${label.label === 'trusted' ? 'ok' : 'bad'}`}
      data-testid="account-badge"
      data-label={label.label}
      title={label.reason}
    >
      {accountLabelName(label.label, lang())}
    </span>
  );
}
