import { formatNumber, t } from '../i18n/index.js';
import { unreadCount } from '../state/unread.js';
import { useStore } from '../state/store.js';

/** The number of unread notifications beside a Notifications link; nothing when all are read. */
export function UnreadBadge() {
  const n = useStore(unreadCount);
  if (n === 0) return null;
  return (
    <span class="unread" data-testid="unread" title={t('unreadCount', { count: n })}>
      <span aria-hidden="true">{n > 99 ? `${formatNumber(99)}+` : formatNumber(n)}</span>
      <span class="skip">{t('unreadCount', { count: n })}</span>
    </span>
  );
}
