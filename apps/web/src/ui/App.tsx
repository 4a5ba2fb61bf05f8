import { useEffect, useState } from 'preact/hooks';
import { uiTick } from '../state/app.js';
import * as session from '../state/session.js';
import { useStore } from '../state/store.js';
import { onDemand } from './lazy.js';
import { Unlock } from './Unlock.js';
import { Shell } from './Shell.js';
import { loadMine, resetSocial } from '../state/social.js';
import { startOutbox } from '../state/outbox.js';
import { startUnread } from '../state/unread.js';

// Account creation and the backup step are their own chunk: a returning reader never needs them.
const Onboarding = onDemand((m) => m.Onboarding);
const Backup = onDemand((m) => m.Backup);

/** Top level: onboarding, the lock screen, or the app itself. */
export function App() {
  useStore(uiTick);
  const s = useStore(session.sessionState);
  useEffect(() => {
    const on = () => session.touch();
    for (const ev of ['pointerdown', 'keydown', 'scroll']) addEventListener(ev, on, { passive: true });
    return () => {
      for (const ev of ['pointerdown', 'keydown', 'scroll']) removeEventListener(ev, on);
    };
  }, []);
  useEffect(() => {
    if (s.status === 'ready' && s.pubkey) void loadMine(s.pubkey);
    if (s.status === 'none') resetSocial();
  }, [s.status, s.pubkey]);
  useEffect(() => startOutbox(), []);
  // The unread badge follows the signed-in user; locking or signing out stops it.
  const counting = s.status === 'ready' && s.pubkey ? s.pubkey : '';
  useEffect(() => (counting ? startUnread(counting) : undefined), [counting]);
  if (s.status === 'none') return <Onboarding />;
  if (s.status === 'locked') return <Unlock />;
  if (s.status === 'backup') return <BackupStep />;
  return <Shell pubkey={s.pubkey ?? ''} />;
}

/** Right after account creation: show the ncryptsec to back up. */
function BackupStep() {
  const [ncryptsec, setN] = useState('');
  useEffect(() => {
    void session.exportNcryptsec().then(setN);
  }, []);
  return <Backup ncryptsec={ncryptsec} onDone={() => session.finishOnboarding()} />;
}
