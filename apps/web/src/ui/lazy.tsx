import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';

/**
 * Screens whose code is a separate chunk, fetched the first time one of them is shown (issue 15: the
 * first timeline downloads only what it needs). `lazyModule(() => import('./x.js'))` returns a maker:
 * `screen((m) => m.SomeScreen)` is a component. Once the chunk is here every screen from it renders at
 * once, without a loading frame. Until then a loading line stands in the screen's place (inside
 * `<main>`, which keeps its full height, so nothing around it moves); if the fetch fails (offline
 * before the service worker cached it), a message and a retry button.
 */
export function lazyModule<M>(load: () => Promise<M>) {
  let loaded: M | undefined;
  let pending: Promise<M> | undefined;
  const fetchOnce = () => {
    pending ??= load().then(
      (m) => (loaded = m),
      (err: unknown) => {
        // Not remembered: the retry button asks again.
        pending = undefined;
        throw err;
      },
    );
    return pending;
  };
  return function screen<P extends object>(pick: (m: M) => ComponentType<P>): FunctionComponent<P> {
    return function Lazy(props: P) {
      const [mod, setMod] = useState<M | undefined>(() => loaded);
      const [failed, setFailed] = useState(false);
      const [attempt, setAttempt] = useState(0);
      useEffect(() => {
        if (mod) return;
        let live = true;
        fetchOnce().then(
          (m) => live && setMod(() => m),
          () => live && setFailed(true),
        );
        return () => {
          live = false;
        };
      }, [attempt]);
      if (mod) {
        const C = pick(mod);
        return <C {...props} />;
      }
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
  };
}

/** The chunk of every screen besides the timelines (./on-demand.ts). */
export const onDemand = lazyModule(() => import('./on-demand.js'));
