import { createStore } from './store.js';

/** Bumped to re-render everything, e.g. after a language switch. */
export const uiTick = createStore(0);

/** Re-renders the whole app. */
export function rerender(): void {
  uiTick.set((n) => n + 1);
}
