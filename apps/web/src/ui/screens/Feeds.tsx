import { everyoneFilter, homeFilter } from '@lifeline/client';
import { t } from '../../i18n/index.js';
import { href } from '../../router.js';
import { net } from '../../state/net.js';
import { useStore } from '../../state/store.js';
import { Compose } from '../Compose.js';
import { Timeline } from '../Timeline.js';

function Tabs(props: { current: 'home' | 'everyone' }) {
  return (
    <nav class="tabs" aria-label={t('mainNav')}>
      <a href={href.home()} aria-current={props.current === 'home' ? 'page' : undefined}>{t('home')}</a>
      <a href={href.everyone()} aria-current={props.current === 'everyone' ? 'page' : undefined}>{t('everyone')}</a>
    </nav>
  );
}

/** Home: posts and reposts of followed accounts (and the user's own). */
export function HomeScreen(props: { me: string }) {
  useStore(net.followList);
  return (
    <>
      <h1>{t('home')}</h1>
      <Tabs current="home" />
      <Compose />
      <Timeline filters={homeFilter(props.me, net.follows())} empty={t('emptyHome')} />
    </>
  );
}

/** Everyone: the relay's recent public posts. */
export function EveryoneScreen() {
  return (
    <>
      <h1>{t('everyone')}</h1>
      {net.me() && <Tabs current="everyone" />}
      {net.me() && <Compose />}
      <Timeline filters={everyoneFilter()} />
    </>
  );
}
