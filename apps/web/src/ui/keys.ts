/*
 * Keyboard shortcuts, as on Twitter: j / k move between posts, n writes a new post, / searches.
 * They are ignored while typing in a field, so text is never eaten.
 */

const POSTS = 'main article[data-testid="note"], main article[data-testid="repost"]';

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** Moves focus to the next (+1) or previous (-1) post. */
function step(dir: 1 | -1): void {
  const posts = [...document.querySelectorAll<HTMLElement>(POSTS)];
  const at = posts.findIndex((p) => p === document.activeElement || p.contains(document.activeElement));
  const next = posts[at < 0 ? 0 : Math.min(Math.max(at + dir, 0), posts.length - 1)];
  next?.focus();
  next?.scrollIntoView({ block: 'nearest' });
}

/** Installs the shortcuts; returns a function that removes them. */
export function installShortcuts(): () => void {
  const on = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    if (e.key === 'j') step(1);
    else if (e.key === 'k') step(-1);
    else if (e.key === 'n') document.querySelector<HTMLTextAreaElement>('main form.compose textarea')?.focus();
    else if (e.key === '/') location.hash = '#/search';
    else return;
    e.preventDefault();
  };
  addEventListener('keydown', on);
  return () => removeEventListener('keydown', on);
}
