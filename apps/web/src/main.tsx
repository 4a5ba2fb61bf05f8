import { render } from 'preact';

/** Entry point: mounts the app. */
function App() {
  return <main><h1>Lifeline</h1></main>;
}

const root = document.getElementById('app');
if (root) render(<App />, root);
