import type { ComponentChildren } from 'preact';
import { t } from '../i18n/index.js';
import { href, type Route } from '../router.js';
import { UnreadBadge } from './UnreadBadge.js';

/**
 * The phone's bottom tab bar: Home, Search, Live, Notifications (with the unread badge), Profile.
 * Hidden on wide screens, where the side navigation shows the same links. A flex row, so a
 * right-to-left page mirrors its order.
 */
export function TabBar(props: { route: Route; me: string; reader: boolean }) {
  const { route, me, reader } = props;
  const tab = (to: string, label: string, current: boolean, extra?: ComponentChildren) => (
    <a href={to} aria-current={current ? 'page' : undefined} data-tab={label}>
      <span class="tab-label">{label}</span>
      {extra}
    </a>
  );
  return (
    <nav class="tabbar" aria-label={t('tabBar')} data-testid="tabbar">
      {reader
        ? tab(href.everyone(), t('home'), route.name === 'everyone' || route.name === 'home')
        : tab(href.home(), t('home'), route.name === 'home' || route.name === 'everyone')}
      {tab(href.search(''), t('search'), route.name === 'search' || route.name === 'tag')}
      {!reader && tab(href.live(), t('liveTab'), route.name === 'live' || route.name === 'live-edit')}
      {!reader && tab(href.notifications(), t('notifications'), route.name === 'notifications', <UnreadBadge />)}
      {!reader && tab(href.profile(me), t('profile'), route.name === 'profile' && route.arg === me)}
    </nav>
  );
}
