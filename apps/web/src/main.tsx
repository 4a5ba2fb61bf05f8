import { render } from 'preact';
import './styles.css';
import { applyLang, loadLang } from './i18n/index.js';
import { App } from './ui/App.js';
import * as session from './state/session.js';
import { addNodeMirrors } from './state/relays.js';

/** Entry point: applies the language and direction, loads its strings, restores the session, mounts the app. */
applyLang();
const root = document.getElementById('app');
if (root) {
  // The string table (preloaded by index.html) and the session load side by side.
  void Promise.allSettled([session.restore(), loadLang()]).then(() => render(<App />, root));
}
// The node's mirrors: read from and written to as well, so an outage of this node is survivable.
void addNodeMirrors();
// The app shell's service worker (/sw.js, built with the app): a reload while the node is down still
// opens the app, which then reads from the mirrors. The panic wipe unregisters it.
// Registered 5 s after the page has loaded, not at once: its install downloads every chunk of the build
// (screens, both string tables), which on a slow link shared the bandwidth with the first timeline's
// relay replies (issue 15). Never after a panic wipe on this page, which removed it.
if ('serviceWorker' in navigator) {
  const register = () => {
    if (!session.wipedHere()) navigator.serviceWorker.register('/sw.js').catch(() => {});
  };
  const later = () => setTimeout(register, 5000);
  if (document.readyState === 'complete') later();
  else addEventListener('load', later, { once: true });
}
