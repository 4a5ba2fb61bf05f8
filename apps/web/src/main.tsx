import { render } from 'preact';
import './styles.css';
import { applyLang } from './i18n/index.js';
import { App } from './ui/App.js';
import * as session from './state/session.js';

/** Entry point: applies the language and direction, restores the session, mounts the app. */
applyLang();
const root = document.getElementById('app');
if (root) {
  void session.restore().finally(() => render(<App />, root));
}
