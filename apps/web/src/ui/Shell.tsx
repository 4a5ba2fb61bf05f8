import { npubEncode } from 'nostr-tools/nip19';
import { t } from '../i18n/index.js';
import { href, routePubkey, useRoute, type Route } from '../router.js';
import { online, outboxCount } from '../state/outbox.js';
import * as session from '../state/session.js';
import { useStore } from '../state/store.js';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { installShortcuts } from './keys.js';
import { LangSwitch } from './LangSwitch.js';
import { RelayReach } from './RelayReach.js';
import { TabBar } from './TabBar.js';
import { UnreadBadge } from './UnreadBadge.js';
import { HomeScreen, EveryoneScreen } from './screens/Feeds.js';
import { onDemand } from './lazy.js';

// Only the timelines are in the entry bundle; every other screen is in one chunk (on-demand.ts), fetched when first
// opened (issue 15: the first post on slow 3G). Keep Feeds out of this list: a lazy chunk on the path
// to the first timeline would add a round trip.
const ThreadScreen = onDemand((m) => m.ThreadScreen);
const ProfileScreen = onDemand((m) => m.ProfileScreen);
const SearchScreen = onDemand((m) => m.SearchScreen);
const NotificationsScreen = onDemand((m) => m.NotificationsScreen);
const SettingsScreen = onDemand((m) => m.SettingsScreen);
const IntakeScreen = onDemand((m) => m.IntakeScreen);
const RatingsScreen = onDemand((m) => m.RatingsScreen);
const ClaimScreen = onDemand((m) => m.ClaimScreen);
const DeskScreen = onDemand((m) => m.DeskScreen);
const AdminScreen = onDemand((m) => m.AdminScreen);
const LiveListScreen = onDemand((m) => m.LiveListScreen);
const LiveEditorScreen = onDemand((m) => m.LiveEditorScreen);

/** The signed-in layout: navigation, panic controls, outbox state, and the current screen. */
export function Shell(props: { pubkey: string }) {
  const route = useRoute();
  const outbox = useStore(outboxCount);
  const isOnline = useStore(online);
  // An empty pubkey is reading mode: no composer, no account screens.
  const reader = props.pubkey === '';
  const me = reader ? '' : npubEncode(props.pubkey);
  useEffect(installShortcuts, []);
  // On a phone the side navigation folds into a "More" menu; it closes whenever the screen changes.
  const [more, setMore] = useState(false);
  useEffect(() => setMore(false), [route.name, route.arg]);
  // Links the phone's tab bar also shows are hidden there (class "tab-dup"), so each is listed once.
  const link = (to: string, label: string, current: boolean, dup = false, extra?: ComponentChildren) => (
    <a href={to} aria-current={current ? 'page' : undefined} class={dup ? 'tab-dup' : undefined}>
      {label}
      {extra}
    </a>
  );
  return (
    <div class="shell">
      {/* A button, not a link: the hash is the route, so "#content" would navigate away instead of moving focus. */}
      <button type="button" class="skip link" onClick={() => document.getElementById('content')?.focus()}>
        {t('skipToContent')}
      </button>
      <nav class="nav" aria-label={t('mainNav')}>
        {/* Always in view: the name, and Lock one tap away (Wipe is then one more, on the lock screen). */}
        <div class="topbar">
          <a class="brand" href={href.home()}>
            {t('appName')}
          </a>
          {reader ? (
            <button type="button" class="primary" onClick={() => session.signIn()}>
              {t('signIn')}
            </button>
          ) : (
            <button type="button" class="lock" onClick={() => session.lock()} title={t('panicLocked')}>
              {t('lock')}
            </button>
          )}
          <button
            type="button"
            class="more-toggle"
            aria-expanded={more}
            aria-controls="more-menu"
            onClick={() => setMore(!more)}
          >
            {t('more')}
          </button>
        </div>
        <div id="more-menu" class={more ? 'more open' : 'more'}>
          {!reader && link(href.home(), t('home'), route.name === 'home', true)}
          {link(href.everyone(), t('everyone'), route.name === 'everyone' || (reader && route.name === 'home'), reader)}
          {!reader &&
            link(href.notifications(), t('notifications'), route.name === 'notifications', true, <UnreadBadge />)}
          {link(href.search(''), t('search'), route.name === 'search' || route.name === 'tag', true)}
          {!reader && link(href.profile(me), t('profile'), route.name === 'profile' && route.arg === me, true)}
          {!reader && link(href.live(), t('liveBlogs'), route.name === 'live' || route.name === 'live-edit', true)}
          {!reader && link(href.intake(), t('intakeQueue'), route.name === 'intake')}
          {!reader && link(href.ratings(), t('notesRatingsTitle'), route.name === 'ratings')}
          {!reader && link(href.settings(), t('settings'), route.name === 'settings')}
          {!reader && link(href.desk(), t('deskQueue'), route.name === 'desk' || route.name === 'claim')}
          {!reader && link(href.admin(), t('adminNav'), route.name === 'admin')}
          <div class="tools">
            <button
              type="button"
              class="danger"
              onClick={async () => {
                if (confirm(t('panicWipeConfirm'))) await session.wipe();
              }}
            >
              {t('panicWipe')}
            </button>
            <LangSwitch />
          </div>
        </div>
        <div class="status-line">
          <p class="muted" role="status" data-testid="outbox">
            {!isOnline && <span>{t('offline')} </span>}
            {outbox > 0 ? t('outbox', { count: outbox }) : t('outboxEmpty')}
          </p>
          <RelayReach />
        </div>
      </nav>
      <main id="content" tabIndex={-1}>
        <Screen route={route} me={props.pubkey} />
      </main>
      <TabBar route={route} me={me} reader={reader} />
    </div>
  );
}

function Screen({ route, me }: { route: Route; me: string }) {
  if (me === '' && ['home', 'notifications', 'settings', 'ratings'].includes(route.name)) return <EveryoneScreen />;
  switch (route.name) {
    case 'everyone':
      return <EveryoneScreen />;
    case 'thread':
      return <ThreadScreen id={route.arg} />;
    case 'profile':
      return <ProfileScreen npub={route.arg} />;
    case 'tag':
      return <SearchScreen query={`#${route.arg}`} />;
    case 'search':
      return <SearchScreen query={route.arg} />;
    case 'notifications':
      return <NotificationsScreen me={me} />;
    case 'settings':
      return <SettingsScreen me={me} />;
    case 'intake':
      return me ? <IntakeScreen /> : <EveryoneScreen />;
    case 'ratings':
      return <RatingsScreen />;
    case 'live':
      return me ? <LiveListScreen /> : <EveryoneScreen />;
    case 'live-edit': {
      const pk = routePubkey(route.arg);
      return me && pk ? <LiveEditorScreen pubkey={pk} d={route.arg2 ?? ''} /> : <EveryoneScreen />;
    }
    case 'claim':
      return <ClaimScreen id={route.arg} />;
    case 'desk':
      return <DeskScreen />;
    case 'admin':
      return me ? <AdminScreen /> : <EveryoneScreen />;
    default:
      return <HomeScreen me={me} />;
  }
}
