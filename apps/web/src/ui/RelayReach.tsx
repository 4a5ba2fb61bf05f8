import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { pool } from '../state/relays.js';

/**
 * Which relays answer right now, always in view: "2 of 3 relays reachable" and the unreachable ones
 * by name, so a reader in an outage knows the app has moved to a mirror rather than frozen.
 */
export function RelayReach() {
  const [, tick] = useState(0);
  useEffect(() => pool.onStatus(() => tick((n) => n + 1)), []);
  const reads = new Set(pool.relays());
  const all = pool.status().filter((s) => reads.has(s.url));
  const open = all.filter((s) => s.state === 'open').length;
  const down = all.filter((s) => s.state === 'backoff' || s.state === 'closed');
  return (
    <p class="muted" role="status" data-testid="reach">
      {t('relaysReachable', { open, total: all.length })}
      {down.length > 0 && (
        <>
          {' '}
          {t('relaysUnreachable')}{' '}
          {down.map((s, i) => (
            <>
              {i > 0 && ', '}
              <bdi class="ltr" data-testid="unreachable">
                {s.url.replace(/^wss?:\/\//, '')}
              </bdi>
            </>
          ))}
        </>
      )}
    </p>
  );
}
