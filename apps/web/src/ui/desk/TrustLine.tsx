import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { loadDesk } from '../../state/desk.js';

/**
 * Web-of-trust context from the node ("Followed by 3 accounts the desk trusts"): context, never a
 * verdict, and nothing at all for an account nobody trusted follows yet (a new witness is not
 * marked down for being new).
 */
export function TrustLine(props: { pubkey: string }) {
  const [count, setCount] = useState(0);
  useEffect(() => {
    let alive = true;
    void loadDesk().then(async (d) => {
      if (!d) return;
      const res = await fetch(`/api/desk/accounts/${props.pubkey}`, { headers: { accept: 'application/json' } }).catch(
        () => undefined,
      );
      if (!res?.ok || !alive) return;
      const body = (await res.json()) as { trust: { followedByTrusted: string[] } };
      if (alive) setCount(body.trust.followedByTrusted.length);
    });
    return () => {
      alive = false;
    };
  }, [props.pubkey]);
  if (!count) return null;
  return (
    <span class="muted" data-testid="trust-line">
      {t('deskTrust', { count })}
    </span>
  );
}
