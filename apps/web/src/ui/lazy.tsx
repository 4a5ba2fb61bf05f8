import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';

/**
 * A screen whose code is a separate chunk, fetched the first time it is shown (issue 15: the first
 * timeline downloads only what it needs). Until the chunk arrives it shows a loading line in the
 * screen's place (inside `<main>`, which keeps its full height, so nothing around it moves); if the
 * fetch fails (offline before the service worker cached it), a retry button.
 */
export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): FunctionComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const fetchOnce = () => {
    pending ??= load().then(
      (c) => (loaded = c),
      (err: unknown) => {
        // A failed import is not cached by us: the retry button asks again.
        pending = undefined;
        throw err;
      },
    );
    return pending;
  };
  return function Lazy(props: P) {
    const [C, setC] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (C) return;
      let live = true;
      fetchOnce().then(
        (c) => live && setC(() => c),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    if (C) return <C {...props} />;
    if (failed)
      return (
        <div class="screen-loading" role="alert">
          <p>{t('screenLoadFailed')}</p>
          <button
            type="button"
            onClick={() => {
              setFailed(false);
              setAttempt(attempt + 1);
            }}
          >
            {t('screenLoadRetry')}
          </button>
        </div>
      );
    return (
      <p class="screen-loading muted" role="status" aria-busy="true">
        {t('loading')}
      </p>
    );
  };
}
