import { everyoneFilter, homeFilter } from '@lifeline/client';
import { t } from '../../i18n/index.js';
import { href } from '../../router.js';
import { me } from '../../state/session.js';
import { followList, follows } from '../../state/social.js';
import { useStore } from '../../state/store.js';
import { Compose } from '../Compose.js';
import { Timeline } from '../Timeline.js';

function Tabs(props: { current: 'home' | 'everyone' }) {
  return (
    <nav class="tabs" aria-label={t('timelineTabs')}>
      <a href={href.home()} aria-current={props.current === 'home' ? 'page' : undefined}>
        {t('home')}
      </a>
      <a href={href.everyone()} aria-current={props.current === 'everyone' ? 'page' : undefined}>
        {t('everyone')}
      </a>
    </nav>
  );
}

/** Home: posts and reposts of followed accounts (and the user's own). */
export function HomeScreen(props: { me: string }) {
  useStore(followList);
  return (
    <>
      <h1>{t('home')}</h1>
      <Tabs current="home" />
      <Compose />
      <Timeline filters={homeFilter(props.me, follows())} empty={t('emptyHome')} />
    </>
  );
}

/** Everyone: the relay's recent public posts. */
export function EveryoneScreen() {
  return (
    <>
      <h1>{t('everyone')}</h1>
      {me() && <Tabs current="everyone" />}
      {me() && <Compose />}
      <Timeline filters={everyoneFilter()} />
    </>
  );
}
